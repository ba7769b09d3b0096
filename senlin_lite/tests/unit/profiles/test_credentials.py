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

"""Whose credentials the compute connection carries."""

from unittest import mock

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import access as access_plugin
from keystoneauth1.identity import v3 as identity_v3
from keystoneauth1 import loading as ks_loading

from senlin_lite.common import context
from senlin_lite import conf
from senlin_lite.profiles import compute
from senlin_lite.tests import base

CONF = conf.CONF
GROUP = 'compute_auth'

TOKEN_INFO = {'token': {
    'methods': ['password'], 'expires_at': '2099-01-01T00:00:00.000000Z',
    'user': {'id': 'u1', 'name': 'alice', 'domain': {'id': 'default'}},
    'project': {'id': 'p1', 'name': 'alpha', 'domain': {'id': 'default'}},
    'roles': [{'id': 'r1', 'name': 'member'}], 'catalog': []}}


class CredentialsTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(compute.reset_connections)

    def use_password(self, auth_type='password'):
        """[compute_auth] as a deployment configures it."""
        opts = ks_loading.get_auth_plugin_conf_options(auth_type)
        CONF.register_opts(opts, group=GROUP)
        self.addCleanup(self._unregister, opts)
        self.flags(group=GROUP, auth_type=auth_type)
        return opts

    @staticmethod
    def _unregister(opts):
        # Some plugin options are required: they must not outlive the test.
        CONF.reset()
        CONF.unregister_opts(opts, group=GROUP)


class TestCredentials(CredentialsTestCase):

    def test_of(self):
        self.assertIsNone(compute.Credentials.of(None))
        self.assertIsNone(compute.Credentials.of(context.RequestContext(
            user_id='u1', project_id='p1')))
        stored = context.RequestContext(user_id='u1', project_id='p1',
                                        trust_id='t1')
        self.assertEqual('t1', compute.Credentials.of(stored).trust_id)
        caller = context.RequestContext(
            user_id='u1', project_id='p1', auth_token='tok',
            auth_token_info=TOKEN_INFO)
        credentials = compute.Credentials.of(caller)
        self.assertEqual(('tok', TOKEN_INFO, 'p1'),
                         credentials[1:])

    def test_trust_replaces_the_project_scope(self):
        self.use_password()
        self.flags(group=GROUP, auth_url='http://keystone/v3',
                   username='senlin', password='secret',
                   project_name='service', project_domain_id='default',
                   user_domain_id='default')
        # keystoneauth's generic plugin keeps these in private attributes.
        auth = compute.trust_auth('t1')
        self.assertEqual(('t1', None, 'senlin'),
                         (auth._trust_id, auth._project_name, auth._username))
        service = compute.service_auth()
        self.assertEqual((None, 'service'),
                         (service._trust_id, service._project_name))

    def test_trust_needs_a_password_plugin(self):
        self.use_password('v3applicationcredential')
        self.flags(group=GROUP, auth_url='http://keystone/v3',
                   application_credential_id='a',
                   application_credential_secret='s')
        self.assertRaises(ks_exc.AuthPluginException, compute.trust_auth,
                          't1')

    def test_no_auth_type(self):
        self.assertRaises(ks_exc.MissingAuthPlugin, compute.trust_auth, 't')
        self.assertRaises(ks_exc.MissingAuthPlugin, compute.service_auth)

    def test_caller_token(self):
        credentials = compute.Credentials(None, 'tok', TOKEN_INFO, 'p1')
        auth = compute.token_auth(credentials)
        self.assertIsInstance(auth, access_plugin.AccessInfoPlugin)
        self.assertEqual('tok', auth.auth_ref.auth_token)
        self.assertEqual('p1', auth.auth_ref.project_id)

    def test_caller_token_without_token_data(self):
        self.use_password()
        self.flags(group=GROUP, auth_url='http://keystone/v3')
        auth = compute.token_auth(compute.Credentials(None, 'tok', None,
                                                      'p1'))
        self.assertIsInstance(auth, identity_v3.Token)
        self.assertEqual('http://keystone/v3', auth.auth_url)
        self.assertEqual('p1', auth.project_id)


class TestConnectionCache(CredentialsTestCase):

    def setUp(self):
        super().setUp()
        self.flags(cloud_backend='openstack')
        patcher = mock.patch.object(compute, 'cloud_connection',
                                    side_effect=lambda *a, **k: mock.Mock())
        self.cloud = patcher.start()
        self.addCleanup(patcher.stop)

    def test_per_trust(self):
        t1 = compute.Credentials('t1', None, None, None)
        t2 = compute.Credentials('t2', None, None, None)
        self.assertIs(compute.connection(credentials=t1),
                      compute.connection(credentials=t1))
        self.assertIsNot(compute.connection(credentials=t1),
                         compute.connection(credentials=t2))
        self.assertIsNot(compute.connection(),
                         compute.connection(credentials=t1))
        self.assertEqual(3, self.cloud.call_count)

    def test_tokens_are_not_cached(self):
        token = compute.Credentials(None, 'tok', None, 'p1')
        self.assertIsNot(compute.connection(credentials=token),
                         compute.connection(credentials=token))

    def test_bounded(self):
        for i in range(compute.MAX_CACHED + 5):
            compute.connection(credentials=compute.Credentials(
                't%d' % i, None, None, None))
        self.assertEqual(compute.MAX_CACHED,
                         len(compute._local.connections))

    def test_simulator_ignores_credentials(self):
        self.flags(cloud_backend='openstack_test')
        self.flags(endpoint='http://127.0.0.1:1', group='nova_sim')
        first = compute.connection(credentials=compute.Credentials(
            't1', None, None, None))
        self.assertIs(first, compute.connection())
        self.cloud.assert_not_called()
