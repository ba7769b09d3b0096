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

"""Policy enforcement and project scoping through the noauth pipeline.

The same checks run against a real Keystone in
senlin_lite/tests/functional/keystone; here identities come from headers.
"""

import os

import fixtures

from senlin_lite.common import policy
from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.api import base

FORBIDDEN = {
    'code': 403, 'title': 'Forbidden',
    'explanation': 'Access was denied to this resource.',
    'error': {'code': 403, 'type': 'Forbidden',
              'message': 'You are not authorized to complete this '
                         'operation.'},
}
LISTS = ('profiles', 'nodes', 'actions', 'events')


class PolicyAPITestCase(base.APITestCase):
    """p1 owns a profile, an ACTIVE node with an event, and a READY check."""

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)
        self.profile = self.make_profile('prof-1')
        self.node, create = self.make_node(self.profile.id, 'node-1')
        db_api.event_create(self.ctx, db_api.node_event(
            self.node, create, 'INFO', 'start', 'x'))
        self.event = db_api.event_get_all(self.ctx)[0]
        self.action_id = self.post(
            '/v1/nodes/%s/actions' % self.node.id, {'check': {}},
            status=202).json['action']

    def assertForbidden(self, resp):
        self.assertEqual(403, resp.status_int, resp.text)
        self.assertEqual(FORBIDDEN, resp.json)

    def writes(self):
        node = '/v1/nodes/%s' % self.node.id
        profile = '/v1/profiles/%s' % self.profile.id
        return [
            ('post', '/v1/profiles', {'profile': {
                'name': 'p', 'spec': base.NOVA_SPEC}}),
            ('post', '/v1/profiles/validate', {'profile': {
                'spec': base.NOVA_SPEC}}),
            ('patch', profile, {'profile': {'name': 'x'}}),
            ('delete', profile, None),
            ('post', '/v1/nodes', {'node': {
                'name': 'n', 'profile_id': self.profile.id}}),
            ('patch', node, {'node': {'name': 'x'}}),
            ('delete', node, None),
            ('post', node + '/actions', {'check': {}}),
            ('post', node + '/actions', {'recover': {}}),
            ('post', node + '/ops', {'reboot': {}}),
            ('patch', '/v1/actions/%s' % self.action_id,
             {'action': {'status': 'CANCELLED'}}),
        ]

    def shows(self):
        return ['/v1/profiles/%s' % self.profile.id,
                '/v1/nodes/%s' % self.node.id,
                '/v1/actions/%s' % self.action_id,
                '/v1/events/%s' % self.event.id]


class TestRoles(PolicyAPITestCase):

    def test_reader_reads(self):
        for path in self.shows() + ['/v1/%s' % name for name in LISTS] + [
                '/v1/profile-types', '/v1/profile-types/os.nova.server-1.0',
                '/v1/profile-types/os.nova.server-1.0/ops']:
            self.get(path, roles='reader')

    def test_reader_cannot_write(self):
        for method, path, body in self.writes():
            resp = self.call(method, path, body, roles='reader')
            self.assertForbidden(resp)
        self.assertEqual('READY', self.action_row(self.action_id).status)

    def test_no_role_is_denied_everything(self):
        for path in self.shows():
            self.assertForbidden(self.get(path, status=None,
                                          roles='observer'))

    def test_policy_comes_before_body_checks(self):
        resp = self.post('/v1/nodes/%s/actions' % self.node.id, {},
                         roles='reader')
        self.assertForbidden(resp)

    def test_version_gate_comes_before_policy(self):
        resp = self.post('/v1/nodes/x/ops', {'reboot': {}}, version='1.3',
                         roles='reader')
        self.assertEqual('MethodVersionNotFound', resp.json['error']['type'])


class TestPolicyFile(PolicyAPITestCase):

    def use_policy(self, text):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'policy.yaml')
        with open(path, 'w') as f:
            f.write(text)
        self.flags(policy_file=path, group='oslo_policy')
        policy.reset()

    def test_deny_node_actions(self):
        self.use_policy('"nodes:action": "!"\n')
        node = '/v1/nodes/%s' % self.node.id
        for body in ({'check': {}}, {'recover': {}}):
            for roles in ('member', 'admin'):
                self.assertForbidden(self.post(node + '/actions', body,
                                               roles=roles))
        self.get(node)
        self.post(node + '/ops', {'reboot': {}}, status=202)
        self.post('/v1/profiles', {'profile': {
            'name': 'p2', 'spec': base.NOVA_SPEC}}, status=201)

    def test_redefine_admin(self):
        self.use_policy('"context_is_admin": "role:cloud-admin"\n')
        self.assertForbidden(self.get('/v1/nodes?global_project=true',
                                      status=None, project='p2',
                                      roles='admin'))
        resp = self.get('/v1/nodes?global_project=true', project='p2',
                        roles='member,cloud-admin')
        self.assertEqual([self.node.id], [n['id'] for n in resp.json['nodes']])


class TestScoping(PolicyAPITestCase):
    """p2 (a member of another project) against p1's objects."""

    def test_show_by_id_name_and_short_id(self):
        paths = self.shows() + [
            '/v1/profiles/prof-1', '/v1/profiles/%s' % self.profile.id[:8],
            '/v1/nodes/node-1', '/v1/nodes/%s' % self.node.id[:8],
            '/v1/actions/%s' % self.action_id[:8],
            '/v1/events/%s' % self.event.id[:8]]
        for path in paths:
            self.get(path, project='p2', status=404)
            self.get(path)

    def test_changes_are_not_found(self):
        for method, path, body in self.writes():
            if method == 'post' and path in ('/v1/profiles', '/v1/nodes',
                                             '/v1/profiles/validate'):
                continue
            resp = self.call(method, path, body, project='p2')
            self.assertEqual(404, resp.status_int, '%s %s' % (method, path))
        self.assertEqual('READY', self.action_row(self.action_id).status)

    def test_node_on_another_project_profile(self):
        resp = self.post('/v1/nodes', {'node': {
            'name': 'n', 'profile_id': self.profile.id}}, project='p2')
        self.assertBadRequest(
            resp, "The specified profile '%s' could not be found."
            % self.profile.id, 'BadRequest')

    def test_lists(self):
        for name in LISTS:
            self.assertEqual([], self.get('/v1/' + name,
                                          project='p2').json[name])
            self.assertTrue(self.get('/v1/' + name).json[name])

    def test_global_project(self):
        for name in LISTS:
            self.assertForbidden(self.get('/v1/%s?global_project=true'
                                          % name, status=None))
            for query in ('', '?global_project=true',
                          '?global_project=false'):
                items = self.get('/v1/%s%s' % (name, query), project='p2',
                                 roles='admin').json[name]
                self.assertTrue(items, name + query)

    def test_conflicts_across_projects(self):
        # An admin of p2 queues a check on p1's node; p1's own request
        # conflicts with it.
        self.patch('/v1/actions/%s' % self.action_id,
                   {'action': {'status': 'CANCELLED'}}, status=202)
        admin_action = self.post(
            '/v1/nodes/%s/actions' % self.node.id, {'check': {}},
            project='p2', roles='admin', status=202).json['action']
        resp = self.post('/v1/nodes/%s/actions' % self.node.id,
                         {'check': {}}, status=409)
        self.assertEqual('ActionConflict', resp.json['error']['type'])
        resp = self.post('/v1/nodes/%s/actions' % self.node.id,
                         {'check': {}}, project='p2', roles='admin',
                         status=409)
        self.assertIn(admin_action, resp.json['error']['message'])
