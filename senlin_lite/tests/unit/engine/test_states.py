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


from oslotest import base

from senlin_lite.common import consts
from senlin_lite.engine.actions import states


class ActionMachineTest(base.BaseTestCase):

    def test_success_path(self):
        machine = states.ActionMachine(consts.ACTION_READY)
        self.assertEqual(consts.ACTION_RUNNING,
                         machine.process(states.CLAIM))
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         machine.process(states.SUCCEED))

    def test_timeout_fails_the_action(self):
        machine = states.ActionMachine(consts.ACTION_RUNNING)
        self.assertEqual(consts.ACTION_FAILED,
                         machine.process(states.TIMEOUT))

    def test_abandon_returns_to_ready(self):
        machine = states.ActionMachine(consts.ACTION_RUNNING)
        self.assertEqual(consts.ACTION_READY,
                         machine.process(states.ABANDON))
        self.assertTrue(machine.can(states.CLAIM))

    def test_ready_cannot_succeed(self):
        machine = states.ActionMachine(consts.ACTION_READY)
        self.assertFalse(machine.can(states.SUCCEED))
        exc = self.assertRaises(states.IllegalTransition, machine.process,
                                states.SUCCEED)
        self.assertEqual("Action in status READY cannot take event "
                         "'succeed'.", str(exc))
        self.assertEqual(consts.ACTION_READY, machine.status)

    def test_terminal_status_takes_no_event(self):
        for status in consts.ACTION_TERMINAL_STATUSES:
            machine = states.ActionMachine(status)
            self.assertEqual(status, machine.status)
            for event in states.EVENTS:
                self.assertRaises(states.IllegalTransition,
                                  machine.process, event)

    def test_finished_action_cannot_be_claimed_again(self):
        machine = states.ActionMachine(consts.ACTION_RUNNING)
        machine.process(states.FAIL)
        self.assertRaises(states.IllegalTransition, machine.process,
                          states.CLAIM)

    def test_unknown_status(self):
        self.assertRaises(states.IllegalTransition, states.ActionMachine,
                          'BOGUS')

    def test_copies_are_independent(self):
        one = states.ActionMachine(consts.ACTION_READY)
        two = states.ActionMachine(consts.ACTION_READY)
        one.process(states.CLAIM)
        self.assertEqual(consts.ACTION_READY, two.status)
        self.assertTrue(states.MACHINE.frozen)
