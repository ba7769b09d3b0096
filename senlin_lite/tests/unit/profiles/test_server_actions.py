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

"""ServerProfile recover, update and operations against the simulator."""

from senlin_lite.profiles import base as profile_base
from senlin_lite.profiles import nova_actions
from senlin_lite.tests.unit.profiles import base


class TestRecover(base.ProfileTestCase):

    def recover(self, node, operation=None, **options):
        return self.profile.do_recover(node, operation, options)

    def test_reboot_defaults_to_hard(self):
        node = self.created_node()
        self.control.set_status(node.physical_id, 'ERROR')
        self.assertEqual(node.physical_id, self.recover(node, 'reboot'))
        state = self.state(node)
        self.assertEqual(('ACTIVE', {'type': 'HARD'}),
                         (state['status'], state['history'][-1]['params']))

    def test_reboot_soft(self):
        node = self.created_node()
        self.recover(node, 'REBOOT', operation_params={'type': 'soft'})
        self.assertEqual('reboot_soft', self.history(node)[-1])

    def test_reboot_failure(self):
        node = self.created_node()
        self.control.fail_next('reboot', message='hypervisor gone')
        exc = self.assertRaises(profile_base.ProfileError, self.recover,
                                node, 'REBOOT')
        self.assertEqual("Failed in rebooting server '%s': hypervisor "
                         "gone." % node.physical_id, str(exc))

    def test_rebuild_with_current_image(self):
        node = self.created_node()
        image = self.state(node)['image']
        self.control.set_status(node.physical_id, 'ERROR')
        self.assertEqual(node.physical_id, self.recover(node, 'Rebuild'))
        state = self.state(node)
        self.assertEqual(('ACTIVE', image, 'rebuild'),
                         (state['status'], state['image'],
                          state['history'][-1]['action']))

    def test_rebuild_with_given_image(self):
        node = self.created_node()
        self.recover(node, 'REBUILD', operation_params={'image': 'other'})
        self.assertEqual('other', self.state(node)['image_name'])

    def test_rebuild_without_image(self):
        profile = base.make_profile(image=None, block_device_mapping_v2=[{
            'source_type': 'volume', 'destination_type': 'volume',
            'uuid': 'vol-1', 'boot_index': 0, 'volume_size': 1}])
        node = self.created_node(profile)
        exc = self.assertRaises(profile_base.ProfileError,
                                profile.do_recover, node, 'REBUILD')
        self.assertEqual("Failed in rebuilding server '%s': %s." % (
            node.physical_id, nova_actions.NO_IMAGE), str(exc))

    def test_recreate_is_default(self):
        node = self.created_node()
        old = node.physical_id
        new = self.recover(node)
        self.assertNotEqual(old, new)
        self.assertEqual([new], [s['id'] for s in self.control.servers()])
        self.assertEqual('ACTIVE', self.control.server(new)['status'])

    def test_recreate_vanished_server(self):
        node = self.created_node()
        self.control.vanish(node.physical_id)
        self.assertTrue(self.recover(node, 'RECREATE'))

    def test_recreate_fenced(self):
        node = self.created_node()
        self.control.configure(delete_delay=1)
        old = node.physical_id
        self.control.fail_next('delete', server_id=old)
        self.recover(node, 'RECREATE', force_recreate=True,
                     operation_params={'fence_compute': True})
        history = [h['action'] for h in self.control.server(old)['history']]
        self.assertEqual('force_delete', history[-1])

    def test_recreate_delete_failure(self):
        node = self.created_node()
        self.control.fail_next('delete', message='stuck')
        exc = self.assertRaises(profile_base.ProfileError, self.recover,
                                node, 'RECREATE')
        self.assertEqual("Failed in recovering node 'node-1': Failed in "
                         "deleting server '%s': stuck." % node.physical_id,
                         str(exc))
        self.assertEqual(1, len(self.control.servers()))

    def test_recreate_delete_failure_forced(self):
        node = self.created_node()
        self.control.fail_next('delete')
        new = self.recover(node, 'RECREATE', force_recreate=True)
        self.assertNotEqual(node.physical_id, new)
        self.assertEqual(2, len(self.control.servers()))

    def test_recreate_create_failure(self):
        node = self.created_node()
        self.control.fail_next('create', message='out of capacity')
        exc = self.assertRaises(profile_base.ProfileError, self.recover,
                                node, 'RECREATE')
        self.assertEqual("Failed in recovering node 'node-1': Failed in "
                         "creating server: out of capacity.", str(exc))
        self.assertEqual('ERROR', self.control.server(
            exc.resource_id)['status'])

    def test_unknown_operation(self):
        node = self.created_node()
        self.assertRaises(profile_base.ProfileError, self.recover, node,
                          'MIGRATE')


class TestOperations(base.ProfileTestCase):

    def operate(self, node, operation, **params):
        return self.profile.do_operation(node, operation, params)

    def test_power_cycle(self):
        node = self.created_node()
        for operation, status in (('stop', 'SHUTOFF'), ('start', 'ACTIVE'),
                                  ('pause', 'PAUSED'), ('unpause', 'ACTIVE'),
                                  ('suspend', 'SUSPENDED'),
                                  ('resume', 'ACTIVE'), ('rescue', 'RESCUE'),
                                  ('unrescue', 'ACTIVE')):
            self.assertIsNone(self.operate(node, operation))
            self.assertEqual(status, self.state(node)['status'])

    def test_reboot_defaults_to_soft(self):
        node = self.created_node()
        self.operate(node, 'reboot')
        self.operate(node, 'reboot', type='HARD')
        self.assertEqual(['reboot_soft', 'reboot_hard'],
                         self.history(node)[-2:])

    def test_rebuild_lock_password_evacuate_rescue(self):
        node = self.created_node()
        self.operate(node, 'rebuild')
        self.operate(node, 'lock')
        self.assertTrue(self.state(node)['locked'])
        self.operate(node, 'unlock')
        self.operate(node, 'change_password', admin_pass='new')
        self.assertEqual('new', self.state(node)['admin_pass'])
        self.operate(node, 'evacuate', host='h2', force='true')
        self.assertEqual('h2', self.state(node)['host'])
        self.operate(node, 'rescue', image_ref='rescue-image')
        self.assertEqual('rescue', self.history(node)[-1])

    def test_change_password_needs_password(self):
        node = self.created_node()
        exc = self.assertRaises(profile_base.ProfileError, self.operate,
                                node, 'change_password')
        self.assertIn("Failed in change_password server", str(exc))

    def test_failure(self):
        node = self.created_node()
        self.control.fail_next('pause', message='no memory')
        exc = self.assertRaises(profile_base.ProfileError, self.operate,
                                node, 'pause')
        self.assertEqual("Failed in pause server '%s': no memory."
                         % node.physical_id, str(exc))

    def test_conflict(self):
        node = self.created_node()
        exc = self.assertRaises(profile_base.ProfileError, self.operate,
                                node, 'unpause')
        self.assertIn("Cannot 'unpause' instance", str(exc))

    def test_unsupported(self):
        node = self.created_node()
        exc = self.assertRaises(profile_base.ProfileError, self.operate,
                                node, 'dance')
        self.assertEqual("The requested operation 'dance' is not supported "
                         "by the profile type 'os.nova.server-1.0'.",
                         str(exc))


class TestUpdate(base.ProfileTestCase):

    def test_name_metadata_flavor_password(self):
        profile = base.make_profile(metadata={'old': 'x', 'keep': 'y'})
        node = self.created_node(profile)
        new = base.make_profile(name='renamed', flavor='m1.small',
                                admin_pass='pw', metadata={'keep': 'z'})
        self.assertIs(True, profile.do_update(node, new))
        state = self.state(node)
        self.assertEqual(('renamed', '2', 'pw', 'ACTIVE'),
                         (state['name'], state['flavor'],
                          state['admin_pass'], state['status']))
        self.assertEqual({'keep': 'z', 'cluster_node_id': 'node-1'},
                         state['metadata'])

    def test_image_rebuilds(self):
        node = self.created_node()
        new = base.make_profile(image='newer', name='n2')
        self.profile.do_update(node, new)
        state = self.state(node)
        self.assertEqual(('newer', 'n2', 'rebuild'),
                         (state['image_name'], state['name'],
                          state['history'][-1]['action']))

    def test_networks_not_supported(self):
        node = self.created_node()
        new = base.make_profile(networks=[{'network': 'other'}])
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_update, node, new)
        self.assertEqual("Failed in updating server '%s': Changing networks "
                         "is not supported." % node.physical_id, str(exc))

    def test_failure(self):
        node = self.created_node()
        self.control.fail_next('rebuild', message='bad image')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_update, node,
                                base.make_profile(image='broken'))
        self.assertEqual("Failed in updating server '%s': bad image."
                         % node.physical_id, str(exc))
