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

"""The PostgreSQL one-statement start and finish of an action.

The statements run against PostgreSQL in the daemon tests (every action
of test_node_actions and test_concurrency, whose start events are
compared with MariaDB's, built by the transaction); here they are
compiled for that dialect, and the choice between them and the
transactions is checked on SQLite.
"""

import datetime
from unittest import mock

from sqlalchemy.dialects import postgresql

from senlin_lite.common import context
from senlin_lite.db import api as db_api
from senlin_lite.db.api import action_ends
from senlin_lite.db.api import action_starts
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import events
from senlin_lite.db import models
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import test_api


def _sql(statement):
    return ' '.join(str(statement.compile(
        dialect=postgresql.psycopg2.dialect())).split())


class TestStartStatement(base.DBTestCase):

    def test_lock_and_event_come_from_the_claimed_rows(self):
        sql = _sql(engine_statements._start_statement(
            action_starts._CLAIM_MANY, True))
        self.assertTrue(sql.startswith(
            'WITH claimed AS (UPDATE action SET owner='), sql)
        # Every action listed, in one statement whatever their number.
        self.assertIn('WHERE action.id = ANY (%(claim_ids)s::VARCHAR(36)[])',
                      sql)
        self.assertIn('locked AS (UPDATE node SET lock_action_id=claimed.id'
                      ', lock_engine_id=%(lock_engine)s FROM claimed WHERE '
                      'node.id = claimed.target AND (claimed.control IS NULL'
                      ' OR claimed.control != ', sql)
        # A free lock, our own, or an action that takes it whoever holds
        # it (contract 3.7).
        self.assertIn('(node.lock_action_id IS NULL OR node.lock_action_id '
                      '= claimed.id OR claimed.action = %(action_2)s OR '
                      'claimed.action = %(action_3)s)', sql)
        self.assertIn('started AS (INSERT INTO event', sql)
        self.assertIn('FROM claimed JOIN node AS snap ON snap.id = '
                      'claimed.target', sql)
        # Each event takes the id given for its action.
        self.assertIn('unnest(%(claim_ids)s::VARCHAR(36)[], '
                      '%(ev_ids)s::VARCHAR(36)[])', sql)
        self.assertIn('JOIN event_ids ON claimed.id = event_ids.claim_ids',
                      sql)
        # Two actions of one node: the one the lock UPDATE chose holds it.
        self.assertIn('locked.lock_action_id = claimed.id AS locked', sql)
        self.assertIn('LEFT OUTER JOIN locked ON locked.id = claimed.target',
                      sql)
        # An operation's event names the operation, as node_event does.
        self.assertIn('THEN coalesce(CAST(claimed.inputs AS JSON) ->> ', sql)
        # The text is the same on every run (no expanding IN), so that
        # it can be prepared.
        self.assertNotIn('POSTCOMPILE', sql)

    def test_no_event_when_start_events_are_filtered_out(self):
        sql = _sql(engine_statements._start_statement(
            action_starts._CLAIM_MANY, False))
        self.assertNotIn('INSERT INTO event', sql)
        self.assertIn('locked AS (UPDATE node', sql)


class TestStartResult(base.DBTestCase):

    def _row(self, **values):
        mapping = {'a_' + col.name: None for col in models.Action.__table__.c}
        mapping.update({'n_' + col.name: None
                        for col in models.Node.__table__.c})
        mapping.update(a_id='a' * 36, a_target='n1', a_action='NODE_CHECK',
                       a_user='u1', a_project='p1', a_inputs={},
                       n_id='n1', n_name='web-1', n_lock_action_id='a' * 36,
                       locked=True)
        mapping.update(values)
        return mapping

    def _start(self, rows, ids=('a' * 36,), with_event=True):
        with mock.patch.object(engine_statements.one_statement,
                               'execute_all', return_value=rows) as execute:
            result = engine_statements.start(
                action_starts._CLAIM_MANY, {'claim_ids': list(ids)}, 'e1',
                with_event)
        return result, execute.call_args[0][1]

    def test_action_node_lock_and_the_event_written(self):
        [(action, node, locked, started)], params = self._start(
            [self._row()])
        self.assertEqual(('a' * 36, 'NODE_CHECK'), (action.id, action.action))
        self.assertEqual(('n1', 'web-1'), (node.id, node.name))
        self.assertTrue(locked)
        expected = dict(events.start_event(node, action),
                        id=params['ev_ids'][0],
                        timestamp=params['ev_timestamp'])
        self.assertEqual([expected], started)
        self.assertEqual(('web-1', 'start', 'aaaaaaaa'),
                         (expected['oname'], expected['status'],
                          expected['status_reason']))

    def test_each_action_its_event_id(self):
        ids = ('a' * 36, 'b' * 36, 'c' * 36)
        # 'b' was lost to another engine: it has no row.
        result, params = self._start(
            [self._row(a_id='c' * 36, a_target='n3', n_id='n3'),
             self._row()], ids)
        self.assertEqual(3, len(set(params['ev_ids'])))
        event_of = dict(zip(ids, params['ev_ids']))
        self.assertEqual(
            [('c' * 36, event_of['c' * 36]), ('a' * 36, event_of['a' * 36])],
            [(action.id, started[0]['id'])
             for action, _, _, started in result])

    def test_busy_lock(self):
        # Locked by another action; NULL, not false, when it holds the lock
        # outside of this statement.
        for locked in (False, None):
            [(_, node, held, started)], _ = self._start(
                [self._row(locked=locked, n_lock_action_id='other')])
            self.assertFalse(held)
            self.assertEqual('other', node.lock_action_id)
            self.assertEqual(1, len(started))

    def test_node_gone(self):
        [(_, node, locked, started)], _ = self._start(
            [self._row(n_id=None, locked=None)])
        self.assertEqual((None, False, []), (node, locked, started))

    def test_cancel_asked_before_the_claim(self):
        [(action, node, locked, started)], _ = self._start(
            [self._row(a_control='CANCEL', locked=None)])
        self.assertEqual(('n1', False, []), (node.id, locked, started))

    def test_no_event_when_filtered_out(self):
        [(_, _, locked, started)], _ = self._start([self._row()],
                                                   with_event=False)
        self.assertEqual((True, []), (locked, started))

    def test_claims_lost(self):
        self.assertEqual([], self._start([])[0])


class TestPathChoice(test_api.SubmitCase):
    """action_start and action_finish with the statements said usable."""

    def setUp(self):
        super().setUp()
        self.admin = context.get_admin_context()
        self.action = db_api.node_action_submit(
            self.ctx, self.node.id,
            lambda node: test_api.utils.action_values(self.ctx,
                                                      'NODE_CHECK'))
        patcher = mock.patch.object(engine_statements, 'usable',
                                    return_value=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_start_is_the_statement_alone(self):
        row = mock.Mock(id=self.action.id)
        del self.statements[:]
        with mock.patch.object(engine_statements, 'start',
                               return_value=[(row, 'node', True, [])]) as st:
            start = db_api.action_start(self.admin, self.action.id, 'e1',
                                        True)
        self.assertIs(row, start.action)
        self.assertTrue(start.locked)
        self.assertEqual(([self.action.id], 'e1'),
                         (st.call_args[0][1]['claim_ids'],
                          st.call_args[0][1]['claim_owner']))
        self.assertEqual([], self.statements)  # no transaction after it

    def test_several_started_by_one_statement(self):
        rows = [(mock.Mock(id='a1'), 'n1', True, []),
                (mock.Mock(id='a3'), 'n3', False, [])]
        with mock.patch.object(engine_statements, 'start',
                               return_value=rows) as st:
            started = db_api.actions_start(self.admin, ['a1', 'a2', 'a3'],
                                           'e1', True)
        st.assert_called_once()
        self.assertEqual(['a1', 'a2', 'a3'], st.call_args[0][1]['claim_ids'])
        self.assertEqual([('a1', True), ('a3', False)],
                         [(s.action.id, s.locked) for s in started])

    def test_the_finish_goes_to_the_statement(self):
        with mock.patch.object(engine_statements, 'usable',
                               return_value=False):
            start = db_api.action_start(self.admin, self.action.id, 'e1',
                                        True)
        with mock.patch.object(action_ends, 'finish',
                               side_effect=lambda ends: {
                                   ends[0].action_id}) as finish:
            self.assertTrue(db_api.action_finish(
                self.admin, start.action, 'SUCCEEDED', 'done',
                node_values={'status': 'ACTIVE'}, outputs={'k': 1}))
        [end] = finish.call_args[0][0]
        self.assertEqual(
            (self.action.id, 'e1', self.node.id, 'SUCCEEDED', 'done',
             {'k': 1}, 'ACTIVE'),
            (end.action_id, end.owner, end.node_id, end.status, end.reason,
             end.outputs, end.node_values['status']))
        # A new status stamps the node (contract 3.12).
        self.assertIsInstance(end.node_values['updated_at'],
                              datetime.datetime)

    def test_a_finish_that_wrote_nothing_goes_to_the_transaction(self):
        with mock.patch.object(engine_statements, 'usable',
                               return_value=False):
            start = db_api.action_start(self.admin, self.action.id, 'e1',
                                        True)
        # Cancelled by force while it ran: the statement ends nothing, the
        # transaction still writes the node's values and frees it.
        db_api.action_cancel(self.ctx, self.action.id, force=True)
        with mock.patch.object(action_ends, 'finish',
                               return_value=set()) as finish:
            self.assertTrue(db_api.action_finish(
                self.admin, start.action, 'SUCCEEDED', 'done',
                node_values={'status': 'WARNING'}))
        finish.assert_called_once()
        node = db_api.node_get(self.ctx, self.node.id)
        self.assertEqual(('WARNING', None, None),
                         (node.status, node.lock_action_id,
                          node.active_action_id))
        self.assertEqual('CANCELLED', db_api.action_get(
            self.ctx, self.action.id).status)
        self.assertIsInstance(node.updated_at, datetime.datetime)
