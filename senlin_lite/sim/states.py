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

"""Server statuses of the simulator and what each operation does to them.

Nova reports three views of a server: ``status`` (what users see),
``OS-EXT-STS:vm_state`` and ``OS-EXT-STS:power_state``, plus a
``task_state`` while an operation runs. The simulator keeps ``status`` and
``task_state`` and derives the other two from the tables below.
"""

import collections

# Configuration keys and their defaults (seconds).
DEFAULT_CONFIG = {
    'api_delay': 0.0,
    'build_delay': 1.0,
    'reboot_delay': 0.5,
    'rebuild_delay': 1.0,
    'delete_delay': 0.5,
    'action_delay': 0.5,
}

# status -> (vm_state, power_state)
# power_state numbers are Nova's: 0 NOSTATE, 1 RUNNING, 3 PAUSED,
# 4 SHUTDOWN, 7 SUSPENDED.
STATUS_VIEW = {
    'BUILD': ('building', 0),
    'ACTIVE': ('active', 1),
    'REBOOT': ('active', 1),
    'HARD_REBOOT': ('active', 1),
    'REBUILD': ('active', 0),
    'PASSWORD': ('active', 1),
    'SHUTOFF': ('stopped', 4),
    'PAUSED': ('paused', 3),
    'SUSPENDED': ('suspended', 7),
    'RESCUE': ('rescued', 1),
    'ERROR': ('error', 0),
    'UNKNOWN': ('unknown', 0),
    'SHELVED': ('shelved', 4),
    'SHELVED_OFFLOADED': ('shelved_offloaded', 0),
    'VERIFY_RESIZE': ('resized', 1),
    'MIGRATING': ('active', 1),
    'RESIZE': ('active', 1),
}

KNOWN_STATUSES = tuple(sorted(STATUS_VIEW))

# What an asynchronous operation does.
#   allowed: statuses the request is accepted from (409 otherwise)
#   during:  status shown while it runs (None keeps the current one)
#   task:    task_state shown while it runs
#   final:   status once done
#   delay:   configuration key giving how long it runs
Op = collections.namedtuple('Op', 'allowed during task final delay')

_ANY = None

OPERATIONS = {
    'reboot_soft': Op(('ACTIVE',), 'REBOOT', 'reboot_started', 'ACTIVE',
                      'reboot_delay'),
    'reboot_hard': Op(('ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR',
                       'REBOOT', 'HARD_REBOOT'),
                      'HARD_REBOOT', 'reboot_started_hard', 'ACTIVE',
                      'reboot_delay'),
    'rebuild': Op(('ACTIVE', 'SHUTOFF', 'ERROR'), 'REBUILD',
                  'rebuild_spawning', 'ACTIVE', 'rebuild_delay'),
    'evacuate': Op(('ACTIVE', 'SHUTOFF', 'ERROR'), 'REBUILD',
                   'rebuilding', 'ACTIVE', 'rebuild_delay'),
    'stop': Op(('ACTIVE', 'RESCUE', 'ERROR'), None, 'powering-off',
               'SHUTOFF', 'action_delay'),
    'start': Op(('SHUTOFF',), None, 'powering-on', 'ACTIVE',
                'action_delay'),
    'pause': Op(('ACTIVE',), None, 'pausing', 'PAUSED', 'action_delay'),
    'unpause': Op(('PAUSED',), None, 'unpausing', 'ACTIVE', 'action_delay'),
    'suspend': Op(('ACTIVE',), None, 'suspending', 'SUSPENDED',
                  'action_delay'),
    'resume': Op(('SUSPENDED',), None, 'resuming', 'ACTIVE',
                 'action_delay'),
    'rescue': Op(('ACTIVE', 'SHUTOFF', 'ERROR'), None, 'rescuing', 'RESCUE',
                 'action_delay'),
    'unrescue': Op(('RESCUE',), None, 'unrescuing', 'ACTIVE',
                   'action_delay'),
    'resize': Op(('ACTIVE', 'SHUTOFF'), 'RESIZE', 'resize_prep',
                 'VERIFY_RESIZE', 'action_delay'),
    'confirm_resize': Op(('VERIFY_RESIZE',), None, 'resize_finish',
                         'ACTIVE', 'action_delay'),
    'change_password': Op(('ACTIVE',), None, None, None, None),
    'lock': Op(_ANY, None, None, None, None),
    'unlock': Op(_ANY, None, None, None, None),
}

# Operations whose faults can be injected with fail_next.
FAULT_OPERATIONS = tuple(sorted(
    set(OPERATIONS) - {'reboot_soft', 'reboot_hard'} |
    {'create', 'delete', 'reboot', 'get', 'list', 'update', 'metadata'}))

DEFAULT_FAULT_MESSAGES = {
    'create': 'No valid host was found. There are not enough hosts '
              'available.',
}


def fault_message(operation):
    return DEFAULT_FAULT_MESSAGES.get(
        operation, 'Simulated failure of %s.' % operation)
