# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""senlin-lite-api's server: what the options make of it."""

import logging
from unittest import mock

import fixtures
from granian import constants

from senlin_lite.cmd import api
from senlin_lite import conf
from senlin_lite.tests import base

CONF = conf.CONF


class BuildServerTest(base.TestCase):

    def test_options_reach_the_server(self):
        self.flags(group='senlin_api', bind_host='127.0.0.2',
                   bind_port=18123, threads=3, thread_idle_timeout=42)
        server = api.build_server(workers=5)
        self.assertEqual('127.0.0.2', server.bind_addr)
        self.assertEqual(18123, server.bind_port)
        self.assertEqual(5, server.workers)
        self.assertEqual(3, server.blocking_threads)
        self.assertEqual(42, server.blocking_threads_idle_timeout)
        self.assertEqual(constants.Interfaces.WSGI, server.interface)
        # HTTP/1.1 only: the contract's clients speak nothing else.
        self.assertEqual(constants.HTTPModes.http1, server.http)

    def test_default_threads(self):
        server = api.build_server(workers=1)
        self.assertEqual(8, server.blocking_threads)
        # Kept for granian's longest idle time, not its 30 s.
        self.assertEqual(600, server.blocking_threads_idle_timeout)

    def test_process_name_only_with_setproctitle(self):
        # granian refuses to start with a name and no setproctitle.
        self.assertEqual('senlin-lite-api',
                         api.build_server(workers=1).process_name)
        self.useFixture(fixtures.MockPatch(
            'importlib.util.find_spec', return_value=None))
        self.assertIsNone(api.build_server(workers=1).process_name)


class ThreadsAdviceTest(base.TestCase):

    def _record(self, msg):
        return logging.LogRecord('_granian', logging.WARNING, __file__, 1,
                                 msg, None, None)

    def test_drops_the_threads_advice_only(self):
        advice = api._ThreadsAdvice()
        self.assertFalse(advice.filter(self._record(
            'Configuration allows spawning up to 8 Python threads, which '
            'seems quite high')))
        self.assertTrue(advice.filter(self._record(
            'Listening at: http://127.0.0.1:8777')))
        self.assertTrue(advice.filter(self._record(
            'Worker crash loop detected, exiting')))


class LoadWorkerAppTest(base.TestCase):

    def test_the_worker_is_ready_before_its_first_request(self):
        calls = []
        app = object()
        engine_api = mock.Mock()
        engine_api.connect.side_effect = lambda: calls.append('broker')
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.api.app.load_app', return_value=app))
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.db.api.fill_pool',
            side_effect=lambda warm_up: calls.append('database')))
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.api.hooks.engine_api', return_value=engine_api))
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.common.service.freeze_startup_objects',
            side_effect=lambda: calls.append('frozen')))
        self.assertIs(app, api.load_worker_app())
        # The broker connection is asked for while the pool is warm, and
        # what that built is frozen with the rest of the start-up.
        self.assertEqual(['database', 'broker', 'frozen'], calls)
