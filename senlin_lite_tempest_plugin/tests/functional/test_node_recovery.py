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

"""A node whose server breaks: check finds it, recover replaces it."""

from tempest import config
from tempest.lib import decorators

from senlin_lite_tempest_plugin.services import simulator_client
from senlin_lite_tempest_plugin.tests import base

CONF = config.CONF


class TestNodeRecovery(base.BaseSenlinLiteTest):
    """Needs the compute simulator: the servers are broken through it."""

    @classmethod
    def skip_checks(cls):
        super().skip_checks()
        if not CONF.clustering.simulator_endpoint:
            raise cls.skipException(
                'These tests break servers through the senlin_lite compute '
                'simulator; [clustering] simulator_endpoint is not set.')

    @classmethod
    def setup_clients(cls):
        super().setup_clients()
        cls.simulator = simulator_client.SimulatorClient(
            CONF.clustering.simulator_endpoint)

    def _act(self, node_id, body):
        resp = self.client.trigger_action(node_id, body)
        return self.client.wait_for_action(self.client.action_id(resp))

    def _node(self, node_id):
        return self.client.get_obj('nodes', node_id).body['node']

    @decorators.idempotent_id('4e52066a-b5d0-432d-a142-c9b7c2f879e5')
    def test_check_then_recreate(self):
        profile = self.create_profile()
        node = self.create_node(profile['id'])
        old_server = node['physical_id']
        self.assertEqual('ACTIVE', self.simulator.server(old_server)['status'])

        # The server breaks behind the service's back.
        self.simulator.set_status(old_server, 'ERROR', fault='disk on fire')
        self.assertEqual('ACTIVE', self._node(node['id'])['status'])

        # check notices it: the action succeeds, the node is ERROR.
        self._act(node['id'], {'check': {}})
        checked = self._node(node['id'])
        self.assertEqual('ERROR', checked['status'])
        self.assertEqual('Check: Node is not ACTIVE.',
                         checked['status_reason'])

        # recover with RECREATE replaces the server.
        action = self._act(node['id'], {'recover': {'operation':
                                                    'RECREATE'}})
        self.assertEqual('NODE_RECOVER', action['action'])
        recovered = self._node(node['id'])
        self.assertEqual('ACTIVE', recovered['status'])
        self.assertEqual('Recovery succeeded', recovered['status_reason'])
        new_server = recovered['physical_id']
        self.assertNotEqual(old_server, new_server)
        self.assertEqual('ACTIVE', self.simulator.server(new_server)['status'])

        # The events tell the story: each action started and ended (event
        # timestamps may tie, so their order is not asserted).
        events = self.events_of(node['id'])
        story = sorted((e['action'], e['status']) for e in events)
        self.assertEqual(sorted([
            ('NODE_CREATE', 'start'), ('NODE_CREATE', 'end'),
            ('NODE_CHECK', 'start'), ('NODE_CHECK', 'end'),
            ('NODE_RECOVER', 'start'), ('NODE_RECOVER', 'end')]), story)
        ends = {e['action']: e for e in events if e['status'] == 'end'}
        self.assertEqual('Node check succeeded.',
                         ends['NODE_CHECK']['status_reason'])
        self.assertEqual('Node recovered successfully.',
                         ends['NODE_RECOVER']['status_reason'])

    @decorators.idempotent_id('d629a5cb-9c19-4e0f-8522-d6215640f45e')
    def test_check_healthy_then_rebuild(self):
        profile = self.create_profile()
        node = self.create_node(profile['id'])
        self._act(node['id'], {'check': {}})
        self.assertEqual('ACTIVE', self._node(node['id'])['status'])
        self.simulator.set_status(node['physical_id'], 'ERROR')
        self._act(node['id'], {'check': {}})
        self.assertEqual('ERROR', self._node(node['id'])['status'])
        self._act(node['id'], {'recover': {'operation': 'REBUILD'}})
        rebuilt = self._node(node['id'])
        self.assertEqual('ACTIVE', rebuilt['status'])
        self.assertEqual(node['physical_id'], rebuilt['physical_id'])
        history = [h['action'] for h in
                   self.simulator.server(node['physical_id'])['history']]
        self.assertIn('rebuild', history)
