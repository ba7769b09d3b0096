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

"""senlin-lite-status upgrade check."""

import io
import os
from unittest import mock

import fixtures
from oslo_upgradecheck import upgradecheck

from senlin_lite.cmd import status
from senlin_lite.common import policy
from senlin_lite.tests import base

Code = upgradecheck.Code


class TestStatus(base.DBTestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.checks = status.Checks()

    def policy_file(self, text, name='policy.yaml'):
        path = os.path.join(self.tmp, name)
        with open(path, 'w') as f:
            f.write(text)
        self.flags(policy_file=path, group='oslo_policy')
        return path

    def test_database_at_head(self):
        result = self.checks._check_database_revision()
        self.assertEqual(Code.SUCCESS, result.code)
        self.assertIn(status.migration.head(), result.details)

    def test_database_behind(self):
        with mock.patch.object(status.migration, 'version',
                               return_value=None):
            result = self.checks._check_database_revision()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('senlin-lite-manage db sync', result.details)

    def test_no_policy_file(self):
        self.flags(policy_file=os.path.join(self.tmp, 'none.yaml'),
                   group='oslo_policy')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.SUCCESS, result.code)
        self.assertIn('defaults in the code apply', result.details)

    def test_policy_file_overrides(self):
        path = self.policy_file('"nodes:action": "!"\n')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.SUCCESS, result.code)
        self.assertEqual('The policy file %s overrides 1 rule(s): '
                         'nodes:action.' % path, result.details)

    def test_unknown_rule(self):
        self.policy_file('"nodes:adopt": "!"\n"nodes:get": "@"\n')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.WARNING, result.code)
        self.assertIn('nodes:adopt', result.details)
        self.assertNotIn('nodes:get', result.details)

    def test_json_policy_file(self):
        self.policy_file('{"nodes:action": "!"}\n', name='policy.json')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('JSON', result.details)

    def test_broken_policy_file(self):
        self.policy_file('"nodes:action": [\n')
        result = self.checks._check_policy_file()
        self.assertEqual(Code.FAILURE, result.code)
        self.assertIn('cannot be loaded', result.details)

    def test_report_lists_both_checks(self):
        self.policy_file('"nodes:action": "!"\n')
        out = io.StringIO()
        with mock.patch('sys.stdout', out):
            code = self.checks.check()
        self.assertEqual(Code.SUCCESS, code)
        self.assertIn('Database revision', out.getvalue())
        self.assertIn('Policy file', out.getvalue())
