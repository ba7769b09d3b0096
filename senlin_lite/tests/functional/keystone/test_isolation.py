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

"""Authentication and project isolation with real Keystone tokens."""

from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.db.api import events as db_events
from senlin_lite.tests.functional.keystone import base

LISTS = ('/v1/profiles', '/v1/nodes', '/v1/actions', '/v1/events')


class TestAuthentication(base.KeystoneTestCase):

    def test_no_token_is_401(self):
        for path in ('/v1/nodes', '/v1/profiles', '/v1/actions/x',
                     '/v1/build-info'):
            self.call(None, 'get', path, status=401)

    def test_bad_token_is_401(self):
        self.call(None, 'get', '/v1/nodes', status=401,
                  **{'X-Auth-Token': 'not-a-token'})

    def test_version_documents_need_no_token(self):
        self.call(None, 'get', '/', status=300)
        self.call(None, 'get', '/v1', status=200)

    def test_token_sets_identity(self):
        profile = self.create_profile('alice', 'p-alice')
        self.assertEqual(self.cloud.projects['alpha'], profile['project'])
        self.assertEqual(self.cloud.user_ids['alice'], profile['user'])


class TestProjectIsolation(base.KeystoneTestCase):
    """bob (project beta) against alice's objects (project alpha)."""

    def setUp(self):
        super().setUp()
        self.profile = self.create_profile('alice', 'prof-a')
        self.node, self.action_id = self.create_node(
            'alice', self.profile['id'], 'node-a')
        self.event = self._make_event()
        self.bob_profile = self.create_profile('bob', 'prof-b')

    def _make_event(self):
        ctx = self.admin_context()
        node = db_api.node_get(ctx, self.node['id'], project_safe=False)
        action = db_api.action_get(ctx, self.action_id, project_safe=False)
        values = db_events.node_event(node, action, 'INFO', 'start',
                                      action.id[:8])
        return db_api.event_create(ctx, values).id

    def admin_context(self):
        from senlin_lite.common import context
        return context.get_admin_context()

    def identities(self):
        """Every way of naming alice's objects: id, name, short id."""
        return {
            'profiles': (self.profile['id'], 'prof-a',
                         self.profile['id'][:8]),
            'nodes': (self.node['id'], 'node-a', self.node['id'][:8]),
            'actions': (self.action_id, self.action_id[:8]),
            'events': (self.event, self.event[:8]),
        }

    def test_other_project_gets_404_on_show(self):
        for kind, names in self.identities().items():
            for name in names:
                self.call('bob', 'get', '/v1/%s/%s' % (kind, name),
                          status=404)
        # alice sees them all.
        for kind, names in self.identities().items():
            self.call('alice', 'get', '/v1/%s/%s' % (kind, names[0]),
                      status=200)

    def test_other_project_gets_404_on_profile_changes(self):
        for name in self.identities()['profiles']:
            path = '/v1/profiles/%s' % name
            self.call('bob', 'patch', path, {'profile': {'name': 'x'}},
                      status=404)
            self.call('bob', 'delete', path, status=404)
        self.call('alice', 'get', '/v1/profiles/%s' % self.profile['id'],
                  status=200)

    def test_other_project_gets_404_on_node_changes(self):
        for name in self.identities()['nodes']:
            path = '/v1/nodes/%s' % name
            self.call('bob', 'patch', path, {'node': {'name': 'x'}},
                      status=404)
            self.call('bob', 'delete', path, status=404)
            for body in ({'check': {}}, {'recover': {}}):
                self.call('bob', 'post', path + '/actions', body,
                          status=404)
            self.call('bob', 'post', path + '/ops', {'reboot': {}},
                      status=404)
        # bob cannot use alice's profile for a node of his own either.
        resp = self.call('bob', 'post', '/v1/nodes', {'node': {
            'name': 'n', 'profile_id': self.profile['id']}}, status=400)
        self.assertIn('could not be found', resp.json['error']['message'])

    def test_other_project_cannot_cancel_an_action(self):
        for name in self.identities()['actions']:
            self.call('bob', 'patch', '/v1/actions/%s' % name,
                      {'action': {'status': 'CANCELLED'}}, status=404)
        action = self.call('alice', 'get', '/v1/actions/%s'
                           % self.action_id, status=200).json['action']
        self.assertEqual('READY', action['status'])

    def test_spoofed_identity_headers_are_ignored(self):
        spoof = {'X-Project-Id': self.cloud.projects['alpha'],
                 'X-Roles': 'admin', 'X-User-Id': 'someone'}
        self.call('bob', 'get', '/v1/nodes/%s' % self.node['id'],
                  status=404, **spoof)
        resp = self.call('bob', 'get', '/v1/nodes', status=200, **spoof)
        self.assertEqual([], resp.json['nodes'])

    def test_other_project_lists_are_empty(self):
        for path in LISTS:
            key = path.rsplit('/', 1)[-1]
            body = self.call('bob', 'get', path, status=200).json
            ids = [item['id'] for item in body[key]]
            expected = [self.bob_profile['id']] if key == 'profiles' else []
            self.assertEqual(expected, ids, path)
        for path in ('/v1/nodes?name=node-a', '/v1/profiles?name=prof-a',
                     '/v1/actions?target=%s' % self.node['id'],
                     '/v1/events?oid=%s' % self.node['id']):
            body = self.call('bob', 'get', path, status=200).json
            self.assertEqual([], list(body.values())[0], path)

    def test_owner_lists_its_own(self):
        for path in LISTS:
            key = path.rsplit('/', 1)[-1]
            items = self.call('alice', 'get', path, status=200).json[key]
            self.assertEqual(1, len(items), path)
            self.assertEqual(self.cloud.projects['alpha'],
                             items[0]['project'])

    def test_admin_sees_every_project(self):
        for query in ('', '?global_project=true', '?global_project=false'):
            profiles = self.call('admin', 'get', '/v1/profiles' + query,
                                 status=200).json['profiles']
            self.assertEqual({'prof-a', 'prof-b'},
                             {p['name'] for p in profiles}, query)
            for path in ('/v1/nodes', '/v1/actions', '/v1/events'):
                key = path.rsplit('/', 1)[-1]
                items = self.call('admin', 'get', path + query,
                                  status=200).json[key]
                self.assertEqual(1, len(items), path + query)
        for kind, names in self.identities().items():
            self.call('admin', 'get', '/v1/%s/%s' % (kind, names[0]),
                      status=200)

    def test_global_project_is_403_for_non_admins(self):
        for user in ('alice', 'bob', 'rita'):
            for path in LISTS:
                resp = self.call(user, 'get', path + '?global_project=true')
                self.assertForbidden(resp)
                self.call(user, 'get', path + '?global_project=false',
                          status=200)

    def test_name_lookup_is_scoped(self):
        # The same name in two projects is not ambiguous for either owner.
        self.create_profile('bob', 'prof-a')
        for user in ('alice', 'bob'):
            profile = self.call(user, 'get', '/v1/profiles/prof-a',
                                status=200).json['profile']
            self.assertEqual(self.cloud.projects[base.USERS[user][1]],
                             profile['project'])
        # The admin sees both, so for the admin the name is ambiguous.
        resp = self.call('admin', 'get', '/v1/profiles/prof-a', status=400)
        self.assertEqual('MultipleChoices', resp.json['error']['type'])
        self.assertTrue(utils.is_uuid_like(self.profile['id']))
