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

"""Trust delegation (API side) and resolution (engine side), no Keystone."""

import types
from unittest import mock

import fixtures
from keystoneauth1 import exceptions as ks_exc

from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.common import exception
from senlin_lite.common import trusts
from senlin_lite.db import api as db_api
from senlin_lite.profiles import compute
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import utils as db_utils


def trust(trust_id, project='p1', trustee='svc', **values):
    return types.SimpleNamespace(**dict(
        {'id': trust_id, 'project_id': project, 'trustee_user_id': trustee,
         'is_impersonation': True, 'expires_at': None,
         'remaining_uses': None}, **values))


class TestDelegate(base.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(cloud_backend='openstack')
        trusts.reset_cache()
        self.addCleanup(trusts.reset_cache)
        self.conn = mock.Mock()
        self.conn.identity.trusts.return_value = []
        self.conn.identity.create_trust.return_value = trust('t-new')
        self.connect = self.useFixture(fixtures_patch(
            compute, 'cloud_connection', return_value=self.conn)).mock
        self.useFixture(fixtures_patch(trusts, 'trustee_id',
                                       return_value='svc'))
        self.ctx = context.RequestContext(
            user_id='u1', project_id='p1', roles=['member', 'reader'],
            auth_token='token-1')

    def test_creates_a_trust(self):
        self.assertEqual('t-new', trusts.delegate(self.ctx))
        self.conn.identity.create_trust.assert_called_once_with(
            trustor_user_id='u1', trustee_user_id='svc', project_id='p1',
            is_impersonation=True, roles=[{'name': 'member'}])
        credentials = self.connect.call_args.kwargs['credentials']
        self.assertEqual('token-1', credentials.token)
        self.assertIsNone(credentials.trust_id)

    def test_trust_roles_option(self):
        self.flags(trust_roles=['member', 'load-balancer_member'],
                   group='compute_auth')
        trusts.delegate(self.ctx)
        roles = self.conn.identity.create_trust.call_args.kwargs['roles']
        self.assertEqual([{'name': 'member'},
                          {'name': 'load-balancer_member'}], roles)

    def test_reuses_a_matching_trust(self):
        self.conn.identity.trusts.return_value = [
            trust('t-other-project', project='p2'),
            trust('t-other-trustee', trustee='x'),
            trust('t-expiring', expires_at='2030-01-01T00:00:00Z'),
            trust('t-limited', remaining_uses=3),
            trust('t-plain', is_impersonation=False),
            trust('t-good')]
        self.assertEqual('t-good', trusts.delegate(self.ctx))
        self.conn.identity.create_trust.assert_not_called()
        self.conn.identity.trusts.assert_called_once_with(
            trustor_user_id='u1')

    def test_cached(self):
        trusts.delegate(self.ctx)
        trusts.delegate(self.ctx)
        self.assertEqual(1, self.connect.call_count)

    def test_not_needed(self):
        self.assertIsNone(trusts.delegate(context.RequestContext(
            user_id='u1', project_id='p1')))
        self.flags(cloud_backend='openstack_test')
        self.assertIsNone(trusts.delegate(self.ctx))
        self.connect.assert_not_called()

    def test_keystone_refuses(self):
        self.conn.identity.create_trust.side_effect = ks_exc.Forbidden(
            'no role')
        exc = self.assertRaises(exception.InternalError, trusts.delegate,
                                self.ctx)
        self.assertIn('no role', str(exc))
        self.assertEqual(500, exc.code)


def fixtures_patch(target, name, **kwargs):
    return fixtures.MockPatchObject(target, name, **kwargs)


class TestActionContext(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.flags(cloud_backend='openstack')
        self.owner = db_utils.make_context()
        owner_values = dict(self.owner.to_dict(), trust_id='t-owner')
        profile = db_utils.create_profile(self.owner)
        self.node, create = db_utils.create_node(self.owner, profile.id)
        db_api.action_update(self.owner, create.id, {
            'context': owner_values, 'status': consts.ACTION_SUCCEEDED})
        db_api.node_update(self.owner, self.node.id,
                           {'active_action_id': None})

    def action(self, ctx, trust_id):
        values = db_utils.action_values(
            ctx, consts.NODE_CHECK,
            context=dict(ctx.to_dict(), trust_id=trust_id))
        return db_api.action_create_for_node(ctx, self.node.id, values,
                                             exclusive=False)

    def test_stored_context_of_the_requester(self):
        member = db_utils.make_context(user='u2')
        member.request_id = 'req-1234'
        record = self.action(member, 't-u2')
        ctx = trusts.action_context(record)
        self.assertIsInstance(ctx, context.RequestContext)
        self.assertEqual(('u2', 'p1', 't-u2', 'req-1234', False),
                         (ctx.user_id, ctx.project_id, ctx.trust_id,
                          ctx.request_id, ctx.is_admin))

    def test_admin_of_another_project_uses_the_creator_trust(self):
        admin = db_utils.make_context(project='p2', user='a',
                                      roles=('admin',))
        ctx = trusts.action_context(self.action(admin, None))
        self.assertEqual('t-owner', ctx.trust_id)
        self.assertEqual('a', ctx.user_id)
        self.assertTrue(ctx.is_admin)

    def test_simulator_backend_needs_no_trust(self):
        self.flags(cloud_backend='openstack_test')
        admin = db_utils.make_context(project='p2', roles=('admin',))
        ctx = trusts.action_context(self.action(admin, None))
        self.assertIsNone(ctx.trust_id)

    def test_lookup_failure_is_not_fatal(self):
        admin = db_utils.make_context(project='p2', roles=('admin',))
        record = self.action(admin, None)
        with mock.patch.object(db_api, 'node_get',
                               side_effect=RuntimeError('db down')):
            ctx = trusts.action_context(record)
        self.assertIsNone(ctx.trust_id)
