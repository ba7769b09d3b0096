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

"""Policy defaults in code and the enforcer."""

import os
import time
from unittest import mock

import fixtures
from oslo_policy import policy as oslo_policy

from senlin_lite.common import context
from senlin_lite.common import exception
from senlin_lite.common import policies
from senlin_lite.common import policy
from senlin_lite.tests import base

# Contract 1.10's rule names of the endpoints senlin_lite serves (node
# adopt is not served, so it has no rule).
CONTRACT_RULES = {
    'profile_types:index', 'profile_types:get', 'profile_types:ops',
    'profiles:index', 'profiles:create', 'profiles:get', 'profiles:update',
    'profiles:delete', 'profiles:validate',
    'nodes:index', 'nodes:create', 'nodes:get', 'nodes:update',
    'nodes:delete', 'nodes:action', 'nodes:operation',
    'actions:index', 'actions:get', 'actions:update',
    'events:index', 'events:get', 'build_info:build_info',
}
READ_RULES = {name for name in CONTRACT_RULES
              if name.endswith((':index', ':get', ':ops', ':build_info'))}
WRITE_RULES = CONTRACT_RULES - READ_RULES


def ctx(roles, project='p1', **kwargs):
    return context.RequestContext(user_id='u1', project_id=project,
                                  roles=list(roles), **kwargs)


class PolicyTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)

    def allowed(self, context, rule):
        try:
            policy.authorize(context, rule)
        except exception.Forbidden:
            return False
        return True


class TestRules(PolicyTestCase):

    def test_every_contract_rule_is_documented(self):
        rules = {r.name: r for r in policies.list_rules()}
        self.assertEqual(CONTRACT_RULES | {
            'context_is_admin', 'admin_api', 'project_member_api',
            'project_reader_api'}, set(rules))
        for name in CONTRACT_RULES:
            rule = rules[name]
            self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault)
            self.assertEqual(['project'], rule.scope_types, name)
            self.assertTrue(rule.operations[0]['path'].startswith('/v1/'))
            self.assertIsNone(rule.deprecated_rule, name)
        self.assertEqual('role:admin', rules['context_is_admin'].check_str)

    def test_entry_points(self):
        enforcer = policy.get_enforcer()
        self.assertIs(enforcer, policy.get_enforcer())
        self.assertEqual(set(r.name for r in policies.list_rules()),
                         set(enforcer.registered_rules))


class TestPersonas(PolicyTestCase):

    def test_reader_reads_only(self):
        reader = ctx(['reader'])
        for rule in READ_RULES:
            self.assertTrue(self.allowed(reader, rule), rule)
        for rule in WRITE_RULES:
            self.assertFalse(self.allowed(reader, rule), rule)

    def test_member_does_everything_in_its_project(self):
        member = ctx(['member', 'reader'])
        for rule in CONTRACT_RULES:
            self.assertTrue(self.allowed(member, rule), rule)
        self.assertFalse(policy.check_is_admin(member))

    def test_member_of_another_project_target(self):
        member = ctx(['member', 'reader'])
        self.assertRaises(exception.Forbidden, policy.authorize, member,
                          'nodes:get', {'project_id': 'p2'})

    def test_admin(self):
        admin = ctx(['admin'])
        self.assertTrue(policy.check_is_admin(admin))
        for rule in CONTRACT_RULES:
            self.assertTrue(self.allowed(admin, rule), rule)
        policy.authorize(admin, 'nodes:delete', {'project_id': 'p2'})

    def test_no_role_no_access(self):
        nobody = ctx(['observer'])
        for rule in CONTRACT_RULES:
            self.assertFalse(self.allowed(nobody, rule), rule)

    def test_domain_scoped_token_is_denied(self):
        domain_admin = context.RequestContext(
            user_id='u1', domain_id='d1', roles=['admin'])
        self.assertFalse(self.allowed(domain_admin, 'nodes:index'))

    def test_no_project_is_denied(self):
        self.assertFalse(self.allowed(ctx(['admin'], project=None),
                                      'nodes:index'))

    def test_unknown_rule_is_a_programming_error(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered, policy.authorize,
                          ctx(['admin']), 'nodes:bogus')


class TestPolicyFile(PolicyTestCase):

    def write(self, text):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'policy.yaml')
        with open(path, 'w') as f:
            f.write(text)
        self.flags(policy_file=path, group='oslo_policy')
        policy.reset()

    def test_override_one_rule(self):
        self.write('"nodes:action": "!"\n')
        member = ctx(['member', 'reader'])
        self.assertFalse(self.allowed(member, 'nodes:action'))
        self.assertFalse(self.allowed(ctx(['admin']), 'nodes:action'))
        self.assertTrue(self.allowed(member, 'nodes:operation'))

    def test_override_admin_definition(self):
        self.write('"context_is_admin": "role:cloud-admin"\n')
        self.assertFalse(policy.check_is_admin(ctx(['admin'])))
        self.assertTrue(policy.check_is_admin(ctx(['cloud-admin'])))


class DecisionCacheTest(base.TestCase):
    """Decisions are reused briefly; a policy file change still applies."""

    def setUp(self):
        super().setUp()
        self.policy_path = os.path.join(
            self.useFixture(fixtures.TempDir()).path, 'policy.yaml')
        self.write_policy('{}\n')
        self.flags(policy_file=self.policy_path, group='oslo_policy')
        policy.reset()
        self.addCleanup(policy.reset)
        self.member = context.RequestContext(
            user_id='u1', project_id='p1', roles=['member'])

    def write_policy(self, text):
        with open(self.policy_path, 'w') as f:
            f.write(text)

    def test_same_caller_reuses_the_decision(self):
        enforcer = policy.get_enforcer()
        with mock.patch.object(enforcer, 'authorize',
                               wraps=enforcer.authorize) as authorize:
            for _ in range(3):
                policy.authorize(self.member, 'nodes:action')
            other = context.RequestContext(user_id='u2', project_id='p1',
                                           roles=['reader'])
            self.assertRaises(exception.Forbidden, policy.authorize, other,
                              'nodes:action')
        self.assertEqual(2, authorize.call_count)

    def test_a_request_reads_its_policy_values_once(self):
        # Decided for an earlier request of the same caller.
        policy.authorize(self.member, 'nodes:action')
        policy.check_is_admin(self.member)
        again = context.RequestContext(user_id='u1', project_id='p1',
                                       roles=['member'])
        with mock.patch.object(again, 'to_policy_values',
                               wraps=again.to_policy_values) as values:
            policy.authorize(again, 'nodes:action')
            self.assertFalse(policy.check_is_admin(again))
        self.assertEqual(1, values.call_count)
        # Another request, another caller: its own values, its own answer.
        admin = context.RequestContext(user_id='u1', project_id='p1',
                                       roles=['admin'])
        self.assertTrue(policy.check_is_admin(admin))

    def test_a_changed_policy_file_applies_after_the_ttl(self):
        policy.authorize(self.member, 'nodes:action')
        self.write_policy('"nodes:action": "!"\n')
        # Make sure oslo.policy sees a new modification time.
        stat = os.stat(self.policy_path)
        os.utime(self.policy_path, (stat.st_atime, stat.st_mtime + 5))
        with mock.patch.object(policy.time, 'monotonic',
                               return_value=time.monotonic() +
                               2 * policy.DECISION_TTL):
            self.assertRaises(exception.Forbidden, policy.authorize,
                              self.member, 'nodes:action')

    def test_unregistered_rules_still_raise(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered, policy.authorize,
                          self.member, 'nodes:no-such-rule')
