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

"""Profile types: list, show, operations."""

from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base

# The types a Senlin-compatible service may list; senlin_lite itself
# has os.nova.server only.
NAMES = {'os.nova.server', 'os.heat.stack', 'container.dockerinc.docker'}


class TestProfileTypes(base.BaseSenlinLiteTest):

    @decorators.idempotent_id('5100c878-12da-434b-a18c-5f44348887f7')
    def test_list_1_4(self):
        types = self.client.list_objs('profile-types',
                                      version='1.4').body['profile_types']
        self.assertIn({'name': 'os.nova.server-1.0'}, types)
        for item in types:
            self.assertEqual({'name'}, set(item))
            self.assertIn(item['name'].rsplit('-', 1)[0], NAMES)

    @decorators.idempotent_id('99b44dea-2644-4e7e-9d7a-8f6b5d505b9a')
    def test_list_1_5(self):
        types = self.client.list_objs('profile-types',
                                      version='1.5').body['profile_types']
        self.assertNotEqual([], types)
        for item in types:
            self.assertIn(item['name'], NAMES)
            self.assertIsNotNone(item['version'])
            self.assertIn('support_status', item)

    @decorators.idempotent_id('95aa7128-bdaf-4866-a351-6274f0f600e2')
    def test_show(self):
        shown = self.client.get_obj('profile-types', 'os.nova.server-1.0',
                                    version='1.5').body['profile_type']
        self.assertEqual('os.nova.server-1.0', shown['name'])
        self.assertIn('schema', shown)
        self.assertIn('support_status', shown)
        older = self.client.get_obj('profile-types', 'os.nova.server-1.0',
                                    version='1.4').body['profile_type']
        self.assertNotIn('support_status', older)

    @decorators.idempotent_id('a3ab650a-3e6d-4527-b814-4a7e214737ec')
    def test_operations(self):
        resp = self.client.call('GET', 'v1/profile-types/'
                                'os.nova.server-1.0/ops', version='1.4',
                                expected=200)
        change_password = resp.body['operations']['change_password']
        self.assertIn('description', change_password)
        self.assertIn('parameters', change_password)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('04a16541-2121-4688-873b-2e77dd8c4a52')
    def test_show_not_found(self):
        missing = '58181c56-3166-4478-8981-e1d476065f2b'
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The profile_type '%s' could not be found." % missing,
            self.client.get_obj, 'profile-types', missing,
            error_type='ResourceNotFound')
