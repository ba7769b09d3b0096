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

"""Choosing the pipeline, the noauth identity and the request context."""

import os

import fixtures
import webob
import webtest

from senlin_lite.api import app
from senlin_lite.api import middleware
from senlin_lite import conf
from senlin_lite.tests import base
from senlin_lite.tests.unit.api import base as api_base

CONF = conf.CONF


class TestAuthStrategyOption(base.TestCase):

    def parse(self, text):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'senlin_lite.conf')
        with open(path, 'w') as f:
            f.write(text)
        CONF(['--config-file', path], project='senlin_lite',
             default_config_files=[])
        return CONF.senlin_api.auth_strategy

    def test_default_is_keystone(self):
        self.assertEqual('keystone', self.parse(''))

    def test_api_group(self):
        self.assertEqual('noauth', self.parse('[api]\nauth_strategy = '
                                              'noauth\n'))

    def test_senlin_api_group_wins(self):
        self.assertEqual('keystone', self.parse(
            '[api]\nauth_strategy = noauth\n'
            '[senlin_api]\nauth_strategy = keystone\n'))


class TestNoAuthMiddleware(base.TestCase):

    def environ(self, **headers):
        seen = {}

        def app(environ, start_response):
            seen.update(environ)
            return webob.Response()(environ, start_response)

        request = webob.Request.blank('/v1/nodes', headers=headers)
        request.get_response(middleware.NoAuthMiddleware(app))
        return seen

    def test_defaults(self):
        environ = self.environ()
        self.assertEqual(('demo', 'demo', 'member,reader', 'Confirmed'), (
            environ['HTTP_X_USER_ID'], environ['HTTP_X_PROJECT_ID'],
            environ['HTTP_X_ROLES'], environ['HTTP_X_IDENTITY_STATUS']))

    def test_implied_roles(self):
        environ = self.environ(**{'X-Roles': 'admin, observer'})
        self.assertEqual('admin,member,reader,observer',
                         environ['HTTP_X_ROLES'])
        self.assertEqual('reader', self.environ(
            **{'X-Roles': 'reader'})['HTTP_X_ROLES'])


class TestContextHook(api_base.APITestCase):

    def test_unconfirmed_identity_is_401(self):
        # What auth_token forwards with delay_auth_decision = true; the
        # pecan app alone, without the noauth middleware.
        bare = webtest.TestApp(app.setup_app())
        headers = {'X-User-Id': 'u1', 'X-Project-Id': 'p1',
                   'X-Roles': 'reader'}
        bare.get('/v1/nodes', headers=dict(
            headers, **{'X-Identity-Status': 'Invalid'}), status=401)
        bare.get('/v1/nodes', headers=dict(
            headers, **{'X-Identity-Status': 'Confirmed'}), status=200)

    def test_admin_is_decided_by_policy(self):
        resp = self.get('/v1/nodes?global_project=true', roles='admin')
        self.assertEqual([], resp.json['nodes'])
