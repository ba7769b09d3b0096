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

"""Node actions: POST /v1/nodes/{node_id}/actions (check, recover)."""

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base


class TestNodeActions(base.BaseSenlinLiteTest):

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()
        cls.node = cls.create_node(cls.profile['id'])

    def _trigger(self, body):
        resp = self.client.trigger_action(self.node['id'], body)
        self.assertIn('/actions/', resp.header('Location'))
        action_id = self.client.action_id(resp)
        self.assertEqual({'action': action_id}, resp.body)
        return action_id

    @decorators.idempotent_id('ba1a7e4b-9daf-4042-9388-6741e2c2ac13')
    def test_node_check(self):
        action_id = self._trigger({'check': {}})
        action = self.client.wait_for_action(action_id)
        self.assertEqual('NODE_CHECK', action['action'])
        self.assertEqual('Action completed successfully.',
                         action['status_reason'])
        node = self.client.get_obj('nodes', self.node['id']).body['node']
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Check: Node is ACTIVE.', node['status_reason'])
        ends = [e for e in self.events_of(self.node['id'])
                if e['action'] == 'NODE_CHECK' and e['status'] == 'end']
        self.assertIn('Node check succeeded.',
                      [e['status_reason'] for e in ends])

    @decorators.idempotent_id('bae12307-cbfa-4f7a-b49f-bb0a50a2ee8c')
    def test_node_recover_rebuild(self):
        action_id = self._trigger({'recover': {'operation': 'REBUILD'}})
        action = self.client.wait_for_action(action_id)
        self.assertEqual('NODE_RECOVER', action['action'])
        node = self.client.get_obj('nodes', self.node['id']).body['node']
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Recovery succeeded', node['status_reason'])
        self.assertEqual(self.node['physical_id'], node['physical_id'])


class TestNodeActionsNegative(base.BaseSenlinLiteTest):
    """The controller's checks, which come before any node lookup."""

    def _bad(self, node_id, body, message, error_type='HTTPBadRequest'):
        self.assertRaisesError(lib_exc.BadRequest, 400, message,
                               self.client.trigger_action, node_id, body,
                               error_type=error_type)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('779f0723-ea12-4b79-a4b9-88a9a8ddab9f')
    def test_no_action(self):
        self._bad('node_id', {}, 'No action specified.')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('112fe3e9-6e76-4d8c-9ec3-983806c5f8fc')
    def test_multiple_actions(self):
        self._bad('node_id', {'check': {}, 'recover': {}},
                  'Multiple actions specified.')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('66db2114-d11a-4713-b681-3138fb9beed8')
    def test_unrecognized_action(self):
        self._bad('node_id', {'bogus': {}},
                  "Unrecognized action 'bogus' specified")

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('e71ac67e-4987-4907-965b-2646d32846c8')
    def test_params_not_a_map(self):
        self._bad('node_id', {'check': []},
                  'The params provided is not a map.')
        self._bad('node_id', {'recover': []},
                  'The params provided is not a map.')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('12d35a9b-b253-47de-9529-a893fabb9672')
    def test_node_not_found(self):
        missing = data_utils.rand_uuid()
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The node '%s' could not be found." % missing,
            self.client.trigger_action, missing, {'check': {}})


class TestNodeRecoverNegative(base.BaseSenlinLiteTest):
    """Recover parameters, checked after the node lookup."""

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()
        cls.node = cls.create_node(cls.profile['id'])

    def _bad(self, params, message):
        self.assertRaisesError(lib_exc.BadRequest, 400, message,
                               self.client.trigger_action, self.node['id'],
                               {'recover': params})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('703aac66-6b0d-467f-9813-7d57b8b5f945')
    def test_bad_operation(self):
        self._bad({'operation': 'bogus'},
                  "Operation value 'bogus' has to be one of the following: "
                  "REBOOT, REBUILD, RECREATE.")

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('66a2ac86-b6f5-4ff9-adf7-5e3c206857d2')
    def test_unknown_parameter(self):
        self._bad({'foo': 1}, "Action parameter ['foo'] is not "
                              "recognizable.")

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('e6225e16-4b00-4b3e-9125-de5d1e65b5d7')
    def test_bad_reboot_type(self):
        self._bad({'operation': 'reboot',
                   'operation_params': {'type': 'warm'}},
                  "Type field 'warm' in operation_params has to be one of "
                  "the following: SOFT, HARD.")
