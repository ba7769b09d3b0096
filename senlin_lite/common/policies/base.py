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

"""The personas every senlin_lite rule is built from.

senlin_lite ships new-style defaults only (oslo.policy enforces new
defaults and token scope): every operation is project scoped and checked
against three personas of Keystone's default roles:

* admin: ``role:admin`` in any project; sees and changes every project's
  objects (contract 1.8);
* project member: ``role:member`` in the project being acted on;
* project reader: ``role:reader`` in that project.

Keystone's default roles imply one another (admin > member > reader), so a
member's token also carries ``reader``.
"""

from oslo_policy import policy

ADMIN = 'role:admin'
PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'
PROJECT_READER = 'role:reader and project_id:%(project_id)s'

RULE_ADMIN_API = 'rule:admin_api'
RULE_PROJECT_MEMBER = 'rule:project_member_api'
RULE_PROJECT_READER = 'rule:project_reader_api'

ADMIN_OR_MEMBER = '%s or %s' % (RULE_ADMIN_API, RULE_PROJECT_MEMBER)
ADMIN_OR_READER = '%s or %s' % (RULE_ADMIN_API, RULE_PROJECT_READER)

PROJECT_SCOPE = ['project']

rules = [
    policy.RuleDefault(
        name='context_is_admin', check_str=ADMIN,
        description='Who is an administrator: sees every project and may '
                    'ask for global_project=true.'),
    policy.RuleDefault(
        name='admin_api', check_str=ADMIN,
        description='The administrator persona.'),
    policy.RuleDefault(
        name='project_member_api', check_str=PROJECT_MEMBER,
        description='A member of the project acted on.'),
    policy.RuleDefault(
        name='project_reader_api', check_str=PROJECT_READER,
        description='A reader of the project acted on.'),
]


def operation(name, check_str, description, method, path):
    """A documented, project-scoped rule of one API operation."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=PROJECT_SCOPE)


def list_rules():
    return rules
