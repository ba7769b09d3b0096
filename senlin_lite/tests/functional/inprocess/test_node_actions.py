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

"""Node check and recover through the whole in-process service."""

from concurrent import futures

from senlin_lite.tests.functional.inprocess import base


class TestNodeCreate(base.InProcessTestCase):

    def test_create_with_nulls_reaches_active(self):
        # Contract 4 #43.
        profile = self.client.create_profile('prof-1')
        resp = self.client.post('/v1/nodes', {'node': {
            'profile_id': profile['id'], 'cluster_id': None,
            'metadata': None, 'role': None, 'name': 'n1'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertIn('/actions/', resp.headers['Location'])
        self.assertEqual('INIT', resp.json()['node']['status'])
        action = self.client.wait_action(self.client.action_id(resp))
        self.assertEqual('SUCCEEDED', action['status'])
        node = self.client.get('/v1/nodes/n1').json()['node']
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Creation succeeded', node['status_reason'])
        self.assertIsNotNone(node['physical_id'])
        self.assertIsNotNone(self.sim.control.server(node['physical_id']))


class TestNodeCheck(base.InProcessTestCase):

    def setUp(self):
        super().setUp()
        self.node = self.make_node()

    def check(self):
        resp = self.client.node_action(self.node['id'], {'check': {}})
        self.assertEqual(202, resp.status_code, resp.text)
        action_id = resp.json()['action']
        self.assertTrue(resp.headers['Location'].endswith(
            '/v1/actions/%s' % action_id))
        return self.client.wait_action(action_id)

    def node_now(self):
        return self.client.get(
            '/v1/nodes/%s' % self.node['id']).json()['node']

    def test_check_healthy_node(self):
        # Contract 4 #53.
        action = self.check()
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('Action completed successfully.',
                         action['status_reason'])
        node = self.node_now()
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Check: Node is ACTIVE.', node['status_reason'])
        events = self.client.get('/v1/events', params={
            'oid': self.node['id'], 'action': 'NODE_CHECK'}).json()['events']
        phases = [(e['status'], e['level'], e['status_reason'])
                  for e in events]
        self.assertIn(('start', 'INFO', action['id'][:8]), phases)
        self.assertIn(('end', 'INFO', 'Node check succeeded.'), phases)

    def test_check_server_in_error(self):
        self.sim.control.set_status(self.node['physical_id'], 'ERROR')
        action = self.check()
        self.assertEqual('SUCCEEDED', action['status'])
        node = self.node_now()
        self.assertEqual('ERROR', node['status'])
        self.assertEqual('Check: Node is not ACTIVE.', node['status_reason'])

    def test_check_vanished_server_then_recover(self):
        physical_id = self.node['physical_id']
        self.sim.control.vanish(physical_id)
        action = self.check()
        self.assertEqual('SUCCEEDED', action['status'])
        node = self.node_now()
        self.assertEqual('ERROR', node['status'])
        self.assertIsNone(node['physical_id'])
        self.assertTrue(node['status_reason'].startswith(
            "Failed in found server '%s': " % physical_id),
            node['status_reason'])

        resp = self.client.node_action(self.node['id'], {'recover': {}})
        action = self.client.wait_action(self.client.action_id(resp))
        self.assertEqual('SUCCEEDED', action['status'], action)
        node = self.node_now()
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Recovery succeeded', node['status_reason'])
        self.assertIsNotNone(node['physical_id'])
        self.assertNotEqual(physical_id, node['physical_id'])

    def test_second_check_racing_the_first(self):
        def post(_):
            return self.client.node_action(self.node['id'], {'check': {}})

        with futures.ThreadPoolExecutor(2) as pool:
            responses = list(pool.map(post, range(2)))
        codes = sorted(r.status_code for r in responses)
        self.assertEqual([202, 409], codes)
        loser = [r for r in responses if r.status_code == 409][0]
        self.assertIn(loser.json()['error']['type'],
                      ('ActionConflict', 'ResourceIsLocked'))
        winner = [r for r in responses if r.status_code == 202][0]
        action = self.client.wait_action(winner.json()['action'])
        self.assertEqual('SUCCEEDED', action['status'])


class TestNodeRecover(base.InProcessTestCase):

    def setUp(self):
        super().setUp()
        self.node = self.make_node()

    def recover(self, params):
        resp = self.client.node_action(self.node['id'], {'recover': params})
        action = self.client.wait_action(self.client.action_id(resp))
        node = self.client.get(
            '/v1/nodes/%s' % self.node['id']).json()['node']
        return action, node

    def test_recover_reboot_keeps_server(self):
        action, node = self.recover({'operation': 'REBOOT'})
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('ACTIVE', node['status'])
        self.assertEqual('Recovery succeeded', node['status_reason'])
        self.assertEqual(self.node['physical_id'], node['physical_id'])

    def test_recover_rebuild_keeps_server(self):
        # Contract 4 #54.
        action, node = self.recover({'operation': 'REBUILD'})
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('Recovery succeeded', node['status_reason'])
        self.assertEqual(self.node['physical_id'], node['physical_id'])

    def test_recover_recreate_replaces_server(self):
        action, node = self.recover({'operation': 'recreate'})
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('ACTIVE', node['status'])
        self.assertNotEqual(self.node['physical_id'], node['physical_id'])
        self.assertEqual('RECREATE', node['data'].get('recovery'))

    def test_recover_node_in_error(self):
        self.sim.control.set_status(self.node['physical_id'], 'ERROR')
        action, node = self.recover({'operation': 'REBUILD'})
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('ACTIVE', node['status'])

    def test_recover_with_check_on_healthy_node(self):
        action, node = self.recover({'check': True})
        self.assertEqual('SUCCEEDED', action['status'])
        self.assertEqual('Recover: Node is ACTIVE.', node['status_reason'])

    def test_failed_rebuild_leaves_node_in_error(self):
        self.sim.control.fail_next('rebuild')
        action, node = self.recover({'operation': 'REBUILD'})
        self.assertEqual('FAILED', action['status'])
        self.assertEqual('ERROR', node['status'])
