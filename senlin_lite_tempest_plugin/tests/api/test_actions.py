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

"""Actions: list, show, cancel (PATCH, microversion 1.12)."""

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base

ACTION_KEYS = {'action', 'cause', 'created_at', 'data', 'depended_by',
               'depends_on', 'end_time', 'id', 'inputs', 'interval', 'name',
               'outputs', 'owner', 'project', 'start_time', 'status',
               'status_reason', 'target', 'timeout', 'updated_at', 'user'}


class TestActions(base.BaseSenlinLiteTest):

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()
        cls.node = cls.create_node(cls.profile['id'])
        resp = cls.client.trigger_action(cls.node['id'], {'check': {}})
        cls.action_id = cls.client.action_id(resp)
        cls.client.wait_for_action(cls.action_id)

    @decorators.idempotent_id('8a21cc1d-580c-46c4-b129-927b5acc7b42')
    def test_show(self):
        action = self.client.get_obj('actions',
                                     self.action_id).body['action']
        self.assertTrue(ACTION_KEYS.issubset(action), action)
        self.assertEqual(self.node['id'], action['target'])
        self.assertEqual('SUCCEEDED', action['status'])

    @decorators.idempotent_id('37e5a19b-ebce-4d36-95bc-03b0b7a68652')
    def test_list_filtered(self):
        actions = self.client.list_objs(
            'actions', {'status': 'SUCCEEDED'}).body['actions']
        self.assertIn(self.action_id, [a['id'] for a in actions])
        for action in actions:
            self.assertEqual('SUCCEEDED', action['status'])

    @decorators.idempotent_id('18ac6e2b-74e0-4eb9-a498-b6639aea0b90')
    def test_cluster_id_microversion(self):
        old = self.client.list_objs('actions', version='1.13')
        self.assertNotIn('cluster_id', old.body['actions'][0])
        new = self.client.list_objs('actions', version='1.14')
        self.assertIn('cluster_id', new.body['actions'][0])

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('a29539ad-dcd3-4cd1-9529-598acf7ffe9c')
    def test_cancel_finished(self):
        self.assertRaisesError(
            lib_exc.Conflict, 409,
            "Action (%s) is in status (SUCCEEDED) while expected status "
            "must be one of (('INIT', 'WAITING', 'READY', 'RUNNING', "
            "'WAITING_LIFECYCLE_COMPLETION'))." % self.action_id[:8],
            self.client.cancel_action, self.action_id,
            error_type='ActionImmutable')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('97bd8c42-84c3-4720-98d6-5cc938912dee')
    def test_update_bad_status(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            'Unknown status invalid for action %s.' % self.action_id,
            self.client.update_obj, 'actions', self.action_id,
            {'action': {'status': 'invalid'}}, version='1.12')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('814577ac-7fab-47ee-a112-b450233cfe0c')
    def test_update_old_microversion(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "API version '1.11' is not supported on this method.",
            self.client.update_obj, 'actions', self.action_id,
            {'action': {'status': 'CANCELLED'}}, version='1.11')


class TestActionsNegative(base.BaseSenlinLiteTest):

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('c1e03dfe-71ba-4ae8-82fa-6b42b3eab088')
    def test_not_found(self):
        missing = data_utils.rand_uuid()
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The action '%s' could not be found." % missing,
            self.client.get_obj, 'actions', missing)
        self.assertRaises(lib_exc.NotFound, self.client.cancel_action,
                          missing)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('13ab2593-272d-42e8-99c2-270b0081b84c')
    def test_list_bad_sort(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "Unsupported sort key 'bad-sort' for 'sort'.",
            self.client.list_objs, 'actions', {'sort': 'bad-sort'})
