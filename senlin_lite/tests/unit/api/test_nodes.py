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

"""/v1/nodes: create, show, update, delete (contract 2.5, section 4)."""

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.api import base

NODE_KEYS = ['cluster_id', 'created_at', 'data', 'dependents', 'domain',
             'id', 'index', 'init_at', 'metadata', 'name', 'physical_id',
             'profile_id', 'profile_name', 'project', 'role', 'status',
             'status_reason', 'updated_at', 'user']


class TestNodeCreate(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.profile = self.make_profile('nova')

    def test_missing_wrapper(self):
        # Vector 38.
        resp = self.post('/v1/nodes', {})
        self.assertBadRequest(resp, "Request body missing 'node' key.")

    def test_required_properties(self):
        # Vector 39.
        resp = self.post('/v1/nodes', {'node': {'profile_id': 'fake'}})
        self.assertBadRequest(resp, "'name' is a required property")
        resp = self.post('/v1/nodes', {'node': {'name': 'fake'}})
        self.assertBadRequest(resp, "'profile_id' is a required property")
        resp = self.post('/v1/nodes', {'node': {'boo': 1}})
        self.assertBadRequest(resp, "'name' is a required property")

    def test_additional_property(self):
        # Vector 40.
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': 'fake_name',
            'boo': 'foo'}})
        self.assertBadRequest(
            resp, "Additional properties are not allowed ('boo' was "
                  "unexpected)")

    def test_name_rules(self):
        cases = [
            ('', 'The value for the name field must be at least 1 '
                 'characters long.'),
            ('x' * 256, 'The value for the name field must be less than '
                        '255 characters long.'),
            ('a b', "The value for the 'name' (a b) contains illegal "
                    "characters. It must contain only alphanumeric or "
                    "\"_-.~\" characters and must start with letter."),
        ]
        for name, message in cases:
            resp = self.post('/v1/nodes', {'node': {
                'profile_id': self.profile.id, 'name': name}})
            self.assertBadRequest(resp, message)
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': None}})
        self.assertBadRequest(resp, "Field `name' cannot be None")

    def test_wrong_types(self):
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': 'n', 'metadata': [1]}})
        self.assertBadRequest(resp, "[1] is not of type 'object', 'null'")
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': 'n', 'metadata': '{'}})
        self.assertBadRequest(resp, 'The value ({) is not a valid JSON.')

    def test_profile_not_found(self):
        # Vector 41.
        uuid = utils.generate_uuid()
        resp = self.post('/v1/nodes', {'node': {'profile_id': uuid,
                                                'name': 'n1'}})
        self.assertBadRequest(
            resp, "The specified profile '%s' could not be found." % uuid,
            'BadRequest')

    def test_profile_ambiguous(self):
        self.make_profile('dup')
        self.make_profile('dup')
        resp = self.post('/v1/nodes', {'node': {'profile_id': 'dup',
                                                'name': 'n1'}})
        self.assertBadRequest(
            resp, "Multiple results found matching the query criteria "
                  "'dup'. Please be more specific.", 'MultipleChoices')

    def test_cluster_not_found(self):
        # Vector 42.
        uuid = utils.generate_uuid()
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': 'n1', 'cluster_id': uuid}})
        self.assertBadRequest(
            resp, "The specified cluster '%s' could not be found." % uuid,
            'BadRequest')

    def test_name_unique(self):
        self.flags(name_unique=True)
        self.make_node(self.profile.id, name='n1')
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'name': 'n1'}})
        self.assertBadRequest(resp, 'The node named (n1) already exists.',
                              'BadRequest')

    def test_create(self):
        # Vector 43, synchronous part.
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': self.profile.id, 'cluster_id': None,
            'metadata': None, 'role': None, 'name': 'n1'}}, status=202)
        node = resp.json['node']
        self.assertEqual(sorted(NODE_KEYS + ['tainted']), sorted(node))
        self.assertEqual(('INIT', 'Initializing'),
                         (node['status'], node['status_reason']))
        self.assertEqual(('', -1, '', {}, {}, None, None, None, False),
                         (node['cluster_id'], node['index'], node['role'],
                          node['metadata'], node['data'],
                          node['physical_id'], node['created_at'],
                          node['updated_at'], node['tainted']))
        self.assertEqual('nova', node['profile_name'])
        self.assertIsNotNone(node['init_at'])
        action_id = resp.headers['Location'].rsplit('/', 1)[1]
        self.assertLocation(resp, action_id)
        action = self.action_row(action_id)
        self.assertEqual(
            (consts.NODE_CREATE, 'node_create_%s' % node['id'][:8],
             consts.ACTION_READY, node['id'], 'RPC Request', 3600),
            (action.action, action.name, action.status, action.target,
             action.cause, action.timeout))
        self.assertNotIn('auth_token', action.context)
        self.announce.assert_called_once_with(action_id)
        self.assertEqual('clustering 1.14',
                         resp.headers['OpenStack-API-Version'])

    def test_create_when_the_cast_fails(self):
        self.announce.side_effect = RuntimeError('broker down')
        resp = self.post('/v1/nodes', {'node': {
            'profile_id': 'nova', 'name': 'n1'}}, status=202)
        action_id = resp.headers['Location'].rsplit('/', 1)[1]
        self.assertEqual(consts.ACTION_READY,
                         self.action_row(action_id).status)


class TestNodeShow(base.APITestCase):

    def test_not_found(self):
        # Vector 44.
        uuid = utils.generate_uuid()
        resp = self.get('/v1/nodes/%s' % uuid, status=None)
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The node '%s' could not be found." % uuid)

    def test_ambiguous_name(self):
        # Vector 27 (nodes).
        profile = self.make_profile()
        self.make_node(profile.id, name='n-01')
        self.make_node(profile.id, name='n-01')
        message = ("Multiple results found matching the query criteria "
                   "'n-01'. Please be more specific.")
        self.assertBadRequest(self.get('/v1/nodes/n-01', status=None),
                              message, 'MultipleChoices')
        self.assertBadRequest(self.delete('/v1/nodes/n-01'), message,
                              'MultipleChoices')

    def test_tainted_depends_on_version(self):
        # Vector 74.
        node, _action = self.make_node()
        resp = self.get('/v1/nodes/%s' % node.id, version='1.12')
        self.assertEqual(sorted(NODE_KEYS), sorted(resp.json['node']))
        resp = self.get('/v1/nodes/%s' % node.id, version='1.13')
        self.assertIs(False, resp.json['node']['tainted'])
        self.assertEqual('Creation succeeded',
                         resp.json['node']['status_reason'])

    def test_lookup_by_name_and_short_id(self):
        node, _action = self.make_node(name='alpha')
        for ident in ('alpha', node.id[:6]):
            resp = self.get('/v1/nodes/%s' % ident)
            self.assertEqual(node.id, resp.json['node']['id'])

    def test_show_details_flag(self):
        node, _action = self.make_node()
        resp = self.get('/v1/nodes/%s?show_details=maybe' % node.id,
                        status=None)
        self.assertBadRequest(
            resp, "Invalid value 'maybe' specified for 'show_details'")
        resp = self.get('/v1/nodes/%s?show_details=False&x=1' % node.id)
        self.assertNotIn('details', resp.json['node'])

    def test_other_project_is_not_found(self):
        node, _action = self.make_node()
        resp = self.get('/v1/nodes/%s' % node.id, project='p2', status=404)
        self.assertEqual('ResourceNotFound', resp.json['error']['type'])


class TestNodeUpdate(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, _action = self.make_node()

    def test_not_found(self):
        # Vector 45.
        uuid = utils.generate_uuid()
        resp = self.patch('/v1/nodes/%s' % uuid,
                          {'node': {'name': 'new-name'}})
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The node '%s' could not be found." % uuid)

    def test_malformed(self):
        resp = self.patch('/v1/nodes/%s' % self.node.id, {})
        self.assertBadRequest(
            resp, "Malformed request data, missing 'node' key in request "
                  "body.")

    def test_nothing_to_update(self):
        # Vector 46.
        resp = self.patch('/v1/nodes/%s' % self.node.id, {'node': {}})
        self.assertBadRequest(resp, 'No property needs an update.',
                              'BadRequest')
        resp = self.patch('/v1/nodes/%s' % self.node.id,
                          {'node': {'name': self.node.name,
                                    'tainted': True}}, version='1.12')
        self.assertBadRequest(resp, 'No property needs an update.',
                              'BadRequest')

    def test_update(self):
        # Vector 48, synchronous part.
        resp = self.patch('/v1/nodes/%s' % self.node.id, {'node': {
            'name': 'node_new_name', 'role': 'admin',
            'metadata': {'k2': 'v2'}, 'tainted': True}}, status=202,
            version='1.13')
        body = resp.json['node']
        self.assertEqual(('node', False), (body['name'], body['tainted']))
        action_id = resp.headers['Location'].rsplit('/', 1)[1]
        action = self.action_row(action_id)
        self.assertEqual((consts.NODE_UPDATE, consts.ACTION_READY),
                         (action.action, action.status))
        self.assertEqual({'name': 'node_new_name', 'role': 'admin',
                          'metadata': {'k2': 'v2'}, 'tainted': True},
                         action.inputs)

    def test_new_profile_of_same_type(self):
        other = self.make_profile('other')
        resp = self.patch('/v1/nodes/%s' % self.node.id,
                          {'node': {'profile_id': 'other'}}, status=202)
        action_id = resp.headers['Location'].rsplit('/', 1)[1]
        self.assertEqual({'new_profile_id': other.id},
                         self.action_row(action_id).inputs)

    def test_profile_not_found(self):
        resp = self.patch('/v1/nodes/%s' % self.node.id,
                          {'node': {'profile_id': 'nope'}})
        self.assertBadRequest(
            resp, "The specified profile 'nope' could not be found.",
            'BadRequest')

    def test_conflict_with_active_action(self):
        self.post('/v1/nodes/%s/actions' % self.node.id, {'check': {}},
                  status=202)
        resp = self.patch('/v1/nodes/%s' % self.node.id,
                          {'node': {'name': 'again'}})
        self.assertEqual(409, resp.status_int)
        self.assertEqual('ActionConflict', resp.json['error']['type'])


class TestNodeDelete(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, _action = self.make_node()

    def test_delete(self):
        # Vector 49, synchronous part.
        resp = self.delete('/v1/nodes/%s' % self.node.id, status=202)
        self.assertEqual('null', resp.text)
        self.assertEqual('application/json', resp.content_type)
        action_id = resp.headers['Location'].rsplit('/', 1)[1]
        action = self.action_row(action_id)
        self.assertEqual((consts.NODE_DELETE, consts.ACTION_READY,
                          'node_delete_%s' % self.node.id[:8]),
                         (action.action, action.status, action.name))

    def test_busy_node(self):
        db_api.node_update(self.ctx, self.node.id,
                           {'status': consts.NODE_RECOVERING})
        resp = self.delete('/v1/nodes/node')
        self.assertError(resp, 409, 'ActionInProgress',
                         "The node 'node' is in status RECOVERING.")
        # force is validated at every version, honoured from 1.8 on.
        resp = self.delete('/v1/nodes/node', {'force': True}, version='1.7')
        self.assertEqual(409, resp.status_int)
        self.delete('/v1/nodes/node', {'force': 'True'}, version='1.8',
                    status=202)

    def test_force_must_be_boolean(self):
        resp = self.delete('/v1/nodes/%s' % self.node.id, {'force': 'yes'})
        self.assertBadRequest(resp, "Invalid value 'yes' specified for "
                                    "'force'")
        resp = self.delete('/v1/nodes/%s' % self.node.id, {'other': 1})
        self.assertBadRequest(
            resp, "Additional properties are not allowed ('other' was "
                  "unexpected)")

    def test_depended_on(self):
        db_api.node_update(self.ctx, self.node.id,
                           {'dependents': {'nodes': ['x']}})
        resp = self.delete('/v1/nodes/%s' % self.node.id)
        self.assertError(
            resp, 409, 'ResourceInUse',
            "The node '%s' cannot be deleted: still depended by other "
            "clusters and/or nodes." % self.node.id)
