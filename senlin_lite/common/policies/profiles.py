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

"""Rules of /v1/profile-types and /v1/profiles."""

from senlin_lite.common.policies import base

rules = [
    base.operation('profile_types:index', base.ADMIN_OR_READER,
                   'List profile types.', 'GET', '/v1/profile-types'),
    base.operation('profile_types:get', base.ADMIN_OR_READER,
                   'Show a profile type.', 'GET',
                   '/v1/profile-types/{profile_type}'),
    base.operation('profile_types:ops', base.ADMIN_OR_READER,
                   'List the operations of a profile type.', 'GET',
                   '/v1/profile-types/{profile_type}/ops'),
    base.operation('profiles:index', base.ADMIN_OR_READER,
                   'List profiles.', 'GET', '/v1/profiles'),
    base.operation('profiles:create', base.ADMIN_OR_MEMBER,
                   'Create a profile.', 'POST', '/v1/profiles'),
    base.operation('profiles:get', base.ADMIN_OR_READER,
                   'Show a profile.', 'GET', '/v1/profiles/{profile_id}'),
    base.operation('profiles:update', base.ADMIN_OR_MEMBER,
                   'Update a profile.', 'PATCH',
                   '/v1/profiles/{profile_id}'),
    base.operation('profiles:delete', base.ADMIN_OR_MEMBER,
                   'Delete a profile.', 'DELETE',
                   '/v1/profiles/{profile_id}'),
    base.operation('profiles:validate', base.ADMIN_OR_MEMBER,
                   'Validate a profile spec without storing it.', 'POST',
                   '/v1/profiles/validate'),
]


def list_rules():
    return rules
