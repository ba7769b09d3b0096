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

"""/v1/events: list and show (contract 2.9)."""


from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.api import params
from senlin_lite.api import views
from senlin_lite.common import consts
from senlin_lite.db import api as db_api

FILTERS = {
    'oid': None,
    'oname': None,
    'otype': None,
    'action': consts.ACTION_NAMES,
    'cluster_id': None,
    'level': tuple(consts.EVENT_LEVELS),
}
SORT_KEYS = ('timestamp', 'level', 'otype', 'oname', 'action', 'status',
             'oid', 'cluster_id')


def list_events():
    ctx = common.context()
    query = params.ListQuery(common.query(), FILTERS, SORT_KEYS)
    query.check_global_project(ctx)
    if 'cluster_id' in query.filters:
        # No cluster exists in senlin_lite, so none of them resolves.
        return []
    if 'level' in query.filters:
        query.filters['level'] = [str(consts.EVENT_LEVELS[name])
                                  for name in query.filters['level']]
    return [views.event(row)
            for row in db_api.event_get_all(ctx, **query.db_args())]


class EventController:

    def __init__(self, identity):
        self.identity = identity

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('events:get')
        row = db_api.event_find(common.context(), self.identity)
        return {'event': views.event(row)}


class EventsController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get_all(self):
        common.authorize('events:index')
        return {'events': list_events()}

    _route = method.member_route(EventController)
