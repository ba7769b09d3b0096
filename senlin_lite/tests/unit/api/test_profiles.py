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

"""/v1/profiles and /v1/profile-types (contract 2.3, 2.4, section 4)."""

import copy

from senlin_lite.common import utils
from senlin_lite.tests.unit.api import base

PROFILE_KEYS = ['created_at', 'domain', 'id', 'metadata', 'name', 'project',
                'spec', 'type', 'updated_at', 'user']
TYPE = 'os.nova.server-1.0'


def bogus_spec():
    spec = copy.deepcopy(base.NOVA_SPEC)
    spec['properties']['bogus'] = 'foo'
    return spec


class TestProfileTypes(base.APITestCase):

    def test_list_shapes(self):
        resp = self.get('/v1/profile-types', version='1.4')
        self.assertEqual([{'name': TYPE}], resp.json['profile_types'])
        resp = self.get('/v1/profile-types', version='1.5')
        self.assertEqual([{'name': 'os.nova.server', 'version': '1.0',
                           'support_status': {'1.0': [{
                               'status': 'SUPPORTED', 'since': '2016.04'}]}}],
                         resp.json['profile_types'])

    def test_show(self):
        # Vector 9.
        resp = self.get('/v1/profile-types/%s' % TYPE, version='1.5')
        body = resp.json['profile_type']
        self.assertEqual(TYPE, body['name'])
        self.assertTrue(body['schema']['flavor']['required'])
        self.assertIn('1.0', body['support_status'])
        resp = self.get('/v1/profile-types/%s' % TYPE, version='1.4')
        self.assertNotIn('support_status', resp.json['profile_type'])

    def test_show_unknown(self):
        # Vector 10.
        uuid = '58181c56-3166-4478-8981-e1d476065f2b'
        resp = self.get('/v1/profile-types/%s' % uuid, status=None)
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The profile_type '%s' could not be found." % uuid)

    def test_operations(self):
        # Vector 11.
        resp = self.get('/v1/profile-types/%s/ops' % TYPE, version='1.4')
        change_password = resp.json['operations']['change_password']
        self.assertIn('description', change_password)
        self.assertIn('admin_pass', change_password['parameters'])
        self.assertEqual({}, resp.json['operations']['pause']['parameters'])

    def test_operations_errors(self):
        resp = self.get('/v1/profile-types/bogus-1.0/ops', status=None)
        self.assertBadRequest(
            resp, "The profile_type 'bogus-1.0' could not be found.",
            'BadRequest')
        resp = self.get('/v1/profile-types/%s/ops' % TYPE, version='1.3',
                        status=None)
        self.assertBadRequest(
            resp, "API version '1.3' is not supported on this method.",
            'MethodVersionNotFound')


class TestProfileCreate(base.APITestCase):

    def test_create(self):
        # Vector 12.
        resp = self.post('/v1/profiles', {'profile': {
            'name': 'test-profile', 'spec': base.NOVA_SPEC,
            'metadata': {'foo': 'bar'}}}, status=201)
        profile = resp.json['profile']
        self.assertEqual(PROFILE_KEYS, sorted(profile))
        self.assertEqual((TYPE, base.NOVA_SPEC, {'foo': 'bar'}, 'u1', 'p1'),
                         (profile['type'], profile['spec'],
                          profile['metadata'], profile['user'],
                          profile['project']))
        self.assertIsNone(profile['updated_at'])
        self.assertNotIn('Location', resp.headers)

    def test_metadata_defaults_to_empty(self):
        resp = self.post('/v1/profiles', {'profile': {
            'name': 'p', 'spec': base.NOVA_SPEC, 'metadata': None}},
            status=201)
        self.assertEqual({}, resp.json['profile']['metadata'])

    def test_schema_errors(self):
        # Vectors 13-15.
        for body, message in (
                ({'name': 'test-profile'}, "'spec' is a required property"),
                ({'spec': base.NOVA_SPEC}, "'name' is a required property"),
                ({'name': 'bar', 'spec': {}, 'boo': 'foo'},
                 "Additional properties are not allowed ('boo' was "
                 "unexpected)"),
                ({'name': 'bar', 'spec': None}, "Field `spec' cannot be None"),
                ({'name': 'bar', 'spec': '{"a": 1}'},
                 "'{\"a\": 1}' is not of type 'object'")):
            resp = self.post('/v1/profiles', {'profile': body})
            self.assertBadRequest(resp, message)
        resp = self.post('/v1/profiles', {})
        self.assertBadRequest(resp, "Request body missing 'profile' key.")

    def test_unknown_type(self):
        # Vector 16.
        spec = dict(base.NOVA_SPEC, type='senlin.profile.bogus')
        resp = self.post('/v1/profiles', {'profile': {'name': 'p',
                                                      'spec': spec}})
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The profile_type 'senlin.profile.bogus-1.0' could "
                         "not be found.")

    def test_invalid_spec(self):
        # Vector 17.
        resp = self.post('/v1/profiles', {'profile': {
            'name': 'test-profile', 'spec': bogus_spec()}})
        self.assertBadRequest(
            resp, "Failed in creating profile test-profile: Unrecognizable "
                  "spec item 'bogus'", 'InvalidSpec')

    def test_spec_without_version(self):
        spec = {'type': 'os.nova.server', 'properties': {}}
        resp = self.post('/v1/profiles', {'profile': {'name': 'p',
                                                      'spec': spec}})
        self.assertBadRequest(
            resp, "The 'version' key is missing from the provided spec "
                  "map.", 'InvalidSpec')

    def test_name_unique(self):
        self.flags(name_unique=True)
        self.make_profile('taken')
        resp = self.post('/v1/profiles', {'profile': {
            'name': 'taken', 'spec': base.NOVA_SPEC}})
        self.assertBadRequest(resp, "A profile named 'taken' already "
                                    "exists.", 'BadRequest')


class TestProfileValidate(base.APITestCase):

    def test_validate(self):
        # Vector 37.
        resp = self.post('/v1/profiles/validate',
                         {'profile': {'spec': base.NOVA_SPEC}}, version='1.2',
                         status=200)
        profile = resp.json['profile']
        self.assertEqual(PROFILE_KEYS, sorted(profile))
        self.assertEqual((None, 'validated_profile', TYPE, base.NOVA_SPEC,
                          None),
                         (profile['id'], profile['name'], profile['type'],
                          profile['spec'], profile['metadata']))
        self.assertEqual([], self.get('/v1/profiles').json['profiles'])

    def test_errors(self):
        # Vectors 35 and 36.
        resp = self.post('/v1/profiles/validate', {}, version='1.2')
        self.assertBadRequest(resp, "Request body missing 'profile' key.")
        resp = self.post('/v1/profiles/validate', {'profile': {}},
                         version='1.2')
        self.assertBadRequest(resp, "'spec' is a required property")
        resp = self.post('/v1/profiles/validate',
                         {'profile': {'spec': bogus_spec()}}, version='1.2')
        self.assertBadRequest(resp, "Unrecognizable spec item 'bogus'",
                              'InvalidSpec')


class TestProfileShowUpdateDelete(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.profile = self.make_profile('p-00')
        self.path = '/v1/profiles/%s' % self.profile.id

    def test_ambiguous(self):
        # Vector 27.
        self.make_profile('p-01')
        self.make_profile('p-01')
        message = ("Multiple results found matching the query criteria "
                   "'p-01'. Please be more specific.")
        self.assertBadRequest(self.get('/v1/profiles/p-01', status=None),
                              message, 'MultipleChoices')
        self.assertBadRequest(self.delete('/v1/profiles/p-01'), message,
                              'MultipleChoices')

    def test_not_found(self):
        # Vector 28.
        uuid = utils.generate_uuid()
        message = "The profile '%s' could not be found." % uuid
        path = '/v1/profiles/%s' % uuid
        self.assertError(self.get(path, status=None), 404,
                         'ResourceNotFound', message)
        self.assertError(self.patch(path, {'profile': {'name': 'x'}}), 404,
                         'ResourceNotFound', message)
        self.assertError(self.delete(path), 404, 'ResourceNotFound',
                         message)

    def test_update_errors(self):
        # Vectors 29-31.
        resp = self.patch('/v1/profiles/%s' % utils.generate_uuid(), {})
        self.assertBadRequest(
            resp, "Malformed request data, missing 'profile' key in "
                  "request body.")
        resp = self.patch(self.path, {'profile': {}})
        self.assertBadRequest(resp, 'No property needs an update.',
                              'BadRequest')
        resp = self.patch(self.path, {'profile': {'name': 'p-00'}})
        self.assertBadRequest(resp, 'No property needs an update.',
                              'BadRequest')
        resp = self.patch(self.path, {'profile': {'name': 'new-name',
                                                  'spec': {'k1': 'v1'}}})
        self.assertBadRequest(
            resp, "Additional properties are not allowed ('spec' was "
                  "unexpected)")

    def test_update(self):
        # Vector 32.
        resp = self.patch(self.path, {'profile': {
            'name': 'updated-profile-name', 'metadata': {'bar': 'foo'}}},
            status=200)
        profile = resp.json['profile']
        self.assertEqual(('updated-profile-name', {'bar': 'foo'}),
                         (profile['name'], profile['metadata']))
        self.assertIsNotNone(profile['updated_at'])
        resp = self.patch(self.path, {'profile': {'metadata': None}},
                          status=200)
        self.assertIsNone(resp.json['profile']['metadata'])

    def test_delete_in_use(self):
        # Vector 33.
        self.make_node(self.profile.id)
        resp = self.delete('/v1/profiles/p-00')
        self.assertError(
            resp, 409, 'ResourceInUse',
            "The profile '%s' cannot be deleted: still referenced by some "
            "clusters and/or nodes." % self.profile.id)

    def test_delete(self):
        # Vector 34.
        resp = self.delete(self.path, status=204)
        self.assertEqual(b'', resp.body)
        self.assertNotIn('OpenStack-API-Version', resp.headers)
        self.get(self.path, status=404)

    def test_list_filters(self):
        self.make_profile('other')
        resp = self.get('/v1/profiles?name=other&type=%s' % TYPE)
        self.assertEqual(['other'],
                         [p['name'] for p in resp.json['profiles']])
        resp = self.get('/v1/profiles?sort=name:desc')
        self.assertEqual(['p-00', 'other'],
                         [p['name'] for p in resp.json['profiles']])
