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

"""Profiles: create, list, show, update, delete, validate."""

import copy

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base

PROFILE_KEYS = {'created_at', 'domain', 'id', 'metadata', 'name', 'project',
                'spec', 'type', 'updated_at', 'user'}


class TestProfiles(base.BaseSenlinLiteTest):

    @decorators.idempotent_id('4362075a-852b-47f6-aa49-2ea125550d44')
    def test_create_show_list(self):
        profile = self.create_profile(metadata={'foo': 'bar'})
        self.assertEqual(PROFILE_KEYS, set(profile))
        self.assertEqual('os.nova.server-1.0', profile['type'])
        self.assertEqual(base.NOVA_SPEC, profile['spec'])
        self.assertEqual({'foo': 'bar'}, profile['metadata'])
        shown = self.client.get_obj('profiles',
                                    profile['id']).body['profile']
        self.assertEqual(profile['id'], shown['id'])
        listed = self.client.list_objs('profiles').body['profiles']
        self.assertIn(profile['id'], [p['id'] for p in listed])

    @decorators.idempotent_id('464f8eec-6b49-43db-8418-d15ee05328a0')
    def test_update(self):
        profile = self.create_profile()
        name = data_utils.rand_name('updated-profile-name')
        updated = self.client.update_obj('profiles', profile['id'], {
            'profile': {'name': name, 'metadata': {'bar': 'foo'}}},
            expected=200).body['profile']
        self.assertEqual(name, updated['name'])
        self.assertEqual({'bar': 'foo'}, updated['metadata'])

    @decorators.idempotent_id('58a68cf2-e744-4c61-b9b2-0813d18a730c')
    def test_delete(self):
        profile = self.create_profile(cleanup=False)
        resp = self.client.delete_obj('profiles', profile['id'],
                                      expected=204)
        self.assertFalse(resp.body)
        self.assertRaises(lib_exc.NotFound, self.client.get_obj,
                          'profiles', profile['id'])

    @decorators.idempotent_id('64bea0df-31b6-40cb-9d1a-2bef88963645')
    def test_validate(self):
        resp = self.client.call('POST', 'v1/profiles/validate',
                                {'profile': {'spec': base.NOVA_SPEC}},
                                version='1.2', expected=200)
        profile = resp.body['profile']
        self.assertEqual('validated_profile', profile['name'])
        self.assertEqual('os.nova.server-1.0', profile['type'])
        self.assertIsNone(profile['id'])
        self.assertEqual(base.NOVA_SPEC, profile['spec'])


class TestProfilesNegative(base.BaseSenlinLiteTest):

    def _create(self, body):
        return self.client.create_obj('profiles', body)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('117a31de-4d25-427e-89fb-783365067495')
    def test_create_without_spec(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "'spec' is a required property",
            self._create, {'profile': {'name': 'test-profile'}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('90e53cc3-af24-4cb6-a3b5-8b3286c1111d')
    def test_create_without_name(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "'name' is a required property",
            self._create, {'profile': {'spec': base.NOVA_SPEC}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('60480662-a026-47ac-846f-f6e7adaf6e63')
    def test_create_unknown_type(self):
        spec = dict(base.NOVA_SPEC, type='senlin.profile.bogus')
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The profile_type 'senlin.profile.bogus-1.0' could not be "
            "found.", self._create,
            {'profile': {'name': 'test-profile', 'spec': spec}},
            error_type='ResourceNotFound')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('6b5441b7-edc1-4989-b256-7a951a8f2f03')
    def test_create_bad_spec(self):
        spec = copy.deepcopy(base.NOVA_SPEC)
        spec['properties']['bogus'] = 'foo'
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "Failed in creating profile test-profile: Unrecognizable spec "
            "item 'bogus'", self._create,
            {'profile': {'name': 'test-profile', 'spec': spec}},
            error_type='InvalidSpec')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('7ebbaf98-a811-4fa4-9030-aacd26aecbd0')
    def test_list_bad_limit(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "The value for limit must be an integer: 'not-int'.",
            self.client.list_objs, 'profiles', {'limit': 'not-int'})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('fdf93f19-7cbc-4446-855c-8ed85f3e662d')
    def test_show_update_delete_not_found(self):
        missing = data_utils.rand_uuid()
        message = "The profile '%s' could not be found." % missing
        self.assertRaisesError(lib_exc.NotFound, 404, message,
                               self.client.get_obj, 'profiles', missing)
        self.assertRaisesError(lib_exc.NotFound, 404, message,
                               self.client.update_obj, 'profiles', missing,
                               {'profile': {'name': 'x'}})
        self.assertRaisesError(lib_exc.NotFound, 404, message,
                               self.client.delete_obj, 'profiles', missing)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('1830ec83-bd68-47ce-a7fb-8c56ccef6b2f')
    def test_update_nothing(self):
        profile = self.create_profile()
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'No property needs an update.',
            self.client.update_obj, 'profiles', profile['id'],
            {'profile': {}})

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('2125d23a-9ad3-427b-bd81-735a49bf767e')
    def test_delete_in_use(self):
        profile = self.create_profile()
        self.create_node(profile['id'])
        self.assertRaisesError(
            lib_exc.Conflict, 409,
            "The profile '%s' cannot be deleted: still referenced by some "
            "clusters and/or nodes." % profile['id'],
            self.client.delete_obj, 'profiles', profile['id'],
            error_type='ResourceInUse')

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('0461bfbf-2b7a-4bb3-b919-330bacf98125')
    def test_validate_without_profile(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400, "Request body missing 'profile' key.",
            self.client.call, 'POST', 'v1/profiles/validate', {},
            version='1.2')
