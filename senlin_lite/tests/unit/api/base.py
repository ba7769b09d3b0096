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

"""Base of the API tests: the noauth paste app over a real SQLite file.

Casts to the engine are captured by mocking ``EngineAPI.announce``;
no engine runs.
"""

from unittest import mock

import webtest

from senlin_lite.api import app
from senlin_lite.api import hooks
from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.engine import rpcapi
from senlin_lite.tests import base
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.unit.db import utils as db_utils

PROJECT = 'p1'
USER = 'u1'

NOVA_SPEC = {
    'type': 'os.nova.server',
    'version': '1.0',
    'properties': {
        'flavor': '1',
        'name': 'new-server-test',
        'image': 'cirros-0.4.0-x86_64-disk',
        'networks': [{'network': 'private'}],
    },
}


class APITestCase(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(senlin_fixtures.Messaging())
        self.flags(auth_strategy='noauth', group='senlin_api')
        hooks.reset_engine_api()
        self.addCleanup(hooks.reset_engine_api)
        patcher = mock.patch.object(rpcapi.EngineAPI, 'announce')
        self.announce = patcher.start()
        self.addCleanup(patcher.stop)
        self.app = webtest.TestApp(app.load_app())
        self.ctx = context.RequestContext(user_id=USER, project_id=PROJECT,
                                          roles=['member'])

    # Requests -----------------------------------------------------------

    def headers(self, version='latest', project=PROJECT, user=USER,
                roles='member'):
        headers = {'X-Project-Id': project, 'X-User-Id': user,
                   'X-Roles': roles, 'Accept': 'application/json'}
        if version is not None:
            headers['OpenStack-API-Version'] = 'clustering %s' % version
        return headers

    def call(self, method, path, body=None, status=None, version='latest',
             **identity):
        kwargs = {'headers': self.headers(version, **identity),
                  'expect_errors': True}
        if body is not None:
            kwargs['params'] = body
            func = getattr(self.app, '%s_json' % method)
        else:
            func = getattr(self.app, method)
        resp = func(path, **kwargs)
        if status is not None:
            self.assertEqual(status, resp.status_int, resp.text)
        return resp

    def get(self, path, status=200, **kwargs):
        return self.call('get', path, status=status, **kwargs)

    def post(self, path, body, status=None, **kwargs):
        return self.call('post', path, body, status=status, **kwargs)

    def patch(self, path, body, status=None, **kwargs):
        return self.call('patch', path, body, status=status, **kwargs)

    def delete(self, path, body=None, status=None, **kwargs):
        return self.call('delete', path, body, status=status, **kwargs)

    def assertError(self, resp, status, error_type, message):
        self.assertEqual(status, resp.status_int, resp.text)
        body = resp.json
        self.assertEqual(status, body['code'])
        self.assertEqual(status, body['error']['code'])
        self.assertEqual(error_type, body['error']['type'])
        self.assertEqual(message, body['error']['message'])
        self.assertIn('title', body)
        self.assertIn('explanation', body)

    def assertBadRequest(self, resp, message, error_type='HTTPBadRequest'):
        self.assertError(resp, 400, error_type, message)

    def assertLocation(self, resp, action_id):
        self.assertEqual('http://localhost/v1/actions/%s' % action_id,
                         resp.headers['Location'])

    # Data ---------------------------------------------------------------

    def make_profile(self, name='prof', ctx=None, **values):
        return db_utils.create_profile(ctx or self.ctx, name, **values)

    def make_node(self, profile_id=None, name='node', ctx=None, **values):
        """An ACTIVE orphan node whose create action has SUCCEEDED."""
        ctx = ctx or self.ctx
        profile_id = profile_id or self.make_profile(ctx=ctx).id
        node, action = db_utils.create_node(ctx, profile_id, name)
        db_api.action_update(ctx, action.id, {
            'status': consts.ACTION_SUCCEEDED, 'end_time': utils.now_epoch(),
            'status_reason': 'Action completed successfully.'})
        values = dict({'status': consts.NODE_ACTIVE,
                       'status_reason': 'Creation succeeded',
                       'physical_id': utils.generate_uuid(),
                       'created_at': utils.utcnow(),
                       'active_action_id': None}, **values)
        db_api.node_update(ctx, node.id, values)
        return db_api.node_get(ctx, node.id), action

    def action_row(self, action_id):
        return db_api.action_get(self.ctx, action_id, project_safe=False)
