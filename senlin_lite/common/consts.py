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

"""Names and enumerations shared by the API, the engine and the database."""

# Action statuses (contract 3.4).
ACTION_INIT = 'INIT'
ACTION_WAITING = 'WAITING'
ACTION_READY = 'READY'
ACTION_RUNNING = 'RUNNING'
ACTION_SUSPENDED = 'SUSPENDED'
ACTION_SUCCEEDED = 'SUCCEEDED'
ACTION_FAILED = 'FAILED'
ACTION_CANCELLED = 'CANCELLED'
ACTION_WAITING_LIFECYCLE_COMPLETION = 'WAITING_LIFECYCLE_COMPLETION'

ACTION_STATUSES = (
    ACTION_INIT, ACTION_WAITING, ACTION_READY, ACTION_RUNNING,
    ACTION_SUCCEEDED, ACTION_FAILED, ACTION_CANCELLED,
    ACTION_WAITING_LIFECYCLE_COMPLETION, ACTION_SUSPENDED,
)
ACTION_ACTIVE_STATUSES = (
    ACTION_READY, ACTION_WAITING, ACTION_RUNNING,
    ACTION_WAITING_LIFECYCLE_COMPLETION,
)
ACTION_TERMINAL_STATUSES = (
    ACTION_SUCCEEDED, ACTION_FAILED, ACTION_CANCELLED,
)
# Statuses from which a cancel request is accepted (contract 3.9); the
# order is part of the ActionImmutable message.
ACTION_CANCELLABLE_STATUSES = (
    ACTION_INIT, ACTION_WAITING, ACTION_READY, ACTION_RUNNING,
    ACTION_WAITING_LIFECYCLE_COMPLETION,
)

# Action control signals.
SIGNAL_CANCEL = 'CANCEL'

# Action names.
NODE_CREATE = 'NODE_CREATE'
NODE_DELETE = 'NODE_DELETE'
NODE_UPDATE = 'NODE_UPDATE'
NODE_JOIN = 'NODE_JOIN'
NODE_LEAVE = 'NODE_LEAVE'
NODE_CHECK = 'NODE_CHECK'
NODE_RECOVER = 'NODE_RECOVER'
NODE_OPERATION = 'NODE_OPERATION'

CLUSTER_ACTION_NAMES = (
    'CLUSTER_CREATE', 'CLUSTER_DELETE', 'CLUSTER_UPDATE',
    'CLUSTER_ADD_NODES', 'CLUSTER_DEL_NODES', 'CLUSTER_RESIZE',
    'CLUSTER_CHECK', 'CLUSTER_RECOVER', 'CLUSTER_REPLACE_NODES',
    'CLUSTER_SCALE_OUT', 'CLUSTER_SCALE_IN', 'CLUSTER_ATTACH_POLICY',
    'CLUSTER_DETACH_POLICY', 'CLUSTER_UPDATE_POLICY', 'CLUSTER_OPERATION',
)
NODE_ACTION_NAMES = (
    NODE_CREATE, NODE_DELETE, NODE_UPDATE, NODE_JOIN, NODE_LEAVE,
    NODE_CHECK, NODE_RECOVER, NODE_OPERATION,
)
ACTION_NAMES = CLUSTER_ACTION_NAMES + NODE_ACTION_NAMES

# Actions that take the node lock by force and skip the conflict check
# (contract 3.3 and 3.7).
FORCED_LOCK_ACTIONS = (NODE_DELETE, NODE_OPERATION)

# Actions that are safe to run again from the start when the engine
# running them died or stopped half-way (the others end FAILED then).
IDEMPOTENT_ACTIONS = (NODE_CHECK,)

ACTION_CAUSE_RPC = 'RPC Request'

# Node statuses (contract 3.12).
NODE_INIT = 'INIT'
NODE_ACTIVE = 'ACTIVE'
NODE_ERROR = 'ERROR'
NODE_WARNING = 'WARNING'
NODE_CREATING = 'CREATING'
NODE_UPDATING = 'UPDATING'
NODE_DELETING = 'DELETING'
NODE_RECOVERING = 'RECOVERING'
NODE_OPERATING = 'OPERATING'

NODE_STATUSES = (
    NODE_INIT, NODE_ACTIVE, NODE_ERROR, NODE_WARNING, NODE_CREATING,
    NODE_UPDATING, NODE_DELETING, NODE_RECOVERING, NODE_OPERATING,
)
# A node in one of these is being changed by an action.
NODE_TRANSITIONAL_STATUSES = (
    NODE_CREATING, NODE_UPDATING, NODE_DELETING, NODE_RECOVERING,
    NODE_OPERATING,
)
# Entering these does not touch updated_at (contract 3.12).
NODE_STATUSES_KEEP_UPDATED_AT = (
    NODE_CREATING, NODE_UPDATING, NODE_RECOVERING, NODE_OPERATING,
)

# Recover operations.
RECOVER_REBOOT = 'REBOOT'
RECOVER_REBUILD = 'REBUILD'
RECOVER_RECREATE = 'RECREATE'
RECOVER_OPERATIONS = (RECOVER_REBOOT, RECOVER_REBUILD, RECOVER_RECREATE)
REBOOT_TYPES = ('SOFT', 'HARD')
RECOVER_KEYS = ('operation', 'operation_params', 'check',
                'delete_timeout', 'force_recreate')

# Event levels: stored as numbers, shown as names.
EVENT_LEVELS = {
    'CRITICAL': 50, 'ERROR': 40, 'WARN': 30, 'INFO': 20, 'DEBUG': 10,
}
EVENT_LEVEL_NAMES = {number: name for name, number in EVENT_LEVELS.items()}
EVENT_PHASE_START = 'start'
EVENT_PHASE_END = 'end'
EVENT_PHASE_ERROR = 'error'

NODE_OBJECT_TYPE = 'NODE'

# Engine service.
ENGINE_BINARY = 'senlin-lite-engine'
