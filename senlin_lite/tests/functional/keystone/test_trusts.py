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

"""The engine acts for the user who asked, through a Keystone trust."""

from senlin_lite.common import context
from senlin_lite.common import trusts
from senlin_lite.db import api as db_api
from senlin_lite.engine import node as engine_node
from senlin_lite.tests.functional.keystone import base


class TestTrusts(base.KeystoneTestCase):

    def setUp(self):
        super().setUp()
        profile = self.create_profile('alice', 'prof-a')
        node, self.create_action = self.create_node('alice', profile['id'],
                                                    'node-a')
        self.node_id = node['id']
        self.profile_id = profile['id']

    def record(self, action_id):
        return db_api.action_get(context.get_admin_context(), action_id,
                                 project_safe=False)

    def assertActsAs(self, ctx, user, project):
        """The profile's connection authenticates as ``user``/``project``."""
        profile = engine_node.load_profile(ctx, self.profile_id)
        session = profile.connection().session
        self.assertEqual(self.cloud.user_ids[user], session.get_user_id())
        self.assertEqual(self.cloud.projects[project],
                         session.get_project_id())

    def test_action_stores_a_trust_not_a_token(self):
        stored = self.record(self.create_action).context
        self.assertTrue(stored['trust_id'])
        self.assertNotIn('auth_token', stored)
        self.assertEqual(self.cloud.projects['alpha'], stored['project_id'])
        trust = self.cloud.admin.identity.get_trust(stored['trust_id'])
        self.assertEqual(self.cloud.user_ids['alice'], trust.trustor_user_id)
        self.assertEqual(self.cloud.user_ids[base.SERVICE_USER],
                         trust.trustee_user_id)
        self.assertTrue(trust.is_impersonation)
        self.assertEqual(['member'], [r['name'] for r in trust.roles])

    def test_engine_acts_as_the_requester_in_the_node_project(self):
        ctx = trusts.action_context(self.record(self.create_action))
        self.assertEqual(self.cloud.user_ids['alice'], ctx.user_id)
        self.assertActsAs(ctx, 'alice', 'alpha')

    def test_admin_action_uses_the_node_creator_trust(self):
        db_api.node_update(context.get_admin_context(), self.node_id,
                           {'active_action_id': None})
        resp = self.call('admin', 'post', '/v1/nodes/%s/actions'
                         % self.node_id, {'check': {}}, status=202)
        record = self.record(resp.json['action'])
        self.assertIsNone(record.context['trust_id'])
        self.assertEqual(self.cloud.projects['admin'], record.project)
        ctx = trusts.action_context(record)
        self.assertEqual(self.record(self.create_action).context['trust_id'],
                         ctx.trust_id)
        self.assertActsAs(ctx, 'alice', 'alpha')

    def test_trust_is_reused(self):
        first = self.record(self.create_action).context['trust_id']
        trusts.reset_cache()
        _node, action_id = self.create_node('alice', self.profile_id,
                                            'node-b')
        self.assertEqual(first, self.record(action_id).context['trust_id'])
        listed = list(self.cloud.admin.identity.trusts(
            trustor_user_id=self.cloud.user_ids['alice']))
        self.assertEqual(1, len([t for t in listed
                                 if t.project_id ==
                                 self.cloud.projects['alpha']]))
