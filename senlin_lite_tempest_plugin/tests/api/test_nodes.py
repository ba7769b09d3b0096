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

"""Nodes: create, list, show, update, delete."""

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base


class TestNodes(base.BaseSenlinLiteTest):

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()

    @decorators.idempotent_id('f7492b8e-6cc2-4a2a-827e-192fd9e5b369')
    def test_create_show_delete(self):
        resp = self.client.create_obj('nodes', {'node': {
            'profile_id': self.profile['id'], 'cluster_id': None,
            'metadata': None, 'role': None,
            'name': data_utils.rand_name('n1')}}, expected=202)
        node = resp.body['node']
        self.addCleanup(self.delete_node, node['id'])
        self.assertEqual('INIT', node['status'])
        self.client.wait_for_action(self.client.action_id(resp))
        shown = self.client.get_obj('nodes', node['id']).body['node']
        self.assertEqual('ACTIVE', shown['status'])
        self.assertEqual('Creation succeeded', shown['status_reason'])
        self.assertTrue(shown['physical_id'])
        listed = self.client.list_objs('nodes').body['nodes']
        self.assertIn(node['id'], [n['id'] for n in listed])

        resp = self.client.delete_obj('nodes', node['id'], expected=202)
        self.assertIsNone(resp.body)
        self.client.wait_for_action(self.client.action_id(resp))
        self.assertRaises(lib_exc.NotFound, self.client.get_obj, 'nodes',
                          node['id'])

    @decorators.idempotent_id('f1a78178-e7de-4810-8932-e43e1edafce8')
    def test_update(self):
        node = self.create_node(self.profile['id'])
        name = data_utils.rand_name('node_new_name')
        resp = self.client.update_obj('nodes', node['id'], {'node': {
            'name': name, 'role': 'admin', 'metadata': {'k2': 'v2'},
            'tainted': True}}, version='1.13', expected=202)
        self.assertIn('tainted', resp.body['node'])
        self.client.wait_for_action(self.client.action_id(resp))
        shown = self.client.get_obj('nodes', node['id']).body['node']
        self.assertEqual(name, shown['name'])
        self.assertEqual('admin', shown['role'])
        self.assertEqual({'k2': 'v2'}, shown['metadata'])
        self.assertTrue(shown['tainted'])

    @decorators.idempotent_id('52a1f51d-370e-4934-8d3e-24516d5197a1')
    def test_tainted_microversion(self):
        node = self.create_node(self.profile['id'])
        old = self.client.get_obj('nodes', node['id'], version='1.12')
        self.assertNotIn('tainted', old.body['node'])
        new = self.client.get_obj('nodes', node['id'], version='1.13')
        self.assertIn('tainted', new.body['node'])


class TestNodesNegative(base.BaseSenlinLiteTest):

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('55eec1f2-ce86-4952-9ae9-7ac8b627f88c')
    def test_create_without_node_key(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "Request body missing 'node' key.",
            self.client.create_obj, 'nodes', {})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('89a77630-dba8-4399-ae8e-ff422d6440f8')
    def test_create_missing_fields(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "'name' is a required property",
            self.client.create_obj, 'nodes',
            {'node': {'profile_id': 'fake_profile'}})
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "'profile_id' is a required property",
            self.client.create_obj, 'nodes', {'node': {'name': 'fake'}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('f3a586dd-56cb-47de-b59b-3c9bc0cd6f58')
    def test_create_unknown_profile(self):
        missing = data_utils.rand_uuid()
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "The specified profile '%s' could not be found." % missing,
            self.client.create_obj, 'nodes',
            {'node': {'name': 'fake', 'profile_id': missing}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('74299c85-e9a8-4cdd-a17e-2328d774aad3')
    def test_show_update_not_found(self):
        missing = data_utils.rand_uuid()
        message = "The node '%s' could not be found." % missing
        self.assertRaisesError(lib_exc.NotFound, 404, message,
                               self.client.get_obj, 'nodes', missing)
        self.assertRaisesError(lib_exc.NotFound, 404, message,
                               self.client.update_obj, 'nodes', missing,
                               {'node': {'name': 'new-name'}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('94ef9560-9299-4ce2-b91d-d3ef267a22fa')
    def test_list_bad_params(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "Value must be >= 0 for field 'limit'.",
            self.client.list_objs, 'nodes', {'limit': '-5'})
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "The value for marker is not a valid UUID: 'bad-marker'.",
            self.client.list_objs, 'nodes', {'marker': 'bad-marker'})
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'Invalid parameter bogus',
            self.client.list_objs, 'nodes', {'bogus': 'foo'})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('d2783383-9e1b-4337-8c7a-2f7140ed76e2')
    def test_update_nothing(self):
        profile = self.create_profile()
        node = self.create_node(profile['id'])
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'No property needs an update.',
            self.client.update_obj, 'nodes', node['id'], {'node': {}})
