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

"""Tests of the keystone pipeline against a real Keystone.

One Keystone serves every test of a test process (it starts on first use
and stops at exit). It holds:

* project ``alpha`` with ``alice`` (member) and ``rita`` (reader);
* project ``beta`` with ``bob`` (member);
* the bootstrap ``admin`` (admin of project ``admin``);
* the service account ``senlin`` (role service in project ``service``),
  which validates tokens for auth_token and is the trustee of trusts.

Each test runs the API in-process (webtest) through the keystone paste
pipeline, on a SQLite database of its own, with ``cloud_backend =
openstack`` so that actions carry trusts. No engine runs: casts are
captured, actions stay READY.
"""

import atexit
import threading
from unittest import mock

from keystoneauth1 import loading as ks_loading
from keystoneauth1 import session as ks_session
# Registers the [keystone_authtoken] options the tests override.
from keystonemiddleware import auth_token  # noqa: F401
import openstack
import webtest

from senlin_lite.api import app
from senlin_lite.api import hooks
from senlin_lite.common import policy
from senlin_lite.common import trusts
from senlin_lite import conf
from senlin_lite.engine import rpcapi
from senlin_lite.profiles import compute
from senlin_lite.tests import base
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.functional.keystone import server

CONF = conf.CONF
DOMAIN = 'default'
SERVICE_USER = 'senlin'
SERVICE_PASSWORD = 'senlin-secret'

# user -> (password, project, role)
USERS = {
    'alice': ('alice-secret', 'alpha', 'member'),
    'rita': ('rita-secret', 'alpha', 'reader'),
    'bob': ('bob-secret', 'beta', 'member'),
    'admin': (server.ADMIN_PASSWORD, 'admin', 'admin'),
}

NOVA_SPEC = {
    'type': 'os.nova.server', 'version': '1.0',
    'properties': {'flavor': '1', 'image': 'cirros',
                   'networks': [{'network': 'private'}]},
}

_LOCK = threading.Lock()
_CLOUD = None


def password_auth(url, username, password, project):
    return {'auth_url': url, 'username': username, 'password': password,
            'project_name': project, 'user_domain_id': DOMAIN,
            'project_domain_id': DOMAIN}


class Cloud:
    """A started Keystone with the accounts of the module docstring."""

    def __init__(self):
        self.keystone = server.KeystoneServer().start()
        self.url = self.keystone.url
        self.admin = openstack.connection.Connection(
            auth=password_auth(self.url, 'admin', server.ADMIN_PASSWORD,
                               'admin'), identity_api_version='3')
        self.projects = {'admin': self._project('admin')}
        self.user_ids = {'admin': self.admin.current_user_id}
        self._tokens = {}
        self._add_user(SERVICE_USER, SERVICE_PASSWORD, 'service', 'service')
        for name, (password, project, role) in USERS.items():
            if name != 'admin':
                self._add_user(name, password, project, role)

    def _project(self, name):
        found = self.admin.identity.find_project(name, domain_id=DOMAIN)
        if found is None:
            found = self.admin.identity.create_project(name=name,
                                                       domain_id=DOMAIN)
        return found.id

    def _add_user(self, name, password, project, role):
        identity = self.admin.identity
        project_id = self.projects.get(project) or self._project(project)
        self.projects[project] = project_id
        user = identity.create_user(name=name, password=password,
                                    domain_id=DOMAIN)
        identity.assign_project_role_to_user(project_id, user.id,
                                             identity.find_role(role))
        self.user_ids[name] = user.id

    def token(self, user):
        """A project-scoped token of ``user`` (cached)."""
        if user not in self._tokens:
            password, project, _role = USERS[user]
            auth = ks_loading.get_plugin_loader('password').load_from_options(
                **password_auth(self.url, user, password, project))
            self._tokens[user] = ks_session.Session(auth=auth).get_token()
        return self._tokens[user]

    def stop(self):
        self.keystone.stop()


def cloud():
    """The Keystone of this test process, started on first use."""
    global _CLOUD
    with _LOCK:
        if _CLOUD is None:
            _CLOUD = Cloud()
            atexit.register(_CLOUD.stop)
        return _CLOUD


def _password_opts():
    return ks_loading.get_auth_plugin_conf_options('password')


class KeystoneTestCase(base.DBTestCase):
    """The API behind auth_token, talking to the test process' Keystone."""

    def setUp(self):
        super().setUp()
        self.cloud = cloud()
        self.useFixture(senlin_fixtures.Messaging())
        self._configure()
        for reset in (policy.reset, trusts.reset_cache, hooks.reset_engine_api,
                      compute.reset_connections):
            reset()
            self.addCleanup(reset)
        patcher = mock.patch.object(rpcapi.EngineAPI, 'announce')
        self.announce = patcher.start()
        self.addCleanup(patcher.stop)
        self.app = webtest.TestApp(app.load_app())

    def _configure(self):
        url = self.cloud.url
        self.flags(auth_strategy='keystone', group='senlin_api')
        self.flags(cloud_backend='openstack')
        service = password_auth(url, SERVICE_USER, SERVICE_PASSWORD,
                                'service')
        for group in ('keystone_authtoken', 'compute_auth'):
            # keystoneauth registers the plugin's options (some required)
            # when it loads it; they must be gone before the next test
            # parses an empty configuration.
            CONF.register_opts(_password_opts(), group=group)
            self.addCleanup(self._unregister, group)
            self.flags(group=group, auth_type='password', **service)
        self.flags(group='keystone_authtoken', www_authenticate_uri=url)

    @staticmethod
    def _unregister(group):
        CONF.reset()
        CONF.unregister_opts(_password_opts(), group=group)

    # -- requests --------------------------------------------------------

    def headers(self, user, version='latest', **extra):
        headers = {'Accept': 'application/json',
                   'OpenStack-API-Version': 'clustering %s' % version}
        if user is not None:
            headers['X-Auth-Token'] = self.cloud.token(user)
        headers.update(extra)
        return headers

    def call(self, user, method, path, body=None, status=None, **kwargs):
        kwargs = {'headers': self.headers(user, **kwargs),
                  'expect_errors': True}
        if body is not None:
            kwargs['params'] = body
            resp = getattr(self.app, '%s_json' % method)(path, **kwargs)
        else:
            resp = getattr(self.app, method)(path, **kwargs)
        if status is not None:
            self.assertEqual(status, resp.status_int,
                             '%s %s as %s: %s' % (method.upper(), path, user,
                                                  resp.text))
        return resp

    def assertForbidden(self, resp):
        self.assertEqual(403, resp.status_int, resp.text)
        self.assertEqual({
            'code': 403, 'title': 'Forbidden',
            'explanation': 'Access was denied to this resource.',
            'error': {'code': 403, 'type': 'Forbidden',
                      'message': 'You are not authorized to complete this '
                                 'operation.'}}, resp.json)

    # -- data --------------------------------------------------------------

    def create_profile(self, user, name):
        resp = self.call(user, 'post', '/v1/profiles', {'profile': {
            'name': name, 'spec': NOVA_SPEC}}, status=201)
        return resp.json['profile']

    def create_node(self, user, profile_id, name):
        """A node (INIT, its NODE_CREATE action READY) and that action."""
        resp = self.call(user, 'post', '/v1/nodes', {'node': {
            'name': name, 'profile_id': profile_id}}, status=202)
        return (resp.json['node'],
                resp.headers['Location'].rsplit('/', 1)[-1])
