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

"""A daemon's nice value, and its autogroup's."""

import errno
import os
import subprocess
import sys
import textwrap

import fixtures

from senlin_lite.common import priority
from senlin_lite.tests import base


class SetPriorityTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.setpriority = self.useFixture(fixtures.MockPatch(
            'os.setpriority')).mock
        self.group = self.useFixture(fixtures.MockPatch(
            'senlin_lite.common.priority.set_autogroup_nice',
            return_value=True)).mock
        self.logger = self.useFixture(fixtures.FakeLogger())

    def test_unset_keeps_the_priority(self):
        priority.set_priority(None)
        self.setpriority.assert_not_called()
        self.group.assert_not_called()

    def test_sets_the_process_and_autogroup_priority(self):
        priority.set_priority(10, who='engine')
        self.setpriority.assert_called_once_with(os.PRIO_PROCESS, 0, 10)
        self.group.assert_called_once_with(10)
        self.assertIn('Engine running with nice value 10 (its autogroup '
                      'too)', self.logger.output)

    def test_shared_autogroup_is_not_claimed_in_the_log(self):
        self.group.return_value = False
        priority.set_priority(10, who='engine')
        self.assertIn('Engine running with nice value 10\n',
                      self.logger.output)

    def test_refused_priority_is_a_warning(self):
        self.setpriority.side_effect = PermissionError(1, 'not permitted')
        priority.set_priority(-5, who='engine')
        self.assertIn("Could not set the engine's nice value to -5",
                      self.logger.output)
        self.group.assert_not_called()


class AutogroupTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.path = self.useFixture(fixtures.TempDir()).join('autogroup')
        # What a write leaves in a proc file does not matter; this one
        # starts empty so that the test sees what was written.
        open(self.path, 'w').close()
        self.useFixture(fixtures.MockPatch('os.getsid',
                                           return_value=os.getpid()))
        self.logger = self.useFixture(fixtures.FakeLogger())
        self.sleep = self.useFixture(fixtures.MockPatch('time.sleep')).mock

    def written(self):
        with open(self.path) as f:
            return f.read()

    def test_session_leader_sets_its_group(self):
        self.assertTrue(priority.set_autogroup_nice(19, path=self.path))
        self.assertEqual('19', self.written())

    def test_shared_session_leaves_the_group_alone(self):
        self.useFixture(fixtures.MockPatch('os.getsid',
                                           return_value=os.getpid() + 1))
        self.assertFalse(priority.set_autogroup_nice(19, path=self.path))
        self.assertEqual('', self.written())

    def test_kernel_without_autogroup(self):
        missing = self.path + '-missing'
        self.assertFalse(priority.set_autogroup_nice(19, path=missing))
        self.assertFalse(os.path.exists(missing))
        self.assertNotIn('Could not', self.logger.output)

    def _open_failing(self, errors):
        real_open = os.open
        calls = []

        def fake_open(path, flags):
            calls.append(path)
            if errors:
                raise errors.pop(0)
            return real_open(path, flags)
        self.useFixture(fixtures.MockPatch('os.open', fake_open))
        return calls

    def test_rate_limited_change_is_retried(self):
        calls = self._open_failing(
            [OSError(errno.EAGAIN, 'try again')] * 2)
        self.assertTrue(priority.set_autogroup_nice(19, path=self.path))
        self.assertEqual(3, len(calls))
        self.assertEqual(2, self.sleep.call_count)
        self.assertEqual('19', self.written())

    def test_gives_up_with_a_warning(self):
        self._open_failing([OSError(errno.EAGAIN, 'try again')] *
                           priority.AUTOGROUP_ATTEMPTS)
        self.assertFalse(priority.set_autogroup_nice(19, path=self.path))
        self.assertIn('Could not set the nice value of the autogroup',
                      self.logger.output)

    def test_refusal_is_not_retried(self):
        calls = self._open_failing([PermissionError(errno.EACCES, 'no')])
        self.assertFalse(priority.set_autogroup_nice(-5, path=self.path))
        self.assertEqual(1, len(calls))
        self.assertIn('processes of other sessions compete',
                      self.logger.output)


class RealAutogroupTest(base.TestCase):
    """In a new session, on this machine's kernel."""

    def test_own_session_group_takes_the_nice_value(self):
        script = textwrap.dedent('''
            import os
            from senlin_lite.common import priority
            print(priority.set_autogroup_nice(19))
            if os.path.exists(priority.AUTOGROUP):
                print(open(priority.AUTOGROUP).read().strip())
            else:
                print('no autogroup')
        ''')
        out = subprocess.run([sys.executable, '-c', script],
                             start_new_session=True, check=True,
                             capture_output=True, text=True).stdout
        done, group = out.splitlines()
        if group == 'no autogroup':
            # A kernel without autogroup scheduling: nothing to set.
            self.assertEqual('False', done)
        else:
            self.assertEqual('True', done)
            self.assertTrue(group.endswith(' nice 19'), group)
