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

"""The API's start casts: sent from a thread, several ids a message."""

import logging
import threading
import time
from unittest import mock

import fixtures

from senlin_lite.common import consts
from senlin_lite.engine import rpcapi
from senlin_lite.tests import base as test_base
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.unit.engine import base


class CastSenderTest(test_base.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(senlin_fixtures.Messaging())
        self.api = rpcapi.EngineAPI()
        self.cctxt = mock.Mock()
        self.sent = []
        self.cctxt.cast.side_effect = self._record
        patcher = mock.patch.object(self.api._client, 'prepare',
                                    return_value=self.cctxt)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _record(self, context, method, **kwargs):
        self.sent.append((method, kwargs))

    def wait_sent(self):
        self.assertTrue(self.api._sender.wait_sent(timeout=5))

    def test_casts_pause_after_a_failure(self):
        self.flags(cast_retry_backoff=1, group='engine')
        self.cctxt.cast.side_effect = RuntimeError('broker down')
        self.assertRaises(RuntimeError, self.api.start_action, None, 'a1')
        self.assertFalse(self.api.start_action(None, 'a2'))
        self.assertEqual(1, self.cctxt.cast.call_count)
        time.sleep(1.05)
        self.cctxt.cast.side_effect = None
        self.assertTrue(self.api.start_action(None, 'a3'))
        self.assertTrue(self.api.start_action(None, 'a4'))
        self.assertEqual(3, self.cctxt.cast.call_count)

    def test_ids_announced_during_a_cast_share_the_next_message(self):
        in_flight = threading.Event()
        release = threading.Event()

        def slow_broker(context, method, **kwargs):
            self._record(context, method, **kwargs)
            if len(self.sent) == 1:
                in_flight.set()
                release.wait(5)
        self.cctxt.cast.side_effect = slow_broker

        self.api.announce('a1')
        self.assertTrue(in_flight.wait(5))
        for action_id in ('a2', 'a3', 'a4'):
            self.api.announce(action_id)
        release.set()
        self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': ['a1']}),
             ('start_actions', {'action_ids': ['a2', 'a3', 'a4']})],
            self.sent)

    def test_a_cast_goes_at_once_when_none_went_within_the_window(self):
        self.flags(cast_batch_window=30, group='engine')
        self.api.announce('a1')
        # Nothing was cast in the last 30 s: no waiting for company.
        self.wait_sent()
        self.assertEqual([('start_actions', {'action_ids': ['a1']})],
                         self.sent)

    def test_ids_announced_within_the_window_share_the_next_cast(self):
        self.flags(cast_batch_window=2, group='engine')
        self.api.announce('a1')
        self.wait_sent()
        for action_id in ('a2', 'a3', 'a4'):
            self.api.announce(action_id)
        time.sleep(0.3)
        # Still inside the window opened by the first cast.
        self.assertEqual(1, len(self.sent))
        self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': ['a1']}),
             ('start_actions', {'action_ids': ['a2', 'a3', 'a4']})],
            self.sent)

    def test_a_full_message_does_not_wait_for_the_window(self):
        self.flags(cast_batch_window=30, group='engine')
        self.api.announce('a0')
        self.wait_sent()
        ids = ['a%d' % i for i in range(1, rpcapi.MAX_IDS_PER_CAST + 1)]
        for action_id in ids:
            self.api.announce(action_id)
        self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': ['a0']}),
             ('start_actions', {'action_ids': ids})], self.sent)

    def test_only_a_first_id_or_a_full_message_wakes_the_sender(self):
        self.flags(cast_batch_window=30, group='engine')
        self.api.announce('a0')
        self.wait_sent()
        sender = self.api._sender
        with mock.patch.object(sender._cond, 'notify_all',
                               wraps=sender._cond.notify_all) as wake:
            for index in range(1, 11):
                self.api.announce('a%d' % index)
        # a1 woke it to open its window; a2..a10 wait for the window.
        self.assertEqual(1, wake.call_count)
        self.assertEqual(['a%d' % i for i in range(1, 11)],
                         list(sender._pending))

    def test_no_window_casts_as_soon_as_the_previous_cast_is_sent(self):
        self.flags(cast_batch_window=0, group='engine')
        for action_id in ('a1', 'a2'):
            self.api.announce(action_id)
            self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': ['a1']}),
             ('start_actions', {'action_ids': ['a2']})], self.sent)

    def test_a_failed_cast_does_not_stop_the_sender(self):
        self.flags(cast_retry_backoff=0, group='engine')
        self.cctxt.cast.side_effect = [RuntimeError('broker down'), None]
        self.api.announce('a1')
        self.wait_sent()
        self.api.announce('a2')
        self.wait_sent()
        self.assertEqual(
            [mock.call(mock.ANY, 'start_actions', action_ids=['a1']),
             mock.call(mock.ANY, 'start_actions', action_ids=['a2'])],
            self.cctxt.cast.call_args_list)

    def test_connect_casts_an_empty_batch_before_the_first_id(self):
        self.api.connect()
        self.api.announce('a1')
        self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': []}),
             ('start_actions', {'action_ids': ['a1']})], self.sent)

    def test_connect_once_casting_sends_nothing_more(self):
        self.api.announce('a1')
        self.wait_sent()
        self.api.connect()
        self.api.announce('a2')
        self.wait_sent()
        self.assertEqual(
            [('start_actions', {'action_ids': ['a1']}),
             ('start_actions', {'action_ids': ['a2']})], self.sent)

    def test_a_broker_down_at_connect_is_logged_and_casts_go_on(self):
        self.flags(cast_retry_backoff=0, group='engine')
        logs = self.useFixture(fixtures.FakeLogger(level=logging.WARNING))
        self.cctxt.cast.side_effect = [RuntimeError('broker down'), None]
        self.api.connect()
        self.api.announce('a1')
        self.wait_sent()
        self.assertEqual(
            [mock.call(mock.ANY, 'start_actions', action_ids=[]),
             mock.call(mock.ANY, 'start_actions', action_ids=['a1'])],
            self.cctxt.cast.call_args_list)
        self.assertIn('Could not reach the message broker (broker down)',
                      logs.output)

    def test_the_cast_carries_no_user_credentials(self):
        self.api.announce('a1')
        self.wait_sent()
        context = self.cctxt.cast.call_args[0][0]
        self.assertIsNone(context.auth_token)
        self.assertIsNone(context.user_id)

    def test_an_engine_capped_at_1_0_gets_one_cast_per_id(self):
        self.flags(engine='1.0', group='upgrade_levels')
        api = rpcapi.EngineAPI()
        real_prepare = api._client.prepare
        versions = []

        def prepare(**kwargs):
            # Version checks go to oslo.messaging; casts are recorded.
            if 'retry' not in kwargs:
                return real_prepare(**kwargs)
            versions.append(kwargs['version'])
            return self.cctxt
        with mock.patch.object(api._client, 'prepare', side_effect=prepare):
            self.assertTrue(api.start_actions(None, ['a1', 'a2']))
        self.assertEqual(['1.0'], versions)
        self.assertEqual(
            [('start_action', {'action_id': 'a1'}),
             ('start_action', {'action_id': 'a2'})], self.sent)


class AnnouncedActionsRunTest(base.EngineTestCase):

    def test_one_start_actions_cast_runs_every_action(self):
        nodes = [self.active_node('node-%d' % i) for i in range(3)]
        actions = [self.new_action(node.id, consts.NODE_CHECK)
                   for node in nodes]
        self.assertTrue(self.rpc.start_actions(
            self.ctx, [action.id for action in actions]))
        for action, node in zip(actions, nodes):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)
            self.assert_lock_free(node.id)
