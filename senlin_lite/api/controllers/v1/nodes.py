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

"""/v1/nodes: list, create, show, update, delete (contract 2.5)."""


from senlin_lite.api.controllers.v1 import common
from senlin_lite.api.controllers.v1 import node_actions as node_action_api
from senlin_lite.api import method
from senlin_lite.api import microversions
from senlin_lite.api import node_actions
from senlin_lite.api import params
from senlin_lite.api.schemas import nodes as schemas
from senlin_lite.api import views
from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF

FILTERS = {
    'cluster_id': None,
    'name': None,
    'status': consts.NODE_STATUSES,
}
SORT_KEYS = ('index', 'name', 'status', 'init_at', 'created_at',
             'updated_at')

# A node in one of these cannot be deleted without force (contract 2.5).
_BUSY_STATUSES = (consts.NODE_CREATING, consts.NODE_UPDATING,
                  consts.NODE_DELETING, consts.NODE_RECOVERING)


def list_nodes():
    ctx = common.context()
    query = params.ListQuery(common.query(), FILTERS, SORT_KEYS)
    query.check_global_project(ctx)
    cluster_id = query.filters.pop('cluster_id', [''])[-1]
    if cluster_id:
        raise exception.BadRequest(
            msg='Cannot find the given cluster: %s' % cluster_id)
    rows = db_api.node_get_all(ctx, **query.db_args())
    return [views.node(row, common.version()) for row in rows]


def find_profile(context, identity):
    """A profile named in a node request: 400 (not 404) when missing."""
    try:
        return db_api.profile_find(context, identity)
    except exception.ResourceNotFound:
        raise exception.BadRequest(
            msg="The specified profile '%s' could not be found" % identity)


def check_unique_name(context, name):
    if CONF.name_unique and db_api.node_get_all(
            context, filters={'name': name}, limit=1):
        raise exception.BadRequest(
            msg='The node named (%s) already exists' % name)


def create_node():
    data = common.wrapped('node', common.missing_key('node'))
    common.validate(data, schemas.CREATE)
    ctx = common.context()
    profile = find_profile(ctx, data['profile_id'])
    if data.get('cluster_id'):
        raise exception.BadRequest(
            msg="The specified cluster '%s' could not be found"
            % data['cluster_id'])
    check_unique_name(ctx, data['name'])
    values = {
        'name': data['name'], 'profile_id': profile.id, 'cluster_id': '',
        'user': ctx.user_id, 'project': ctx.project_id,
        'domain': ctx.domain_id, 'index': -1,
        'role': data.get('role') or '', 'init_at': utils.utcnow(),
        'status': consts.NODE_INIT, 'status_reason': 'Initializing',
        'meta_data': data.get('metadata') or {}, 'data': {},
        'dependents': {}, 'tainted': False,
    }
    node, action = node_actions.create_node(common.engine_api(), ctx, values)
    node.profile_name = profile.name
    common.set_location(action.id)
    return views.node(node, common.version())


def update_changes(ctx, node, data):
    """The change set of a node update (contract 2.5), maybe empty."""
    changes = {}
    if data.get('profile_id') is not None:
        profile = find_profile(ctx, data['profile_id'])
        current = db_api.profile_get(ctx, node.profile_id,
                                     project_safe=False)
        if current is not None and profile.type != current.type:
            raise exception.BadRequest(
                msg='Cannot update a node to a different profile type, '
                    'operation aborted')
        if profile.id != node.profile_id:
            changes['new_profile_id'] = profile.id
    if data.get('name') and data['name'] != node.name:
        changes['name'] = data['name']
    if 'role' in data and data['role'] != node.role:
        changes['role'] = data['role']
    if 'metadata' in data and data['metadata'] != node.meta_data:
        changes['metadata'] = data['metadata']
    if (data.get('tainted') is not None and
            common.version() >= microversions.V_TAINTED and
            data['tainted'] != bool(node.tainted)):
        changes['tainted'] = data['tainted']
    return changes


def update_node(identity):
    data = common.wrapped('node', common.malformed('node'))
    common.validate(data, schemas.UPDATE)
    ctx = common.context()
    node = db_api.node_find(ctx, identity)
    changes = update_changes(ctx, node, data)
    if not changes:
        raise exception.BadRequest(msg='No property needs an update')
    action = node_actions.submit(common.engine_api(), ctx, node,
                                 consts.NODE_UPDATE, 'update', changes)
    common.set_location(action.id)
    return views.node(node, common.version())


def delete_force():
    """``force`` of the optional delete body (honoured from 1.8 on)."""
    data = common.json_body()
    if not data:
        return False
    force = False
    if 'force' in data:
        force = params.parse_bool('force', data['force'])
    common.validate(data, schemas.DELETE)
    return force and common.version() >= microversions.V_NODE_DELETE_FORCE


def delete_node(identity):
    force = delete_force()
    ctx = common.context()
    node = db_api.node_find(ctx, identity)
    if not force and node.status in _BUSY_STATUSES:
        raise exception.ActionInProgress(type='node', id=identity,
                                         status=node.status)
    if node.dependents:
        raise exception.ResourceInUse(
            type='node', id=identity,
            reason='still depended by other clusters and/or nodes')
    action = node_actions.submit(common.engine_api(), ctx, node,
                                 consts.NODE_DELETE, 'delete',
                                 exclusive=False)
    common.set_location(action.id)


def show_node(identity):
    show_details = False
    if 'show_details' in common.query():
        show_details = params.parse_bool(
            'show_details', common.query().getall('show_details')[-1])
    node = db_api.node_find(common.context(), identity)
    details = None
    if show_details and node.physical_id:
        details = node_action_api.node_details(common.context(), node)
    return views.node(node, common.version(), details)


class NodeController:

    def __init__(self, identity):
        self.identity = identity
        self.actions = node_action_api.NodeActionsController(identity)
        self.ops = node_action_api.NodeOpsController(identity)

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('nodes:get')
        return {'node': show_node(self.identity)}

    @method.when(index, 'PATCH', status=202)
    def patch(self):
        common.authorize('nodes:update')
        return {'node': update_node(self.identity)}

    @method.when(index, 'DELETE', status=202)
    def delete(self):
        common.authorize('nodes:delete')
        delete_node(self.identity)
        return None


class NodesController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get_all(self):
        common.authorize('nodes:index')
        return {'nodes': list_nodes()}

    @method.when(index, 'POST', status=202)
    def post(self):
        common.authorize('nodes:create')
        return {'node': create_node()}

    _route = method.member_route(NodeController)
