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

"""Prepared statements are planned once per connection (PostgreSQL).

With PostgreSQL's default plan cache mode the engines' statement that
ends a batch of actions was planned again on every run; it must run on
one generic plan, and still end the actions it is given.
"""

import sqlalchemy as sa
import testtools

from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.db.api import action_ends
from senlin_lite.db.api import prepared
from senlin_lite.db import models
from senlin_lite.tests.functional.daemons import harness
from senlin_lite.tests.unit.db import utils as db_utils

RUNS = 8


def _end(action_id, node_id, owner='engine-1'):
    now = utils.utcnow()
    return action_ends.Finish(
        action_id=action_id, owner=owner, node_id=node_id,
        status='SUCCEEDED', reason='done', ended_at=utils.now_epoch(),
        updated_at=now, outputs=None,
        node_values={'status': 'ACTIVE', 'status_reason': 'ok',
                     'updated_at': now}, events=())


class PreparedPlansTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        harness.use_postgresql(self)
        ctx = db_utils.make_context()
        self.node, self.create = db_utils.create_node(
            ctx, db_utils.create_profile(ctx).id)

    def plans(self, name):
        """(generic, custom) plans of ``name``, over the pool's connections.

        Every connection the pool holds is checked out at once, so each
        is asked.
        """
        engine = db_api.get_engine()
        held = [engine.connect() for _ in range(engine.pool.size())]
        generic = custom = 0
        try:
            for conn in held:
                for row in conn.execute(sa.text(
                        'SELECT generic_plans, custom_plans FROM '
                        'pg_prepared_statements WHERE name = :name'),
                        {'name': name}):
                    generic += row.generic_plans
                    custom += row.custom_plans
        finally:
            for conn in held:
                conn.close()
        return generic, custom

    def test_the_end_of_a_batch_runs_on_one_generic_plan(self):
        ends = [_end(utils.generate_uuid(), self.node.id)
                for _ in range(2)]
        for _ in range(RUNS):
            # Actions that are not RUNNING: the statement ends nothing.
            self.assertEqual(set(), action_ends.finish(ends))
        entry = prepared.compiled(
            action_ends._finish_statement(*ends[0].shape),
            db_api.get_engine().dialect)

        self.assertEqual((RUNS, 0), self.plans(entry.name))

    def test_a_generic_plan_still_ends_the_action(self):
        table = models.Action.__table__
        engine = db_api.get_engine()
        with engine.begin() as conn:
            conn.execute(table.update().where(
                table.c.id == self.create.id).values(
                    status='RUNNING', owner='engine-1'))
        # Plans made while nothing matched are used for the real end.
        for _ in range(RUNS):
            action_ends.finish([_end(utils.generate_uuid(), self.node.id)])

        ended = action_ends.finish([_end(self.create.id, self.node.id)])

        self.assertEqual({self.create.id}, ended)
        with engine.connect() as conn:
            action = conn.execute(table.select().where(
                table.c.id == self.create.id)).one()
            node = conn.execute(models.Node.__table__.select().where(
                models.Node.__table__.c.id == self.node.id)).one()
        self.assertEqual(('SUCCEEDED', None), (action.status, action.owner))
        self.assertEqual('ACTIVE', node.status)
