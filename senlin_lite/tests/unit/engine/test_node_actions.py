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


"""Node actions end to end: engine, os.nova.server profile, simulator."""

from unittest import mock

from senlin_lite.common import consts
from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.db import utils as db_utils
from senlin_lite.tests.unit.engine import base

SUCCEEDED = consts.ACTION_SUCCEEDED
FAILED = consts.ACTION_FAILED


class NodeCreateDeleteTest(base.EngineTestCase):

    def test_create(self):
        node, action = self.new_node()
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(SUCCEEDED, action.status)
        self.assertEqual('Action completed successfully.',
                         action.status_reason)
        self.assertIsNone(action.owner)
        node = self.node(node.id)
        self.assertEqual(consts.NODE_ACTIVE, node.status)
        self.assertEqual('Creation succeeded', node.status_reason)
        self.assertIsNotNone(node.created_at)
        self.assertIsNotNone(self.sim.control.server(node.physical_id))
        self.assert_lock_free(node.id)
        self.assertEqual(
            sorted([('20', 'start', action.id[:8]),
                    ('20', 'end', 'Node created successfully.')]),
            sorted(self.phases(node.id, consts.NODE_CREATE)))

    def test_create_needs_init(self):
        # ACTIVE from the start: the create action is READY as soon as it
        # is stored, and the engine's start-up sweep may claim it at once.
        node, action = db_utils.create_node(self.ctx, self.profile.id,
                                            name='node-1',
                                            status=consts.NODE_ACTIVE)
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(FAILED, action.status)
        self.assertEqual('Node must be in INIT status', action.status_reason)
        node = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, node.status)
        self.assertEqual('Node must be in INIT status', node.status_reason)

    def test_delete(self):
        node = self.active_node()
        action = self.run_action(node.id, consts.NODE_DELETE)
        self.assertEqual(SUCCEEDED, action.status)
        self.assertIsNone(self.node(node.id))
        self.assertEqual([], [s for s in self.sim.control.servers()
                              if s['id'] == node.physical_id])
        self.assertIn(('20', 'end', 'Node deleted successfully.'),
                      self.phases(node.id, consts.NODE_DELETE))


class NodeCheckTest(base.EngineTestCase):

    def test_check_active(self):
        node = self.active_node()
        action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(SUCCEEDED, action.status)
        node = self.node(node.id)
        self.assertEqual(consts.NODE_ACTIVE, node.status)
        self.assertEqual('Check: Node is ACTIVE.', node.status_reason)
        self.assert_lock_free(node.id)
        self.assertIn(('20', 'end', 'Node check succeeded.'),
                      self.phases(node.id, consts.NODE_CHECK))

    def test_check_not_active(self):
        node = self.active_node()
        self.sim.control.set_status(node.physical_id, 'SHUTOFF')
        action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(SUCCEEDED, action.status)
        node = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, node.status)
        self.assertEqual('Check: Node is not ACTIVE.', node.status_reason)

    def test_check_vanished_server(self):
        node = self.active_node()
        physical_id = node.physical_id
        self.sim.control.vanish(physical_id)
        action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(SUCCEEDED, action.status)
        node = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, node.status)
        self.assertTrue(node.status_reason.startswith(
            "Failed in found server '%s': " % physical_id),
            node.status_reason)
        self.assertIsNone(node.physical_id)

    def test_check_without_physical_id(self):
        # No sweep between the create action's insert and its cancel.
        with mock.patch.object(self.engine, 'sweep', return_value=0):
            node, create = self.new_node()
            db_api.action_cancel(self.admin, create.id)
        action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(FAILED, action.status)
        self.assertEqual('Node check failed.', action.status_reason)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_INIT, after.status)
        self.assertEqual('Initializing', after.status_reason)
        self.assertIn(('40', 'error', 'Node check failed.'),
                      self.phases(node.id, consts.NODE_CHECK))


class NodeRecoverTest(base.EngineTestCase):

    def _recover(self, node, **inputs):
        return self.run_action(node.id, consts.NODE_RECOVER, inputs)

    def _assert_recovered(self, action, node_id):
        self.assertEqual(SUCCEEDED, action.status, action.status_reason)
        node = self.node(node_id)
        self.assertEqual(consts.NODE_ACTIVE, node.status)
        self.assertEqual('Recovery succeeded', node.status_reason)
        self.assert_lock_free(node_id)
        self.assertIn(('20', 'end', 'Node recovered successfully.'),
                      self.phases(node_id, consts.NODE_RECOVER))
        return node

    def test_reboot(self):
        node = self.active_node()
        action = self._recover(node, operation='reboot',
                               operation_params={'type': 'soft'})
        after = self._assert_recovered(action, node.id)
        self.assertEqual(node.physical_id, after.physical_id)

    def test_rebuild(self):
        node = self.active_node()
        after = self._assert_recovered(
            self._recover(node, operation='REBUILD'), node.id)
        self.assertEqual(node.physical_id, after.physical_id)

    def test_recreate(self):
        node = self.active_node()
        after = self._assert_recovered(
            self._recover(node, operation='RECREATE'), node.id)
        self.assertNotEqual(node.physical_id, after.physical_id)
        self.assertEqual('RECREATE', after.data['recovery'])

    def test_default_is_recreate(self):
        node = self.active_node()
        after = self._assert_recovered(self._recover(node), node.id)
        self.assertNotEqual(node.physical_id, after.physical_id)

    def test_recover_after_vanished_server(self):
        node = self.active_node()
        self.sim.control.vanish(node.physical_id)
        self.run_action(node.id, consts.NODE_CHECK)
        self.assertIsNone(self.node(node.id).physical_id)
        after = self._assert_recovered(self._recover(node), node.id)
        self.assertIsNotNone(after.physical_id)
        self.assertIsNotNone(self.sim.control.server(after.physical_id))

    def test_reboot_needs_physical_id(self):
        node = self.active_node()
        self.sim.control.vanish(node.physical_id)
        self.run_action(node.id, consts.NODE_CHECK)
        action = self._recover(node, operation='REBOOT')
        self.assertEqual(FAILED, action.status)
        self.assertEqual('Node recover failed.', action.status_reason)
        self.assertEqual(consts.NODE_ERROR, self.node(node.id).status)

    def test_check_first_and_healthy(self):
        node = self.active_node()
        action = self._recover(node, check=True, operation='REBOOT')
        self.assertEqual(SUCCEEDED, action.status)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ACTIVE, after.status)
        self.assertEqual('Recover: Node is ACTIVE.', after.status_reason)

    def test_check_first_and_unhealthy(self):
        node = self.active_node()
        self.sim.control.set_status(node.physical_id, 'ERROR')
        self._assert_recovered(
            self._recover(node, check=True, operation='REBUILD'), node.id)

    def test_backend_failure(self):
        node = self.active_node()
        self.sim.control.fail_next('reboot', server_id=node.physical_id)
        action = self._recover(node, operation='REBOOT')
        self.assertEqual(FAILED, action.status)
        self.assertEqual('Node recover failed.', action.status_reason)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, after.status)
        self.assertTrue(after.status_reason.startswith('Failed in '),
                        after.status_reason)
        self.assert_lock_free(node.id)


class NodeUpdateOperationTest(base.EngineTestCase):

    def test_update_properties(self):
        node = self.active_node()
        action = self.run_action(node.id, consts.NODE_UPDATE, {
            'name': 'renamed', 'role': 'db', 'metadata': {'k': 'v'},
            'tainted': True})
        self.assertEqual(SUCCEEDED, action.status, action.status_reason)
        after = self.node(node.id)
        self.assertEqual(('renamed', 'db', {'k': 'v'}, True),
                         (after.name, after.role, after.meta_data,
                          after.tainted))
        self.assertEqual(consts.NODE_ACTIVE, after.status)
        self.assertEqual('Update succeeded', after.status_reason)
        self.assertIn(('20', 'end', 'Node updated successfully.'),
                      self.phases(after.id, consts.NODE_UPDATE))

    def test_update_profile(self):
        node = self.active_node()
        other = db_utils.create_profile(self.ctx, name='other',
                                        spec=base.NOVA_SPEC)
        action = self.run_action(node.id, consts.NODE_UPDATE,
                                 {'new_profile_id': other.id})
        self.assertEqual(SUCCEEDED, action.status, action.status_reason)
        self.assertEqual(other.id, self.node(node.id).profile_id)

    def test_operation_stop(self):
        node = self.active_node()
        action = self.run_action(node.id, consts.NODE_OPERATION,
                                 {'operation': 'stop', 'params': {}})
        self.assertEqual(SUCCEEDED, action.status, action.status_reason)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ACTIVE, after.status)
        self.assertEqual("Operation 'stop' succeeded", after.status_reason)
        self.assertEqual('SHUTOFF',
                         self.sim.control.server(node.physical_id)['status'])
        self.assertIn(('20', 'end', "Node operation 'stop' succeeded."),
                      self.phases(node.id, 'stop'))
