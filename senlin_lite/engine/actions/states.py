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

"""The action state machine, built once and copied for every action.

Every status an action row takes while an engine owns it is first
checked against this machine, so an impossible move (a finished action
claimed again, a READY action marked SUCCEEDED) raises instead of being
written.

Statuses other than these (INIT, WAITING, SUSPENDED, ...) belong to
cluster actions, which senlin_lite does not run.
"""

from automaton import exceptions as automaton_exc
from automaton import machines

from senlin_lite.common import consts

# Events
CLAIM = 'claim'
SUCCEED = 'succeed'
FAIL = 'fail'
CANCEL = 'cancel'
ABANDON = 'abandon'
TIMEOUT = 'timeout'

EVENTS = (CLAIM, SUCCEED, FAIL, CANCEL, ABANDON, TIMEOUT)

_TRANSITIONS = (
    (consts.ACTION_READY, CLAIM, consts.ACTION_RUNNING),
    (consts.ACTION_READY, CANCEL, consts.ACTION_CANCELLED),
    (consts.ACTION_RUNNING, SUCCEED, consts.ACTION_SUCCEEDED),
    (consts.ACTION_RUNNING, FAIL, consts.ACTION_FAILED),
    (consts.ACTION_RUNNING, CANCEL, consts.ACTION_CANCELLED),
    (consts.ACTION_RUNNING, ABANDON, consts.ACTION_READY),
    (consts.ACTION_RUNNING, TIMEOUT, consts.ACTION_FAILED),
)


class IllegalTransition(Exception):
    """An action was asked to move where its machine does not allow."""

    def __init__(self, status, event):
        self.status = status
        self.event = event
        super().__init__("Action in status %s cannot take event '%s'."
                         % (status, event))


def _build():
    machine = machines.FiniteMachine()
    machine.add_state(consts.ACTION_READY)
    machine.add_state(consts.ACTION_RUNNING)
    for status in consts.ACTION_TERMINAL_STATUSES:
        machine.add_state(status, terminal=True)
    for start, event, end in _TRANSITIONS:
        machine.add_transition(start, end, event)
    machine.default_start_state = consts.ACTION_READY
    machine.freeze()
    return machine


MACHINE = _build()


class ActionMachine(object):
    """A per-action copy of ``MACHINE`` positioned at ``status``.

    A terminal status can be represented (the action is over) but takes
    no further event.
    """

    def __init__(self, status=consts.ACTION_READY):
        self._final = None
        self._fsm = MACHINE.copy(shallow=True)
        if status in consts.ACTION_TERMINAL_STATUSES:
            self._final = status
        elif status in MACHINE:
            self._fsm.initialize(status)
        else:
            raise IllegalTransition(status, 'initialize')

    @property
    def status(self):
        return self._final or self._fsm.current_state

    def can(self, event):
        return (self._final is None and
                self._fsm.is_actionable_event(event))

    def process(self, event):
        """Apply ``event``; return the new status or raise."""
        if self._final is not None:
            raise IllegalTransition(self._final, event)
        try:
            self._fsm.process_event(event)
        except automaton_exc.AutomatonException:
            raise IllegalTransition(self.status, event)
        return self._fsm.current_state
