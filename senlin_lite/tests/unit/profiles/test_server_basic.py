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

"""ServerProfile create, delete, check and details against the simulator."""

import base64
import threading
from unittest import mock

import requests

from senlin_lite.profiles import base as profile_base
from senlin_lite.profiles import http_session
from senlin_lite.tests.unit.profiles import base


class GuardStop(Exception):
    pass


class TestCreate(base.ProfileTestCase):

    def test_create(self):
        node = base.make_node()
        created = self.profile.do_create(node)
        state = self.control.server(created.physical_id)
        self.assertEqual({'placement': {'zone': 'nova'}}, created.data)
        self.assertEqual(('node1', 'ACTIVE', 'cirros-0.4.0-x86_64-disk'),
                         (state['name'], state['status'],
                          state['image_name']))
        self.assertEqual({'cluster_node_id': 'node-1'}, state['metadata'])

    def test_create_all_properties(self):
        profile = base.make_profile(
            name='srv', availability_zone='az9', key_name='k',
            metadata={'a': 'b', 'n': 1}, security_groups=['web', 'ssh'],
            user_data='#!/bin/sh', admin_pass='pw', config_drive=True,
            networks=[{'network': 'net', 'fixed_ip': '10.1.1.9'},
                      {'port': 'port-1'}])
        node = base.make_node(cluster_id='c1', index=3)
        created = profile.do_create(node)
        server = profile.connection().compute.get_server(created.physical_id)
        self.assertEqual('az9', created.data['placement']['zone'])
        self.assertEqual({'a': 'b', 'n': '1', 'cluster_node_id': 'node-1',
                          'cluster_id': 'c1', 'cluster_node_index': '3'},
                         server.metadata)
        self.assertEqual(['10.1.1.9'], [a['addr'] for a in
                                        server.addresses['private']][:1])
        self.assertEqual(['web', 'ssh'],
                         [g['name'] for g in server.security_groups])
        state = self.control.server(created.physical_id)
        self.assertEqual(('srv', 'pw'), (state['name'], state['admin_pass']))
        self.assertEqual('k', server.key_name)
        self.assertEqual(base64.b64encode(b'#!/bin/sh').decode(),
                         state['user_data'])

    def test_create_error(self):
        self.control.fail_next('create')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_create, base.make_node())
        self.assertEqual('Failed in creating server: No valid host was '
                         'found. There are not enough hosts available.',
                         str(exc))
        self.assertEqual('ERROR', self.control.server(
            exc.resource_id)['status'])

    def test_create_rejected(self):
        self.control.fail_next('create', http_status=503,
                               message='Nova is down')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_create, base.make_node())
        self.assertEqual('Failed in creating server: Nova is down.',
                         str(exc))
        self.assertIsNone(exc.resource_id)

    def test_create_timeout(self):
        self.flags(default_nova_timeout=1)
        self.control.configure(build_delay=30)
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_create, base.make_node())
        self.assertIn('Timeout waiting for server', str(exc))
        self.assertTrue(exc.resource_id)

    def test_guard_propagates_with_resource_id(self):
        self.control.configure(build_delay=30)

        def guard():
            raise GuardStop()

        exc = self.assertRaises(GuardStop, self.profile.do_create,
                                base.make_node(), guard=guard)
        self.assertEqual('BUILD', self.control.server(
            exc.resource_id)['status'])


class TestDelete(base.ProfileTestCase):

    def test_delete(self):
        node = self.created_node()
        self.assertIsNone(self.profile.do_delete(node))
        self.assertEqual([], self.control.servers())

    def test_delete_nothing_or_gone(self):
        self.profile.do_delete(base.make_node())
        node = self.created_node()
        self.control.vanish(node.physical_id)
        self.profile.do_delete(node)
        self.profile.do_delete(node, force=True)

    def test_delete_force(self):
        node = self.created_node()
        server_id = node.physical_id
        self.profile.do_delete(node, force=True, timeout='5')
        self.assertEqual([], [s for s in self.control.servers()
                              if s['id'] == server_id])

    def test_delete_failure(self):
        node = self.created_node()
        self.control.fail_next('delete', message='disk stuck')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_delete, node)
        self.assertEqual("Failed in deleting server '%s': disk stuck."
                         % node.physical_id, str(exc))
        self.assertEqual(node.physical_id, exc.resource_id)

    def test_delete_error_server(self):
        node = self.created_node()
        self.control.set_status(node.physical_id, 'ERROR')
        self.profile.do_delete(node)
        self.assertEqual([], self.control.servers())


class TestCheck(base.ProfileTestCase):

    def test_active_and_not(self):
        node = self.created_node()
        self.assertIs(True, self.profile.do_check(node))
        for status in ('SHUTOFF', 'ERROR', 'PAUSED'):
            self.control.set_status(node.physical_id, status)
            self.assertIs(False, self.profile.do_check(node))
        self.assertIs(False, self.profile.do_check(base.make_node()))

    def test_not_found(self):
        node = self.created_node()
        self.control.vanish(node.physical_id)
        exc = self.assertRaises(profile_base.ServerNotFound,
                                self.profile.do_check, node)
        self.assertEqual("Failed in found server '%s': Instance %s could "
                         "not be found." % (node.physical_id,
                                            node.physical_id), str(exc))

    def test_other_error(self):
        node = self.created_node()
        self.control.fail_next('get', server_id=node.physical_id,
                               message='database unavailable')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_check, node)
        self.assertNotIsInstance(exc, profile_base.ServerNotFound)
        self.assertEqual("Failed in checking server '%s': database "
                         "unavailable." % node.physical_id, str(exc))

    def test_a_dropped_connection_is_tried_once_more(self):
        node = self.created_node()
        real = http_session.APISession.request
        calls = []

        def drop_first(session, method, url, *args, **kwargs):
            calls.append(url)
            if len(calls) == 1:
                raise requests.exceptions.ConnectionError(
                    'Remote end closed connection without response')
            return real(session, method, url, *args, **kwargs)
        with mock.patch.object(http_session.APISession, 'request',
                               drop_first), \
                mock.patch('time.sleep'):
            self.assertIs(True, self.profile.do_check(node))
        self.assertEqual(2, len(calls))

    def test_a_connection_failing_twice_fails_the_check(self):
        node = self.created_node()
        with mock.patch.object(
                http_session.APISession, 'request',
                side_effect=requests.exceptions.ConnectionError('refused')
        ) as request, mock.patch('time.sleep'):
            exc = self.assertRaises(profile_base.ProfileError,
                                    self.profile.do_check, node)
        self.assertEqual(2, request.call_count)
        self.assertIn('Unable to establish connection', str(exc))


class TestDetails(base.ProfileTestCase):

    def test_details(self):
        node = self.created_node()
        details = self.profile.do_get_details(node)
        self.assertEqual(sorted(details), list(details))
        self.assertEqual(('m1.tiny', 'ACTIVE', 'default', []),
                         (details['flavor'], details['status'],
                          details['security_groups'],
                          details['attached_volumes']))
        self.assertEqual(self.state(node)['image'], details['image'])
        self.assertEqual(node.physical_id, details['id'])
        self.assertIn('private', details['addresses'])
        self.assertEqual('nova', details['OS-EXT-AZ:availability_zone'])

    def test_details_many_groups(self):
        profile = base.make_profile(security_groups=['a', 'b'])
        node = self.created_node(profile)
        self.assertEqual(['a', 'b'], profile.do_get_details(
            node)['security_groups'])

    def test_details_without_server(self):
        self.assertEqual({}, self.profile.do_get_details(base.make_node()))
        node = self.created_node()
        self.control.vanish(node.physical_id)
        details = self.profile.do_get_details(node)
        self.assertEqual(404, details['Error']['code'])
        self.assertIn('could not be found', details['Error']['message'])


class TestCloudBackend(base.ProfileTestCase):

    def test_openstack_backend_without_credentials(self):
        self.flags(cloud_backend='openstack')
        node = base.make_node(physical_id='abc')
        exc = self.assertRaises(profile_base.ProfileError,
                                self.profile.do_check, node)
        self.assertEqual('Failed in connecting to the compute service: '
                         '[compute_auth] auth_type is not set.', str(exc))
        self.assertEqual(500, self.profile.do_get_details(
            node)['Error']['code'])

    def test_connection_cached_per_thread(self):
        first = self.profile.connection()
        self.assertIs(first, self.profile.connection())
        other = []
        thread = threading.Thread(
            target=lambda: other.append(self.profile.connection()))
        thread.start()
        thread.join()
        self.assertIsNot(first, other[0])
