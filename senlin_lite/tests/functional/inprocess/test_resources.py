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

"""Node update, delete and ops, and what actions and events show."""

from senlin_lite.sim import client as sim_client
from senlin_lite.tests.functional.inprocess import base


class TestNodeLifecycle(base.InProcessTestCase):

    def setUp(self):
        super().setUp()
        self.node = self.make_node()

    def test_update_at_1_13(self):
        # Contract 4 #48.
        self.client.session.headers['OpenStack-API-Version'] = (
            'clustering 1.13')
        resp = self.client.request('PATCH', '/v1/nodes/%s' % self.node['id'],
                                   {'node': {'name': 'node_new_name',
                                             'role': 'admin',
                                             'metadata': {'k2': 'v2'},
                                             'tainted': True}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertIn('tainted', resp.json()['node'])
        action = self.client.wait_action(self.client.action_id(resp))
        self.assertEqual('SUCCEEDED', action['status'])
        node = self.client.get('/v1/nodes/%s' % self.node['id']).json()
        node = node['node']
        self.assertEqual('node_new_name', node['name'])
        self.assertEqual('admin', node['role'])
        self.assertEqual({'k2': 'v2'}, node['metadata'])
        self.assertTrue(node['tainted'])

    def test_delete(self):
        # Contract 4 #49.
        resp = self.client.request('DELETE',
                                   '/v1/nodes/%s' % self.node['id'])
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertIsNone(resp.json())
        action = self.client.wait_action(self.client.action_id(resp))
        self.assertEqual('SUCCEEDED', action['status'])
        resp = self.client.get('/v1/nodes/%s' % self.node['id'])
        self.assertEqual(404, resp.status_code)
        exc = self.assertRaises(sim_client.SimControlError,
                                self.sim.control.server,
                                self.node['physical_id'])
        self.assertEqual(404, exc.code)

    def test_reboot_operation(self):
        # Contract 4 #64.
        resp = self.client.post('/v1/nodes/%s/ops' % self.node['id'],
                                {'reboot': {'type': 'SOFT'}})
        self.assertEqual(202, resp.status_code, resp.text)
        action = self.client.wait_action(resp.json()['action'])
        self.assertEqual('SUCCEEDED', action['status'])
        node = self.client.get('/v1/nodes/%s' % self.node['id']).json()
        self.assertEqual('ACTIVE', node['node']['status'])
        self.assertEqual("Operation 'reboot' succeeded",
                         node['node']['status_reason'])
        events = self.client.get('/v1/events', params={
            'oid': self.node['id']}).json()['events']
        self.assertIn('reboot', [e['action'] for e in events])

    def test_actions_and_events_listing(self):
        # Contract 4 #66, #72, #73.
        resp = self.client.get('/v1/actions', params={'status': 'SUCCEEDED'})
        actions = resp.json()['actions']
        self.assertTrue(actions)
        self.assertEqual({'SUCCEEDED'}, {a['status'] for a in actions})
        self.assertIn('cluster_id', actions[0])
        self.client.session.headers['OpenStack-API-Version'] = (
            'clustering 1.13')
        old = self.client.get('/v1/actions').json()['actions']
        self.assertNotIn('cluster_id', old[0])

        events = self.client.get('/v1/events', params={
            'oid': self.node['id']}).json()['events']
        shown = self.client.get('/v1/events/%s' % events[0]['id'])
        self.assertEqual(200, shown.status_code)
        expected = {'action', 'cluster_id', 'id', 'level', 'oid', 'oname',
                    'otype', 'project', 'status', 'status_reason',
                    'timestamp', 'user'}
        self.assertEqual(set(), expected - set(shown.json()['event']))
