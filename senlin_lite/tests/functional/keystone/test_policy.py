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

"""Role-based defaults and policy files, with real Keystone tokens."""

import os

import fixtures

from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.common import policy
from senlin_lite.db import api as db_api
from senlin_lite.tests.functional.keystone import base


class PolicyTestCase(base.KeystoneTestCase):
    """alice (member of alpha) owns an ACTIVE node; rita reads alpha."""

    def setUp(self):
        super().setUp()
        self.profile = self.create_profile('alice', 'prof-a')
        node, self.create_action = self.create_node(
            'alice', self.profile['id'], 'node-a')
        self.node_id = node['id']
        self._activate()

    def _activate(self):
        """What a finished NODE_CREATE would leave: an idle ACTIVE node."""
        ctx = context.get_admin_context()
        db_api.action_update(ctx, self.create_action, {
            'status': consts.ACTION_SUCCEEDED})
        db_api.node_update(ctx, self.node_id, {
            'status': consts.NODE_ACTIVE, 'physical_id': 'server-1',
            'active_action_id': None})

    def node_path(self, suffix=''):
        return '/v1/nodes/%s%s' % (self.node_id, suffix)


class TestReader(PolicyTestCase):

    def test_reader_lists_and_shows(self):
        for path in ('/v1/profiles', '/v1/nodes', '/v1/actions',
                     '/v1/events', '/v1/profile-types',
                     '/v1/profiles/%s' % self.profile['id'],
                     self.node_path(), '/v1/actions/%s' % self.create_action,
                     '/v1/profile-types/os.nova.server-1.0',
                     '/v1/profile-types/os.nova.server-1.0/ops'):
            self.call('rita', 'get', path, status=200)
        nodes = self.call('rita', 'get', '/v1/nodes').json['nodes']
        self.assertEqual([self.node_id], [n['id'] for n in nodes])

    def test_reader_cannot_write(self):
        profile_path = '/v1/profiles/%s' % self.profile['id']
        requests = [
            ('post', '/v1/profiles', {'profile': {
                'name': 'p', 'spec': base.NOVA_SPEC}}),
            ('post', '/v1/profiles/validate', {'profile': {
                'spec': base.NOVA_SPEC}}),
            ('patch', profile_path, {'profile': {'name': 'x'}}),
            ('delete', profile_path, None),
            ('post', '/v1/nodes', {'node': {
                'name': 'n', 'profile_id': self.profile['id']}}),
            ('patch', self.node_path(), {'node': {'name': 'x'}}),
            ('delete', self.node_path(), None),
            ('post', self.node_path('/actions'), {'check': {}}),
            ('post', self.node_path('/actions'), {'recover': {}}),
            ('post', self.node_path('/ops'), {'reboot': {}}),
            ('patch', '/v1/actions/%s' % self.create_action,
             {'action': {'status': 'CANCELLED'}}),
        ]
        for method, path, body in requests:
            resp = self.call('rita', method, path, body)
            self.assertForbidden(resp)
        # Nothing changed.
        node = self.call('alice', 'get', self.node_path()).json['node']
        self.assertEqual('node-a', node['name'])
        actions = self.call('alice', 'get', '/v1/actions').json['actions']
        self.assertEqual([self.create_action], [a['id'] for a in actions])

    def test_member_can_write(self):
        self.call('alice', 'post', self.node_path('/actions'),
                  {'check': {}}, status=202)


class TestPolicyFile(PolicyTestCase):

    def setUp(self):
        super().setUp()
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'policy.yaml')
        with open(path, 'w') as f:
            f.write('"nodes:action": "!"\n')
        self.flags(policy_file=path, group='oslo_policy')
        policy.reset()

    def test_denied_node_actions(self):
        for body in ({'check': {}}, {'recover': {}}):
            for user in ('alice', 'admin'):
                resp = self.call(user, 'post', self.node_path('/actions'),
                                 body)
                self.assertForbidden(resp)

    def test_other_calls_still_work(self):
        self.call('alice', 'get', self.node_path(), status=200)
        self.call('alice', 'get', '/v1/nodes', status=200)
        self.call('alice', 'patch', self.node_path(),
                  {'node': {'name': 'renamed'}}, status=202)
        self.call('alice', 'post', self.node_path('/ops'), {'reboot': {}},
                  status=202)
        self.call('alice', 'post', '/v1/profiles', {'profile': {
            'name': 'p2', 'spec': base.NOVA_SPEC}}, status=201)
