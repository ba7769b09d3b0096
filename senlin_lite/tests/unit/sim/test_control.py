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

"""The /sim control API through SimControl: faults, delays, true state."""

import time

from openstack import exceptions as sdk_exc
import requests

from senlin_lite.sim import client
from senlin_lite.tests.unit.sim import base


class TestConfig(base.SimTestCase):

    def test_get_and_configure(self):
        self.assertEqual(0.05, self.control.get_config()['build_delay'])
        config = self.control.configure(build_delay=2, api_delay='0.01')
        self.assertEqual((2.0, 0.01), (config['build_delay'],
                                       config['api_delay']))

    def test_configure_rejects_bad_values(self):
        exc = self.assertRaises(client.SimControlError,
                                self.control.configure, bogus=1)
        self.assertEqual(400, exc.code)
        self.assertIn("Unknown configuration key 'bogus'", exc.message)
        self.assertRaises(client.SimControlError, self.control.configure,
                          build_delay=-1)
        self.assertRaises(client.SimControlError, self.control.configure,
                          build_delay='soon')

    def test_api_delay_slows_nova_not_control(self):
        self.control.configure(api_delay=0.3)
        start = time.monotonic()
        self.control.servers()
        self.assertLess(time.monotonic() - start, 0.25)
        start = time.monotonic()
        self.conn.compute.get_flavor('1')
        self.assertGreaterEqual(time.monotonic() - start, 0.3)

    def test_reset(self):
        server = self.create()
        self.control.configure(build_delay=9)
        self.control.fail_next('reboot')
        self.control.reset()
        self.assertEqual([], self.control.servers())
        self.assertEqual([], self.control.faults())
        self.assertEqual(0.05, self.control.get_config()['build_delay'])
        self.assertRaises(sdk_exc.NotFoundException,
                          self.conn.compute.get_server, server.id)

    def test_unknown_route(self):
        resp = requests.get(self.sim.url + '/sim/nothing')
        self.assertEqual(404, resp.status_code)
        resp = requests.post(self.sim.url + '/sim/config', json={})
        self.assertEqual(405, resp.status_code)


class TestTrueState(base.SimTestCase):

    def test_servers_and_server(self):
        server = self.create(name='one', wait=False)
        state = self.control.server(server.id)
        self.assertEqual(('one', 'BUILD', 'ACTIVE'),
                         (state['name'], state['status'],
                          state['pending']['status']))
        self.wait_status(server.id, 'ACTIVE')
        [state] = self.control.servers()
        self.assertEqual('ACTIVE', state['status'])
        self.assertIsNone(state['pending'])
        self.assertEqual(['create'], [h['action'] for h in
                                      state['history']])

    def test_history_records_parameters(self):
        server = self.create()
        self.conn.compute.reboot_server(server, 'HARD')
        last = self.control.server(server.id)['history'][-1]
        self.assertEqual({'action': 'reboot_hard',
                          'params': {'type': 'HARD'}},
                         {k: last[k] for k in ('action', 'params')})

    def test_set_status(self):
        server = self.create()
        state = self.control.set_status(server.id, 'error', fault='boom')
        self.assertEqual('ERROR', state['status'])
        server = self.conn.compute.get_server(server.id)
        self.assertEqual(('ERROR', 'error', 'boom'),
                         (server.status, server.vm_state,
                          server.fault['message']))
        self.control.set_status(server.id, 'SHUTOFF')
        self.assertEqual('SHUTOFF',
                         self.conn.compute.get_server(server.id).status)

    def test_set_status_unknown(self):
        server = self.create()
        exc = self.assertRaises(client.SimControlError,
                                self.control.set_status, server.id, 'NAPPING')
        self.assertEqual(400, exc.code)

    def test_set_status_cancels_transition(self):
        server = self.create()
        self.conn.compute.delete_server(server)
        self.control.set_status(server.id, 'ACTIVE')
        time.sleep(0.1)
        self.assertEqual('ACTIVE',
                         self.conn.compute.get_server(server.id).status)

    def test_vanish(self):
        server = self.create()
        self.control.vanish(server.id)
        self.assertRaises(sdk_exc.NotFoundException,
                          self.conn.compute.get_server, server.id)
        exc = self.assertRaises(client.SimControlError, self.control.server,
                                server.id)
        self.assertEqual(404, exc.code)
        self.assertRaises(client.SimControlError, self.control.vanish,
                          server.id)

    def test_simulated_wait_time(self):
        server = self.create(wait=False,
                             metadata={'simulated_wait_time': '0.3'})
        time.sleep(0.15)
        self.assertEqual('BUILD',
                         self.conn.compute.get_server(server.id).status)
        self.wait_status(server.id, 'ACTIVE')


class TestFaults(base.SimTestCase):

    def test_create_fails_into_error(self):
        self.control.fail_next('create', message='no room')
        server = self.create(wait=False)
        self.assertRaises(sdk_exc.ResourceFailure,
                          self.conn.compute.wait_for_server, server,
                          interval=0.01, wait=5)
        server = self.conn.compute.get_server(server.id)
        self.assertEqual('no room', server.fault['message'])
        self.assertEqual([], self.control.faults())
        self.create()   # the next one works again

    def test_count_and_default_message(self):
        fault = self.control.fail_next('create', count=2)
        self.assertIn('No valid host', fault['message'])
        for _ in range(2):
            server = self.create(wait=False)
            self.wait_status(server.id, 'ERROR')
        self.create()

    def test_fault_for_one_server(self):
        one, two = self.create(name='one'), self.create(name='two')
        self.control.fail_next('reboot', server_id=two.id)
        self.conn.compute.reboot_server(one, 'SOFT')
        self.wait_status(one.id, 'ACTIVE')
        self.conn.compute.reboot_server(two, 'SOFT')
        server = self.wait_status(two.id, 'ERROR')
        self.assertEqual('Simulated failure of reboot.',
                         server.fault['message'])

    def test_http_fault(self):
        server = self.create()
        self.control.fail_next('rebuild', http_status=409, message='busy')
        exc = self.assertRaises(sdk_exc.ConflictException,
                                self.conn.compute.rebuild_server, server,
                                image=server.image.id)
        self.assertIn('busy', str(exc))
        self.assertEqual('ACTIVE',
                         self.conn.compute.get_server(server.id).status)

    def test_get_fault_defaults_to_500(self):
        server = self.create()
        self.control.fail_next('get', server_id=server.id)
        self.assertRaises(sdk_exc.HttpException,
                          self.conn.compute.get_server, server.id)
        self.conn.compute.get_server(server.id)

    def test_delete_fault(self):
        server = self.create()
        self.control.fail_next('delete')
        self.conn.compute.delete_server(server)
        server = self.wait_status(server.id, 'ERROR')
        self.assertIn('delete', server.fault['message'])

    def test_operation_fault(self):
        server = self.create()
        self.control.fail_next('pause')
        self.conn.compute.pause_server(server)
        self.wait_status(server.id, 'ERROR')

    def test_bad_fault_requests(self):
        for kwargs in ({'operation': 'dance'},
                       {'operation': 'create', 'count': 0},
                       {'operation': 'create', 'http_status': 200}):
            self.assertRaises(client.SimControlError, self.control.fail_next,
                              **kwargs)
        resp = requests.post(self.sim.url + '/sim/faults',
                             json={'operation': 'create', 'extra': 1})
        self.assertEqual(400, resp.status_code)

    def test_list_and_clear_faults(self):
        self.control.fail_next('stop', count=3)
        self.assertEqual([3], [f['count'] for f in self.control.faults()])
        self.control.clear_faults()
        self.assertEqual([], self.control.faults())
