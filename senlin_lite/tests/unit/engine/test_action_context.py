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

"""The engine runs an action with the stored context of its request."""

from unittest import mock

from senlin_lite.common import consts
from senlin_lite.engine.actions import node_actions
from senlin_lite.engine import node as engine_node
from senlin_lite.tests.unit.engine import base


class TestActionContext(base.EngineTestCase):

    def test_runs_as_the_requester(self):
        seen = []
        real_create = node_actions.create
        real_load = engine_node.load_profile

        def create(context, record, engine, start=None):
            seen.append(context)
            return real_create(context, record, engine, start)

        def load_profile(context, profile_id):
            profile = real_load(context, profile_id)
            seen.append(profile.request_context)
            return profile

        self.ctx.request_id = 'req-0123'
        _node, action = self.new_node()  # stores self.ctx.to_dict()
        with mock.patch.object(node_actions, 'create', create), \
                mock.patch.object(engine_node, 'load_profile',
                                  load_profile):
            self.cast(action.id)
            done = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_SUCCEEDED, done.status,
                         done.status_reason)
        ctx, profile_ctx = seen[0], seen[1]
        self.assertIs(ctx, profile_ctx)
        self.assertEqual(('u1', 'p1', False, 'req-0123'),
                         (ctx.user_id, ctx.project_id, ctx.is_admin,
                          ctx.request_id))
