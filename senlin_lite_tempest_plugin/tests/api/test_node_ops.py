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

"""Node operations: POST /v1/nodes/{node_id}/ops (microversion 1.4)."""

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base


class TestNodeOps(base.BaseSenlinLiteTest):

    min_microversion = '1.4'

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()
        cls.node = cls.create_node(cls.profile['id'])

    @decorators.idempotent_id('920bde08-cb20-446f-a131-b280d360d84a')
    def test_reboot(self):
        resp = self.client.node_operation(self.node['id'],
                                          {'reboot': {'type': 'SOFT'}})
        action_id = self.client.action_id(resp)
        self.assertEqual({'action': action_id}, resp.body)
        self.client.wait_for_action(action_id)
        node = self.client.get_obj('nodes', self.node['id']).body['node']
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual("Operation 'reboot' succeeded",
                         node['status_reason'])
        self.assertIn('reboot', [e['action']
                                 for e in self.events_of(self.node['id'])])

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('1d72e03d-e6c7-4a71-9bc1-e9c3a21293e7')
    def test_unsupported_operation(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "The requested operation 'dance' is not supported by the "
            "profile type 'os.nova.server-1.0'.",
            self.client.node_operation, self.node['id'], {'dance': {}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('0cc205c1-2a99-451d-b9aa-702a1e7942be')
    def test_bad_reboot_type(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "'Unknown' must be one of the allowed values: SOFT, HARD.",
            self.client.node_operation, self.node['id'],
            {'reboot': {'type': 'Unknown'}})


class TestNodeOpsNegative(base.BaseSenlinLiteTest):

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('b34ad87c-1bac-426b-85c7-de995d2be2d9')
    def test_old_microversion(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "API version '1.3' is not supported on this method.",
            self.client.node_operation, 'FAKE_ID', {'reboot': {}},
            version='1.3', error_type='MethodVersionNotFound')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('a79e7016-23c0-4c63-902b-420a129c4067')
    def test_no_or_many_operations(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'No operation specified.',
            self.client.node_operation, 'FAKE_ID', {})
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'Multiple operations specified.',
            self.client.node_operation, 'FAKE_ID', {'foo': {}, 'bar': {}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('7dba7e52-7d83-4fd7-ba3b-04b7b1d3b1f1')
    def test_node_not_found(self):
        missing = data_utils.rand_uuid()
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The node '%s' could not be found." % missing,
            self.client.node_operation, missing, {'dance': {}})
