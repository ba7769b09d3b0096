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

"""The version documents and microversion negotiation."""

from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base

VERSION_KEYS = {'id', 'links', 'max_version', 'media-types', 'min_version',
                'status', 'updated'}


class TestVersions(base.BaseSenlinLiteTest):

    @decorators.idempotent_id('bb5c7920-46b6-4669-b833-b6d612e1925e')
    def test_version_list(self):
        resp = self.client.call('GET', '', expected=300)
        versions = resp.body['versions']
        self.assertEqual(1, len(versions))
        version = versions[0]
        self.assertEqual('1.0', version['id'])
        self.assertEqual('1.0', version['min_version'])
        self.assertEqual('1.14', version['max_version'])
        self.assertTrue(VERSION_KEYS.issubset(version), version)

    @decorators.idempotent_id('4713c0c2-effe-46a7-99b7-05f0dbb5e211')
    def test_version_show(self):
        resp = self.client.call('GET', 'v1/', expected=200)
        self.assertEqual('1.0', resp.body['version']['id'])

    @decorators.idempotent_id('31075175-ddb2-4e6b-8e7f-4f24cf402800')
    def test_latest_microversion_echoed(self):
        resp = self.client.call('GET', 'v1/nodes', expected=200)
        self.assertEqual('clustering 1.14',
                         resp.header('OpenStack-API-Version'))

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('8cba83ad-898d-449c-a1e1-1f3e7a8746e8')
    def test_unknown_version_path(self):
        self.assertRaises(lib_exc.NotFound, self.client.call, 'GET', 'vx')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('caf47277-e442-41db-8903-857981bd60e4')
    def test_microversion_too_new(self):
        self.assertRaisesError(
            lib_exc.NotAcceptable, 406,
            "Version '1.15' is not supported by the API. Minimum is '1.0' "
            "and maximum is '1.14'.",
            self.client.call, 'GET', 'v1/nodes', version='1.15',
            error_type='InvalidGlobalAPIVersion')
