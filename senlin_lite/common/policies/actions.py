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

"""Rules of /v1/actions and /v1/events."""

from senlin_lite.common.policies import base

rules = [
    base.operation('actions:index', base.ADMIN_OR_READER,
                   'List actions.', 'GET', '/v1/actions'),
    base.operation('actions:get', base.ADMIN_OR_READER,
                   'Show an action.', 'GET', '/v1/actions/{action_id}'),
    base.operation('actions:update', base.ADMIN_OR_MEMBER,
                   'Cancel an action.', 'PATCH', '/v1/actions/{action_id}'),
    base.operation('events:index', base.ADMIN_OR_READER,
                   'List events.', 'GET', '/v1/events'),
    base.operation('events:get', base.ADMIN_OR_READER,
                   'Show an event.', 'GET', '/v1/events/{event_id}'),
]


def list_rules():
    return rules
