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

"""The benchmark's daemons: their sessions, and a start that fails."""

import configparser
import os
import shutil
import stat
import subprocess
from unittest import mock

import fixtures
from oslotest import base

from senlin_lite.bench import deploy


class TestDeployment(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        # A stand-in for every console script: a process that waits.
        folder = self.useFixture(fixtures.TempDir()).path
        self.daemon = os.path.join(folder, 'daemon')
        with open(self.daemon, 'w') as f:
            f.write('#!/bin/sh\nexec sleep 60\n')
        os.chmod(self.daemon, stat.S_IRWXU)
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.bench.deploy._script', return_value=self.daemon))
        self.deployment = deploy.Deployment('sqlite://', 'fake:', engines=1)
        self.addCleanup(shutil.rmtree, self.deployment.workdir, True)
        self.addCleanup(self.deployment.stop)

    @staticmethod
    def _api_options(deployment):
        config = configparser.ConfigParser()
        config.read(deployment.config)
        return dict(config['senlin_api'])

    def test_api_threads_are_written_only_when_given(self):
        self.assertNotIn('threads', self._api_options(self.deployment))
        given = deploy.Deployment('sqlite://', 'fake:', api_threads=3)
        self.addCleanup(shutil.rmtree, given.workdir, True)
        self.assertEqual('3', self._api_options(given)['threads'])

    def test_each_daemon_leads_a_session_of_its_own(self):
        self.deployment._spawn('engine0', 'senlin-lite-engine')
        self.deployment._spawn('engine1', 'senlin-lite-engine')
        pids = self.deployment.pids('engine')
        self.assertEqual(pids, [os.getsid(pid) for pid in pids])
        self.assertNotIn(os.getsid(0), [os.getsid(pid) for pid in pids])

    def test_failed_start_stops_the_daemons_already_started(self):
        spawn = self.deployment._spawn

        def spawn_then_fail(name, script, ready_url=None):
            if name == 'api':
                raise RuntimeError('api did not start')
            spawn(name, script)

        with mock.patch.object(subprocess, 'run'), \
                mock.patch.object(self.deployment, '_spawn',
                                  side_effect=spawn_then_fail):
            self.assertRaises(RuntimeError, self.deployment.start)
        sim = self.deployment.processes['sim']
        self.assertIsNotNone(sim.poll(), 'the simulator is still running')
