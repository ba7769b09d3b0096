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

"""Cancel, timeout and the node lock, seen from the API."""

from senlin_lite.tests.functional.inprocess import base


class TestActionControl(base.InProcessTestCase):

    def setUp(self):
        super().setUp()
        self.node = self.make_node()

    def start_slow_reboot(self, seconds=30):
        """A recover the simulator holds in HARD_REBOOT for ``seconds``."""
        self.sim.control.configure(reboot_delay=seconds)
        resp = self.client.node_action(
            self.node['id'], {'recover': {'operation': 'REBOOT'}})
        action_id = self.client.action_id(resp)
        self.client.wait_action(action_id, statuses=('RUNNING',))
        return action_id

    def node_now(self):
        return self.client.get(
            '/v1/nodes/%s' % self.node['id']).json()['node']

    def assert_node_free(self):
        """A new check is accepted and runs: no lock, no slot left."""
        self.sim.control.configure(reboot_delay=0.05)
        resp = self.client.node_action(self.node['id'], {'check': {}})
        self.assertEqual(202, resp.status_code, resp.text)
        action = self.client.wait_action(resp.json()['action'])
        self.assertEqual('SUCCEEDED', action['status'])

    def test_second_action_on_locked_node(self):
        # Contract 4 #58, the RUNNING half.
        self.start_slow_reboot()
        resp = self.client.node_action(self.node['id'], {'check': {}})
        self.assert_error(
            resp, 409, 'ResourceIsLocked',
            "NODE_CHECK for node '%s' cannot be completed because it is "
            "already locked." % self.node['id'])

    def test_cancel_running_action(self):
        action_id = self.start_slow_reboot()
        resp = self.client.request(
            'PATCH', '/v1/actions/%s' % action_id,
            {'action': {'status': 'CANCELLED'}})
        self.assertEqual(202, resp.status_code, resp.text)
        action = self.client.wait_action(action_id, timeout=15)
        self.assertEqual('CANCELLED', action['status'])
        self.assertEqual('Action execution cancelled',
                         action['status_reason'])
        node = self.node_now()
        self.assertNotIn(node['status'], ('RECOVERING',))
        self.assert_node_free()

    def test_action_timeout(self):
        self.flags(default_action_timeout=1)
        action_id = self.start_slow_reboot()
        action = self.client.wait_action(action_id, timeout=15)
        self.assertEqual('FAILED', action['status'])
        self.assertEqual('TIMEOUT', action['status_reason'])
        self.assertEqual(1, action['timeout'])
        self.assertNotEqual('RECOVERING', self.node_now()['status'])
        self.assert_node_free()
