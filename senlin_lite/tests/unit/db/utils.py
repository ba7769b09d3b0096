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

"""Factories of database rows for tests."""

from senlin_lite.common import context
from senlin_lite.common import utils
from senlin_lite.db import api as db_api


def make_context(project='p1', user='u1', roles=('member',)):
    return context.RequestContext(user_id=user, project_id=project,
                                  roles=list(roles))


def create_profile(ctx, name='prof', **values):
    values = dict({'name': name, 'type': 'os.nova.server-1.0',
                   'spec': {'type': 'os.nova.server', 'version': '1.0',
                            'properties': {'flavor': '1'}},
                   'user': ctx.user_id, 'project': ctx.project_id,
                   'meta_data': {}}, **values)
    return db_api.profile_create(ctx, values)


def create_node(ctx, profile_id, name='node', **values):
    """A node row and its (READY) NODE_CREATE action."""
    node_values = dict({
        'name': name, 'profile_id': profile_id, 'user': ctx.user_id,
        'project': ctx.project_id, 'status': 'INIT',
        'status_reason': 'Initializing', 'cluster_id': '', 'index': -1,
        'role': '', 'init_at': utils.utcnow(), 'meta_data': {}, 'data': {},
        'dependents': {}}, **values)
    return db_api.node_create(ctx, node_values, action_values(
        ctx, 'NODE_CREATE'))


def action_values(ctx, name, **values):
    return dict({'name': name.lower(), 'action': name, 'cluster_id': '',
                 'user': ctx.user_id, 'project': ctx.project_id,
                 'context': ctx.to_dict(), 'inputs': {}, 'outputs': {},
                 'data': {}, 'timeout': 3600, 'interval': -1}, **values)
