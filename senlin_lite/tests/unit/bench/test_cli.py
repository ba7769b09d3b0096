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

import io
import json
from unittest import mock

import fixtures
from oslotest import base

from senlin_lite.bench import cli


def _floor(per_s, seconds):
    return {'floor_actions_per_s': per_s, 'floor_seconds': seconds,
            'floor_connections': 15}


class TestFloors(base.BaseTestCase):

    def test_the_run_is_compared_with_the_mean_of_both_floors(self):
        result = {'e2e_actions_per_s': 200.0}
        cli._add_floors(result, _floor(700.0, 7.1), _floor(900.0, 5.6))
        self.assertEqual(700.0, result['floor_before_actions_per_s'])
        self.assertEqual(900.0, result['floor_after_actions_per_s'])
        self.assertEqual(800.0, result['floor_actions_per_s'])
        self.assertEqual(0.25, result['fraction_of_floor'])
        self.assertEqual(12.7, result['floor_seconds'])
        self.assertEqual(15, result['floor_connections'])


class TestStartedDaemons(base.BaseTestCase):

    def test_the_daemons_logs_are_named_and_the_result_printed(self):
        deployment = mock.Mock(url='http://127.0.0.1:1',
                               workdir='/tmp/senlin-lite-bench-x')
        deployment.start.return_value = deployment
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.bench.deploy.Deployment', return_value=deployment))
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.bench.cli.measure',
            return_value=({'e2e_actions_per_s': 1.0}, None)))
        out = self.useFixture(fixtures.MockPatch('sys.stdout',
                                                 io.StringIO())).mock
        err = self.useFixture(fixtures.MockPatch('sys.stderr',
                                                 io.StringIO())).mock
        self.assertEqual(0, cli.main(['--start', '--db-url', 'sqlite://']))
        deployment.stop.assert_called_once_with()
        self.assertEqual({'e2e_actions_per_s': 1.0},
                         json.loads(out.getvalue()))
        self.assertIn('logs are in /tmp/senlin-lite-bench-x',
                      err.getvalue())
