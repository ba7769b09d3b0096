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

"""The class side of the profile API: registry, spec checks, rendering."""

import copy

from senlin_lite.common import exception
from senlin_lite.profiles import environment
from senlin_lite.profiles import os_nova_server
from senlin_lite.tests import base

SPEC = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': '1', 'name': 'new-server-test',
    'image': 'cirros-0.4.0-x86_64-disk', 'networks': [{'network': 'private'}]}}

KEY = 'os.nova.server-1.0'


def spec_with(**properties):
    spec = copy.deepcopy(SPEC)
    spec['properties'].update(properties)
    return spec


class TestEnvironment(base.TestCase):

    def test_only_nova_is_registered(self):
        self.assertEqual([KEY], environment.list_types())
        self.assertIs(os_nova_server.ServerProfile,
                      environment.get_profile_class(KEY))

    def test_unknown_type(self):
        exc = self.assertRaises(exception.ResourceNotFound,
                                environment.get_profile_class,
                                'os.heat.stack-1.0')
        self.assertEqual("The profile_type 'os.heat.stack-1.0' could not "
                         "be found.", str(exc))

    def test_spec_type_key(self):
        self.assertEqual(KEY, environment.spec_type_key(SPEC))
        self.assertEqual('os.nova.server-1', environment.spec_type_key(
            dict(SPEC, version=1)))
        for spec, message in (
                ([], 'The provided spec is not a map.'),
                ({'version': 1}, "The 'type' key is missing from the "
                                 "provided spec map."),
                ({'type': 'x'}, "The 'version' key is missing from the "
                                "provided spec map.")):
            exc = self.assertRaises(exception.ESchema,
                                    environment.spec_type_key, spec)
            self.assertEqual(message, str(exc))

    def test_validate_spec(self):
        key, props = environment.validate_spec(SPEC)
        self.assertEqual(KEY, key)
        self.assertEqual('1', props['flavor'])
        self.assertIs(True, props['auto_disk_config'])
        self.assertRaises(exception.ResourceNotFound,
                          environment.validate_spec,
                          dict(SPEC, version='1.1'))


class TestSpecValidation(base.TestCase):

    def check(self, spec, message):
        exc = self.assertRaises(
            exception.InvalidSpec,
            os_nova_server.ServerProfile.validate_spec, spec)
        self.assertEqual(message, str(exc))
        self.assertEqual(400, exc.code)

    def test_top_level(self):
        spec = copy.deepcopy(SPEC)
        spec['bogus'] = 1
        self.check(spec, "Unrecognizable spec item 'bogus'")
        del spec['properties']
        self.check(spec, "Required spec item 'properties' not provided")

    def test_properties(self):
        self.check(spec_with(bogus='x'), "Unrecognizable spec item 'bogus'")
        spec = copy.deepcopy(SPEC)
        del spec['properties']['flavor']
        self.check(spec, "Required spec item 'flavor' not provided")
        self.check(spec_with(name=None),
                   "The value 'None' is not a valid string.")
        self.check(spec_with(metadata='x'), "'x' is not a Map")
        self.check(spec_with(networks='x'), "'x' is not a List")
        self.check(spec_with(config_drive='x'),
                   "The value 'x' is not a valid Boolean")
        self.check(spec_with(block_device_mapping_v2=[{
            'source_type': 'image', 'destination_type': 'volume',
            'volume_size': 'big'}]), "The value 'big' is not a valid Integer")
        self.check(spec_with(networks=[{'network': 'n', 'nic': 1}]),
                   "Unrecognizable spec item 'nic'")

    def test_known_keys_first(self):
        self.check(spec_with(bogus='x', name=None),
                   "The value 'None' is not a valid string.")

    def test_context(self):
        os_nova_server.ServerProfile.validate_spec(
            spec_with(context={'region_name': 'R1'}))
        self.check(spec_with(context={'region_name': 'R', 'foo': 1,
                                      'bar': 2}),
                   "Some keys in 'context' are invalid: ['foo', 'bar']")
        self.check(spec_with(context='x'), "'x' is not a Map")


class TestRendering(base.TestCase):

    cls = os_nova_server.ServerProfile

    def test_support_status(self):
        self.assertEqual(['1.0', '1.1', '1.2'],
                         sorted(self.cls.support_status()))
        self.assertEqual(
            {'1.0': [{'status': 'SUPPORTED', 'since': '2016.04'}]},
            self.cls.support_status('1.0'))

    def test_schema_shape(self):
        doc = self.cls.schema_doc()
        self.assertEqual(sorted([
            'context', 'admin_pass', 'auto_disk_config', 'availability_zone',
            'block_device_mapping_v2', 'config_drive', 'flavor', 'image',
            'key_name', 'metadata', 'name', 'networks', 'personality',
            'scheduler_hints', 'security_groups', 'user_data']), sorted(doc))
        allowed = {'type', 'description', 'default', 'required',
                   'updatable', 'schema', 'constraints'}
        for item in doc.values():
            self.assertLessEqual(set(item), allowed)
            self.assertIn('required', item)
            self.assertIn('updatable', item)
        flavor = doc['flavor']
        self.assertEqual(('String', True, True), (
            flavor['type'], flavor['required'], flavor['updatable']))
        self.assertEqual(True, doc['auto_disk_config']['default'])
        self.assertNotIn('default', doc['name'])
        bdm = doc['block_device_mapping_v2']['schema']['*']['schema']
        self.assertEqual('Integer', bdm['volume_size']['type'])
        self.assertTrue(bdm['volume_size']['required'])
        sgs = doc['networks']['schema']['*']['schema']['security_groups']
        self.assertEqual({'type': 'String', 'required': True},
                         {k: sgs['schema']['*'][k] for k in ('type',
                                                             'required')})

    def test_operations_shape(self):
        ops = self.cls.operations_doc()
        self.assertEqual(sorted([
            'reboot', 'rebuild', 'change_password', 'pause', 'unpause',
            'suspend', 'resume', 'lock', 'unlock', 'start', 'stop',
            'rescue', 'unrescue', 'evacuate']), sorted(ops))
        reboot = ops['reboot']['parameters']['type']
        self.assertEqual('SOFT', reboot['default'])
        self.assertEqual([{'type': 'AllowedValues',
                           'constraint': ['SOFT', 'HARD']}],
                         reboot['constraints'])
        self.assertNotIn('updatable', reboot)
        self.assertEqual({}, ops['pause']['parameters'])
        self.assertIn('description', ops['change_password'])
        self.assertEqual('String', ops['change_password']['parameters'][
            'admin_pass']['type'])
        self.assertEqual({'host', 'force'},
                         set(ops['evacuate']['parameters']))


class TestOperationValidation(base.TestCase):

    def check(self, op, params, message):
        exc = self.assertRaises(
            exception.BadRequest,
            os_nova_server.ServerProfile.validate_operation, op, params)
        self.assertEqual(message, str(exc))

    def test_messages(self):
        self.check('dance', {}, "The requested operation 'dance' is not "
                   "supported by the profile type 'os.nova.server-1.0'.")
        self.check('reboot', {'type': 'Unknown'},
                   "'Unknown' must be one of the allowed values: SOFT, HARD.")
        self.check('reboot', {'type': 'soft'},
                   "'soft' must be one of the allowed values: SOFT, HARD.")
        self.check('reboot', {'kind': 'x'}, "Unrecognizable parameter 'kind'.")
        self.check('change_password', {'admin_pass': 1},
                   'value is not a string.')

    def test_valid(self):
        validate = os_nova_server.ServerProfile.validate_operation
        validate('reboot', {'type': 'HARD'})
        validate('reboot', None)
        validate('pause', {})
