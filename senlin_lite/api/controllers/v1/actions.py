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

"""/v1/actions: list, show, cancel (contract 2.8)."""


from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.api import microversions
from senlin_lite.api import params
from senlin_lite.api.schemas import actions as schemas
from senlin_lite.api import views
from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.engine import notifications

FILTERS = {
    'name': None,
    'cluster_id': None,
    'target': None,
    'action': consts.ACTION_NAMES,
    'status': consts.ACTION_STATUSES,
}
SORT_KEYS = ('name', 'target', 'action', 'created_at', 'status')


def list_actions():
    ctx = common.context()
    version = common.version()
    query = params.ListQuery(common.query(), FILTERS, SORT_KEYS)
    query.check_global_project(ctx)
    cluster_ids = query.filters.pop('cluster_id', None)
    if cluster_ids is not None and (
            version >= microversions.V_ACTION_CLUSTER_ID):
        # No cluster exists in senlin_lite, so none of them resolves.
        return []
    rows = db_api.action_get_all(ctx, **query.db_args())
    return [views.action(row, version) for row in rows]


def cancel(identity):
    """PATCH /v1/actions/{id}: the checks in the contract's order."""
    common.require_version(microversions.V_ACTION_CANCEL)
    data = common.wrapped('action', common.malformed('action'))
    force = False
    if 'force' in common.query():
        force = params.parse_bool('force', common.query().getall('force')[-1])
    common.validate(data, schemas.UPDATE)
    status = data['status']
    if status != consts.ACTION_CANCELLED:
        raise exception.HTTPBadRequest(
            message='Unknown status %s for action %s.' % (status, identity))
    # Scoped lookup (contract 2.8 "may fix"): another project's action is
    # "not found" for a non-admin.
    row = db_api.action_find(common.context(), identity)
    row = db_api.action_cancel(common.context(), row.id, force=force)
    notifications.notify_cancelled(common.context(), row)


class ActionController:

    def __init__(self, identity):
        self.identity = identity

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('actions:get')
        row = db_api.action_find(common.context(), self.identity)
        return {'action': views.action(row, common.version())}

    @method.when(index, 'PATCH', status=202, raw=True)
    def patch(self):
        # The version gate comes before the policy check (as in Senlin).
        common.require_version(microversions.V_ACTION_CANCEL)
        common.authorize('actions:update')
        cancel(self.identity)
        return {}


class ActionsController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get_all(self):
        common.authorize('actions:index')
        return {'actions': list_actions()}

    _route = method.member_route(ActionController)
