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

"""From an accepted request to a READY action and a cast to the engine.

The action row is committed first; the cast only says "look at it now".
If the cast fails (broker down) the request is still accepted: an
engine's periodic sweep claims every READY action (architecture.md).
"""

from oslo_log import log as logging

from senlin_lite.common import consts
from senlin_lite.common import context as senlin_context
from senlin_lite.common import exception
from senlin_lite.common import policy
from senlin_lite.common import trusts
from senlin_lite.common import utils
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# Who a start-up warm-up submit is for (it writes nothing).
WARM_UP_IDENTITY = 'senlin-lite-warm-up'

# Never persist tokens with an action: the engine acts through a trust.
_SECRET_CONTEXT_KEYS = ('auth_token', 'auth_token_info', 'service_token')


def stored_context(context, node_project=None):
    """The context an engine will run the action with.

    It carries a trust of the caller when the node is in the caller's
    project; an admin acting on another project's node is served with
    the trust of the node's creator instead (common.trusts).
    """
    values = context.to_dict()
    for key in _SECRET_CONTEXT_KEYS:
        values.pop(key, None)
    if node_project in (None, context.project_id):
        values['trust_id'] = trusts.delegate(context)
    return values


def action_values(context, action, verb, node_id, inputs=None,
                  node_project=None):
    """Columns of a new action on a node (contract 3.2)."""
    return {
        'id': utils.generate_uuid(),
        'name': 'node_%s_%s' % (verb, node_id[:8]),
        'action': action,
        'cluster_id': '',
        'cause': consts.ACTION_CAUSE_RPC,
        'context': stored_context(context, node_project),
        'user': context.user_id,
        'project': context.project_id,
        'domain': context.domain_id,
        'interval': -1,
        'timeout': CONF.default_action_timeout,
        'inputs': inputs or {},
        'outputs': {},
        'data': {},
    }


def dispatch(engine_api, action_id):
    """Have an engine told about a committed READY action; never raises.

    The cast leaves from the process's sender thread (EngineAPI.announce),
    so the request does not wait for the broker.
    """
    try:
        engine_api.announce(action_id)
    except Exception:
        LOG.warning('Could not queue the cast of action %s; an engine '
                    'sweep will pick it up', action_id, exc_info=True)


def create_node(engine_api, context, values):
    """Insert a node with its NODE_CREATE action; returns (node, action)."""
    values = dict(values, id=values.get('id') or utils.generate_uuid())
    action = action_values(context, consts.NODE_CREATE, 'create',
                           values['id'])
    node, action_row = db_api.node_create(context, values, action)
    dispatch(engine_api, action_row.id)
    return node, action_row


def submit_to(engine_api, context, identity, action, verb, inputs=None):
    """Queue an exclusive action on the node ``identity`` names.

    The lookup and the insert share one transaction; otherwise as
    ``submit``. Returns the action row.
    """
    def build_values(node):
        return action_values(context, action, verb, node.id, inputs,
                             node_project=node.project)

    action_row = db_api.node_action_submit(context, identity, build_values)
    dispatch(engine_api, action_row.id)
    return action_row


def submit(engine_api, context, node, action, verb, inputs=None,
           exclusive=True):
    """Queue an action on an existing node; returns the action row.

    ``exclusive`` actions fail with 409 while the node is locked or has
    another active action (checked atomically by the database layer).
    """
    values = action_values(context, action, verb, node.id, inputs,
                           node_project=node.project)
    action_row = db_api.action_create_for_node(context, node.id, values,
                                               exclusive=exclusive)
    dispatch(engine_api, action_row.id)
    return action_row


def warm_up(connection):
    """Ready a new API process's node action path before it serves.

    Loads the policy and runs a node check submit that writes nothing on
    ``connection`` (``db_api.node_action_warm_up``): without it the first
    health sweep after a start was answered 40-70 ms slower than the next.
    """
    context = senlin_context.RequestContext(
        user_id=WARM_UP_IDENTITY, project_id=WARM_UP_IDENTITY,
        roles=['member', 'reader'], overwrite=False)
    context.is_admin = policy.check_is_admin(context)
    policy.authorize(context, 'nodes:action')

    def build_values(node):
        return action_values(context, consts.NODE_CHECK, 'check', node.id,
                             node_project=node.project)
    db_api.node_action_warm_up(connection, context, build_values)


def _bad(message):
    return exception.BadRequest(msg=message)


def _recover_operation(params, inputs):
    operation = params.pop('operation', None)
    if not operation:
        return
    if not isinstance(operation, str):
        raise _bad('operation has to be a string')
    if operation.upper() not in consts.RECOVER_OPERATIONS:
        raise _bad("Operation value '%s' has to be one of the following: %s"
                   % (operation, ', '.join(consts.RECOVER_OPERATIONS)))
    inputs['operation'] = operation
    if 'operation_params' not in params:
        return
    op_params = params.pop('operation_params')
    if operation.upper() == consts.RECOVER_REBOOT:
        if not isinstance(op_params, dict):
            raise _bad('operation_params must be a map')
        reboot_type = op_params.get('type')
        if 'type' in op_params and (
                str(reboot_type).upper() not in consts.REBOOT_TYPES):
            raise _bad("Type field '%s' in operation_params has to be one "
                       "of the following: %s"
                       % (reboot_type, ', '.join(consts.REBOOT_TYPES)))
    inputs['operation_params'] = op_params


def recover_inputs(params):
    """The inputs of a NODE_RECOVER action from its request parameters.

    :raises BadRequest: with the messages of contract 2.6.
    """
    params = dict(params)
    inputs = {}
    _recover_operation(params, inputs)
    for key in ('check', 'delete_timeout', 'force_recreate'):
        if key in params:
            inputs[key] = params.pop(key)
    if params:
        raise _bad('Action parameter %s is not recognizable'
                   % [str(key) for key in params])
    return inputs
