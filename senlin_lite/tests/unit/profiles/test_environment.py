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

"""requests' environment lookups on the engine's cached connections."""

import os
from unittest import mock

import fixtures
import requests

from senlin_lite.profiles import compute
from senlin_lite.profiles import http_session
from senlin_lite.tests import base

ENVIRONMENT = ('http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
               'NETRC') + compute._CA_BUNDLE_VARIABLES


class EnvironmentLookupTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(cloud_backend='openstack_test')
        self.flags(endpoint='http://127.0.0.1:9', group='nova_sim')
        self.home = self.useFixture(fixtures.TempDir()).path
        self.useFixture(fixtures.EnvironmentVariable('HOME', self.home))
        for name in ENVIRONMENT:
            for variant in {name, name.upper()}:
                self.useFixture(fixtures.EnvironmentVariable(variant))
        compute.reset_connections()
        self.addCleanup(compute.reset_connections)

    def trusts_environment(self):
        return compute.connection().session.session.trust_env

    def test_silent_environment_is_not_looked_up_per_call(self):
        self.assertFalse(self.trusts_environment())
        self.assertIsInstance(compute.connection().session.session,
                              http_session.APISession)

    def test_a_proxy_variable_keeps_the_lookups(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'HTTPS_PROXY', 'http://proxy.example:3128'))
        self.assertTrue(self.trusts_environment())
        self.assertNotIsInstance(compute.connection().session.session,
                                 http_session.APISession)

    def test_a_ca_bundle_variable_is_read_once(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'CURL_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt'))
        conn = compute.connection()
        self.assertFalse(conn.session.session.trust_env)
        self.assertEqual('/etc/ssl/certs/ca-certificates.crt',
                         conn.session.verify)

    def test_a_configured_verification_is_kept(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt'))
        for verify in (False, '/etc/senlin_lite/nova-ca.pem'):
            conn = mock.Mock()
            conn.session.verify = verify
            conn.session.session = requests.Session()
            compute._skip_environment_lookups(conn)
            self.assertEqual(verify, conn.session.verify)
            self.assertFalse(conn.session.session.trust_env)

    def test_a_netrc_variable_keeps_the_lookups(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'NETRC', os.path.join(self.home, 'credentials')))
        self.assertTrue(self.trusts_environment())

    def test_a_netrc_file_keeps_the_lookups(self):
        with open(os.path.join(self.home, '.netrc'), 'w') as f:
            f.write('machine compute.example login u password p\n')
        self.assertTrue(self.trusts_environment())
