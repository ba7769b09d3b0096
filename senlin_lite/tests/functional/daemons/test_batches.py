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

"""Several actions started, and several ended, by one statement.

Against a real PostgreSQL database of the test's own: the statements
that claim a batch of actions and that end a batch (``engine_statements``,
``action_ends``) must leave each action, node and event as the one-action
transactions of MariaDB and SQLite do, including for the actions of a
batch that another engine took, or that share a node.
"""

import testtools

from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.db.api import action_ends
from senlin_lite.db.api import engine_statements
from senlin_lite.db import models
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import harness
from senlin_lite.tests.unit.db import utils as db_utils


class BatchStatementsTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        url = harness.temp_database(self, backends.POSTGRESQL)
        self.useFixture(senlin_fixtures.Database(url))
        self.assertTrue(engine_statements.usable())
        self.ctx = db_utils.make_context()
        self.admin = context.get_admin_context()
        self.profile = db_utils.create_profile(self.ctx)

    def node(self, name):
        node, create = db_utils.create_node(self.ctx, self.profile.id,
                                            name=name)
        claimed = db_api.action_claim(self.admin, create.id, 'e0')
        db_api.action_finish(self.admin, claimed, consts.ACTION_SUCCEEDED,
                             'done', node_values={'status': 'ACTIVE'})
        return node

    def action(self, node, name=consts.NODE_CHECK):
        return db_api.action_create_for_node(
            self.ctx, node.id, db_utils.action_values(self.ctx, name),
            exclusive=name not in consts.FORCED_LOCK_ACTIONS)

    def row(self, model, row_id):
        with db_api.get_engine().connect() as conn:
            table = model.__table__
            return conn.execute(table.select().where(
                table.c.id == row_id)).first()

    def start_events(self, node_id):
        with db_api.get_engine().connect() as conn:
            table = models.Event.__table__
            return conn.execute(table.select().where(
                table.c.oid == node_id,
                table.c.status == consts.EVENT_PHASE_START)).all()

    def test_one_statement_claims_what_is_still_ready(self):
        one, two = self.node('one'), self.node('two')
        check = self.action(one)
        taken = self.action(two)
        # Another engine was quicker for this one.
        self.assertIsNotNone(db_api.action_claim(self.admin, taken.id, 'e9'))
        started = db_api.actions_start(self.admin, [check.id, taken.id,
                                                    utils.generate_uuid()],
                                       'e1', True)
        self.assertEqual([check.id], [s.action.id for s in started])
        [start] = started
        self.assertTrue(start.locked)
        self.assertEqual((one.id, 'one'), (start.node.id, start.node.name))
        row = self.row(models.Action, check.id)
        self.assertEqual((consts.ACTION_RUNNING, 'e1'),
                         (row.status, row.owner))
        node = self.row(models.Node, one.id)
        self.assertEqual((check.id, 'e1'),
                         (node.lock_action_id, node.lock_engine_id))
        # The start event is the one reported, written once.
        [written] = self.start_events(one.id)
        self.assertEqual([written.id], [e['id'] for e in start.events])
        self.assertEqual(check.id[:8], written.status_reason)
        self.assertEqual('e9', self.row(models.Action, taken.id).owner)
        self.assertEqual([], self.start_events(two.id))

    def test_two_actions_of_one_node_in_one_claim(self):
        node = self.node('shared')
        check = self.action(node)
        delete = self.action(node, consts.NODE_DELETE)
        started = {s.action.id: s for s in db_api.actions_start(
            self.admin, [check.id, delete.id], 'e1', True)}
        self.assertEqual({check.id, delete.id}, set(started))
        holder = self.row(models.Node, node.id).lock_action_id
        # One of them holds the lock, and only that one thinks it does.
        self.assertIn(holder, started)
        self.assertEqual({holder}, {action_id for action_id, s in
                                    started.items() if s.locked})
        # Each has its start event, with an id of its own.
        self.assertEqual(2, len({e.id for e in self.start_events(node.id)}))

    def test_one_statement_ends_what_is_still_ours(self):
        nodes = [self.node('n%d' % index) for index in range(3)]
        actions = [self.action(node) for node in nodes]
        started = db_api.actions_start(self.admin,
                                       [a.id for a in actions], 'e1', True)
        self.assertEqual(3, len(started))
        # The last was taken over by another engine meanwhile.
        with db_api.get_engine().begin() as conn:
            table = models.Action.__table__
            conn.execute(table.update().where(
                table.c.id == actions[2].id).values(owner='e2'))
        ends = []
        for index, start in enumerate(sorted(
                started, key=lambda s: [a.id for a in actions].index(
                    s.action.id))):
            status = 'ACTIVE' if index else 'ERROR'
            ends.append(action_ends.Finish(
                start.action.id, 'e1', start.node.id,
                consts.ACTION_SUCCEEDED, 'Action completed successfully.',
                utils.now_epoch(), utils.utcnow(), {'checked': index},
                {'status': status, 'status_reason': 'checked %d' % index},
                tuple(db_api.node_event(start.node, start.action, 'INFO',
                                        consts.EVENT_PHASE_END, 'ok %d' % i)
                      for i in range(2))))
        self.assertEqual({actions[0].id, actions[1].id},
                         action_ends.finish(ends))
        for index in (0, 1):
            action = self.row(models.Action, actions[index].id)
            self.assertEqual((consts.ACTION_SUCCEEDED, None,
                              {'checked': index}),
                             (action.status, action.owner,
                              action.outputs))
            self.assertIsNotNone(action.end_time)
            node = self.row(models.Node, nodes[index].id)
            self.assertEqual(
                (('ACTIVE' if index else 'ERROR'), 'checked %d' % index,
                 None, None, None),
                (node.status, node.status_reason, node.lock_action_id,
                 node.lock_engine_id, node.active_action_id))
            self.assertEqual(['ok 0', 'ok 1'], self._end_reasons(
                nodes[index].id))
        # Nothing written for the action now another engine's.
        action = self.row(models.Action, actions[2].id)
        self.assertEqual((consts.ACTION_RUNNING, 'e2'),
                         (action.status, action.owner))
        node = self.row(models.Node, nodes[2].id)
        self.assertEqual((actions[2].id, 'ACTIVE'),
                         (node.lock_action_id, node.status))
        self.assertEqual([], self._end_reasons(nodes[2].id))

    def test_ends_written_together_by_concurrent_workers(self):
        nodes = [self.node('w%d' % index) for index in range(12)]
        actions = [self.action(node) for node in nodes]
        started = db_api.actions_start(self.admin,
                                       [a.id for a in actions], 'e1', True)

        def finish(start):
            return db_api.action_finish(
                self.admin, start.action, consts.ACTION_SUCCEEDED, 'done',
                node_values={'status': 'ACTIVE'},
                event_values=[db_api.node_event(
                    start.node, start.action, 'INFO',
                    consts.EVENT_PHASE_END, 'ok')])

        self.assertEqual([True] * 12,
                         harness.parallel(finish, started, workers=12))
        for action, node in zip(actions, nodes):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.row(models.Action, action.id).status)
            self.assertIsNone(self.row(models.Node, node.id).lock_action_id)
            self.assertEqual(['ok'], self._end_reasons(node.id))

    def _end_reasons(self, node_id):
        with db_api.get_engine().connect() as conn:
            table = models.Event.__table__
            rows = conn.execute(table.select().where(
                table.c.oid == node_id,
                table.c.status == consts.EVENT_PHASE_END).order_by(
                    table.c.status_reason)).all()
        return [row.status_reason for row in rows]
