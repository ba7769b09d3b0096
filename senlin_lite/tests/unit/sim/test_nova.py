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

"""The Nova and Glance subset, driven through openstacksdk itself."""

import uuid

from openstack import exceptions as sdk_exc
import requests

from senlin_lite.sim import catalog
from senlin_lite.tests.unit.sim import base


class TestDiscovery(base.SimTestCase):

    def test_version_document(self):
        body = requests.get(self.sim.compute_url).json()['version']
        self.assertEqual('2.1', body['min_version'])
        self.assertEqual('2.96', body['version'])
        self.assertEqual(self.sim.compute_url + '/',
                         body['links'][0]['href'])

    def test_root_lists_versions(self):
        body = requests.get(self.sim.url + '/').json()
        self.assertEqual(['v2.1'], [v['id'] for v in body['versions']])

    def test_glance_root_is_multiple_choices(self):
        resp = requests.get(self.sim.image_url)
        self.assertEqual(300, resp.status_code)
        self.assertEqual(self.sim.image_url + '/v2/',
                         resp.json()['versions'][0]['links'][0]['href'])

    def test_microversion_echoed(self):
        resp = requests.get(self.sim.compute_url + '/flavors/1',
                            headers={'OpenStack-API-Version': 'compute 2.60'})
        self.assertEqual('compute 2.60',
                         resp.headers['OpenStack-API-Version'])

    def test_microversion_out_of_range(self):
        resp = requests.get(self.sim.compute_url + '/flavors/1',
                            headers={'OpenStack-API-Version': 'compute 2.200'})
        self.assertEqual(406, resp.status_code)
        self.assertIn('notAcceptable', resp.json())

    def test_sdk_negotiates_latest(self):
        server = self.create()
        # 2.47+ embeds the flavor instead of linking it.
        self.assertEqual('m1.tiny', server.flavor.original_name)


class TestLookups(base.SimTestCase):

    def test_any_flavor_resolves(self):
        self.assertEqual('2', self.conn.compute.find_flavor(
            'm1.small', ignore_missing=False).id)
        flavor = self.conn.compute.get_flavor('custom.big')
        self.assertEqual(('custom.big', 'custom.big'),
                         (flavor.id, flavor.name))

    def test_image_by_name_is_deterministic(self):
        image = self.conn.image.find_image('my-image', ignore_missing=False)
        self.assertEqual(str(uuid.uuid5(catalog.IMAGE_NAMESPACE,
                                        'my-image')), image.id)
        again = self.conn.image.get_image(image.id)
        self.assertEqual('my-image', again.name)

    def test_image_by_unknown_uuid(self):
        image_id = str(uuid.uuid4())
        self.assertEqual(image_id, self.conn.image.get_image(image_id).id)

    def test_keypair_resolves(self):
        key = self.conn.compute.find_keypair('mykey', ignore_missing=False)
        self.assertEqual('mykey', key.name)
        self.assertTrue(key.fingerprint)


class TestServers(base.SimTestCase):

    def test_create_builds_then_active(self):
        server = self.create(wait=False, metadata={'k': 'v'},
                             availability_zone='az1',
                             networks=[{'uuid': 'net', 'fixed_ip': '1.2.3.4'}])
        self.assertEqual('BUILD', self.conn.compute.get_server(
            server.id).status)
        server = self.wait_status(server.id, 'ACTIVE')
        self.assertEqual('az1', server.availability_zone)
        self.assertEqual({'k': 'v'}, server.metadata)
        self.assertEqual('1.2.3.4', server.addresses['private'][0]['addr'])
        self.assertEqual('active', server.vm_state)
        self.assertEqual('vm', server.name)

    def test_create_validation(self):
        self.assertRaises(sdk_exc.BadRequestException,
                          self.conn.compute.create_server, name='x',
                          flavor_id='1')
        self.assertRaises(sdk_exc.BadRequestException, self.create,
                          metadata={'k': 1})

    def test_find_and_list(self):
        server = self.create(name='findme')
        self.assertEqual(server.id, self.conn.compute.find_server(
            'findme', ignore_missing=False).id)
        names = [s.name for s in self.conn.compute.servers()]
        self.assertEqual(['findme'], names)

    def test_not_found_shape(self):
        server_id = str(uuid.uuid4())
        resp = requests.get('%s/servers/%s' % (self.sim.compute_url,
                                               server_id))
        self.assertEqual(404, resp.status_code)
        self.assertEqual(
            {'itemNotFound': {'code': 404, 'message': 'Instance %s could '
                              'not be found.' % server_id}}, resp.json())
        self.assertRaises(sdk_exc.NotFoundException,
                          self.conn.compute.get_server, server_id)

    def test_delete_then_gone(self):
        server = self.create()
        self.conn.compute.delete_server(server)
        self.assertEqual('deleting', self.conn.compute.get_server(
            server.id).task_state)
        self.conn.compute.wait_for_delete(server, interval=0.01, wait=5)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.conn.compute.get_server, server.id)

    def test_force_delete(self):
        server = self.create()
        self.conn.compute.delete_server(server, force=True)
        self.conn.compute.wait_for_delete(server, interval=0.01, wait=5)

    def test_reboot_soft_and_hard(self):
        server = self.create()
        self.conn.compute.reboot_server(server, 'SOFT')
        self.assertEqual('REBOOT', self.conn.compute.get_server(
            server.id).status)
        self.wait_status(server.id, 'ACTIVE')
        self.conn.compute.reboot_server(server, 'HARD')
        self.assertEqual('HARD_REBOOT', self.conn.compute.get_server(
            server.id).status)
        self.wait_status(server.id, 'ACTIVE')

    def test_rebuild(self):
        server = self.create()
        image = self.conn.image.find_image('other', ignore_missing=False)
        rebuilt = self.conn.compute.rebuild_server(
            server, image=image.id, name='new-name', admin_password='pw')
        self.assertEqual('REBUILD', rebuilt.status)
        server = self.wait_status(server.id, 'ACTIVE')
        self.assertEqual((image.id, 'new-name'), (server.image.id,
                                                  server.name))

    def test_power_operations(self):
        server = self.create()
        steps = (('stop', 'SHUTOFF'), ('start', 'ACTIVE'),
                 ('pause', 'PAUSED'), ('unpause', 'ACTIVE'),
                 ('suspend', 'SUSPENDED'), ('resume', 'ACTIVE'),
                 ('rescue', 'RESCUE'), ('unrescue', 'ACTIVE'))
        for operation, status in steps:
            getattr(self.conn.compute, '%s_server' % operation)(server)
            self.wait_status(server.id, status)

    def test_invalid_state_is_conflict(self):
        server = self.create()
        exc = self.assertRaises(sdk_exc.ConflictException,
                                self.conn.compute.unpause_server, server)
        self.assertIn("Cannot 'unpause' instance", str(exc))

    def test_lock_password_metadata_update(self):
        server = self.create(metadata={'a': '1'})
        self.conn.compute.lock_server(server, locked_reason='why')
        self.assertTrue(self.conn.compute.get_server(server.id).is_locked)
        self.conn.compute.unlock_server(server)
        self.conn.compute.change_server_password(server, 'secret')
        self.assertEqual('secret', self.control.server(
            server.id)['admin_pass'])
        self.conn.compute.set_server_metadata(server, b='2')
        self.conn.compute.update_server(server, name='renamed')
        server = self.conn.compute.get_server(server.id)
        self.assertEqual({'a': '1', 'b': '2'}, server.metadata)
        self.assertEqual('renamed', server.name)
        self.conn.compute.delete_server_metadata(server, ['a'])
        self.assertEqual({'b': '2'},
                         self.conn.compute.get_server(server.id).metadata)

    def test_evacuate_and_resize(self):
        server = self.create()
        self.conn.compute.evacuate_server(server, host='other-host')
        server = self.wait_status(server.id, 'ACTIVE')
        self.assertEqual('other-host', self.control.server(server.id)['host'])
        self.conn.compute.resize_server(server, '2')
        self.wait_status(server.id, 'VERIFY_RESIZE')
        self.conn.compute.confirm_server_resize(server)
        server = self.wait_status(server.id, 'ACTIVE')
        self.assertEqual('m1.small', server.flavor.original_name)
