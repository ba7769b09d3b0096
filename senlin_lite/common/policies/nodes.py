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

"""Rules of /v1/nodes and its node actions and operations."""

from senlin_lite.common.policies import base

rules = [
    base.operation('nodes:index', base.ADMIN_OR_READER,
                   'List nodes.', 'GET', '/v1/nodes'),
    base.operation('nodes:create', base.ADMIN_OR_MEMBER,
                   'Create a node.', 'POST', '/v1/nodes'),
    base.operation('nodes:get', base.ADMIN_OR_READER,
                   'Show a node.', 'GET', '/v1/nodes/{node_id}'),
    base.operation('nodes:update', base.ADMIN_OR_MEMBER,
                   'Update a node.', 'PATCH', '/v1/nodes/{node_id}'),
    base.operation('nodes:delete', base.ADMIN_OR_MEMBER,
                   'Delete a node.', 'DELETE', '/v1/nodes/{node_id}'),
    base.operation('nodes:action', base.ADMIN_OR_MEMBER,
                   'Check or recover a node.', 'POST',
                   '/v1/nodes/{node_id}/actions'),
    base.operation('nodes:operation', base.ADMIN_OR_MEMBER,
                   'Run a profile operation (reboot, ...) on a node.',
                   'POST', '/v1/nodes/{node_id}/ops'),
]


def list_rules():
    return rules
