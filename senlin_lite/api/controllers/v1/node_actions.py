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

"""/v1/nodes/{id}/actions and /v1/nodes/{id}/ops (contract 2.6, 2.7)."""

from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.api import microversions
from senlin_lite.api import node_actions
from senlin_lite.api import profile_support
from senlin_lite.api.schemas import nodes as schemas
from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.db import api as db_api

ACTIONS = {
    'check': (consts.NODE_CHECK, 'check'),
    'recover': (consts.NODE_RECOVER, 'recover'),
}


def _bad(message):
    return exception.HTTPBadRequest(message=message)


def single_item(data, none, many):
    """The (key, value) of a body that must hold exactly one key."""
    if not data:
        raise _bad(none)
    if len(data) > 1:
        raise _bad(many)
    return next(iter(data.items()))


def node_action(identity):
    """POST /v1/nodes/{id}/actions: check or recover."""
    name, params = single_item(common.json_body(), 'No action specified.',
                               'Multiple actions specified.')
    if name not in ACTIONS:
        raise _bad("Unrecognized action '%s' specified" % name)
    if not isinstance(params, dict):
        raise _bad('The params provided is not a map.')
    ctx = common.context()
    if name == 'recover':
        inputs = node_actions.recover_inputs(params)
    else:
        inputs = params
    action, verb = ACTIONS[name]
    row = node_actions.submit_to(common.engine_api(), ctx, identity, action,
                                 verb, inputs)
    common.set_location(row.id)
    return {'action': row.id}


def node_operation(identity):
    """POST /v1/nodes/{id}/ops: a profile operation (from 1.4)."""
    common.require_version(microversions.V_OPERATIONS)
    operation, params = single_item(common.json_body(),
                                    'No operation specified.',
                                    'Multiple operations specified.')
    common.validate(params, schemas.OPERATION_PARAMS)
    ctx = common.context()
    node = db_api.node_find(ctx, identity)
    params = profile_support.check_operation(ctx, node, operation,
                                             params or {})
    row = node_actions.submit(
        common.engine_api(), ctx, node, consts.NODE_OPERATION, operation,
        {'operation': operation, 'params': params}, exclusive=False)
    common.set_location(row.id)
    return {'action': row.id}


def node_details(context, node):
    return profile_support.node_details(context, node)


class NodeActionsController:

    def __init__(self, identity):
        self.identity = identity

    @method.route
    def index(self):
        pass

    @method.when(index, 'POST', status=202)
    def post(self):
        common.authorize('nodes:action')
        return node_action(self.identity)


class NodeOpsController:

    def __init__(self, identity):
        self.identity = identity

    @method.route
    def index(self):
        pass

    @method.when(index, 'POST', status=202)
    def post(self):
        # The version gate comes before the policy check (as in Senlin).
        common.require_version(microversions.V_OPERATIONS)
        common.authorize('nodes:operation')
        return node_operation(self.identity)
