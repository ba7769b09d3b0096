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
from senlin_lite.db.api import actions
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import events
from senlin_lite.db.api import node_locks
from senlin_lite.db import models
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import test_api


def _sql(statement):
    return ' '.join(str(statement.compile(
        dialect=postgresql.psycopg2.dialect())).split())


class TestStartStatement(base.DBTestCase):

    def test_lock_and_event_come_from_the_claimed_row(self):
        sql = _sql(engine_statements._start_statement(actions._CLAIM, True))
        self.assertTrue(sql.startswith(
            'WITH claimed AS (UPDATE action SET owner='), sql)
        self.assertIn('locked AS (UPDATE node SET lock_action_id=claimed.id'
                      ', lock_engine_id=%(lock_engine)s FROM claimed WHERE '
                      'node.id = claimed.target AND (claimed.control IS NULL'
                      ' OR claimed.control != ', sql)
        # A free lock, our own, or an action that takes it whoever holds
        # it (contract 3.7).
        self.assertIn('(node.lock_action_id IS NULL OR node.lock_action_id '
                      '= claimed.id OR claimed.action = %(action_1)s OR '
                      'claimed.action = %(action_2)s)', sql)
        self.assertIn('started AS (INSERT INTO event', sql)
        self.assertIn('FROM claimed JOIN node AS snap ON snap.id = '
                      'claimed.target', sql)
        # An operation's event names the operation, as node_event does.
        self.assertIn('THEN coalesce(CAST(claimed.inputs AS JSON) ->> ', sql)
        # The text is the same on every run (no expanding IN), so that
        # it can be prepared.
        self.assertNotIn('POSTCOMPILE', sql)

    def test_no_event_when_start_events_are_filtered_out(self):
        sql = _sql(engine_statements._start_statement(actions._CLAIM, False))
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
                       locked='n1', event='e1')
        mapping.update(values)
        return mapping

    def _start(self, row, with_event=True):
        with mock.patch.object(engine_statements.one_statement, 'execute',
                               return_value=row) as execute:
            result = engine_statements.start(actions._CLAIM,
                                             {'claim_id': 'a' * 36}, 'e1',
                                             with_event)
        return result, execute.call_args[0][1]

    def test_action_node_lock_and_the_event_written(self):
        (action, node, locked, started), params = self._start(self._row())
        self.assertEqual(('a' * 36, 'NODE_CHECK'), (action.id, action.action))
        self.assertEqual(('n1', 'web-1'), (node.id, node.name))
        self.assertTrue(locked)
        expected = dict(events.start_event(node, action),
                        id=params['ev_id'], timestamp=params['ev_timestamp'])
        self.assertEqual([expected], started)
        self.assertEqual(('web-1', 'start', 'aaaaaaaa'),
                         (expected['oname'], expected['status'],
                          expected['status_reason']))

    def test_busy_lock(self):
        (_, node, locked, started), _ = self._start(
            self._row(locked=None, n_lock_action_id='other'))
        self.assertFalse(locked)
        self.assertEqual('other', node.lock_action_id)
        self.assertEqual(1, len(started))

    def test_node_gone_or_cancel_asked(self):
        (_, node, locked, started), _ = self._start(
            self._row(n_id=None, locked=None, event=None))
        self.assertEqual((None, False, []), (node, locked, started))

    def test_claim_lost(self):
        self.assertIsNone(self._start(None)[0])


class TestFinishStatement(base.DBTestCase):

    def test_release_and_events_only_if_the_action_ended(self):
        release, _ = node_locks.release_statement('n1', 'a1',
                                                  {'status': 'ACTIVE'})
        keys = tuple(sorted(events.node_event(
            mock.Mock(id='n1', name='n', cluster_id=''),
            mock.Mock(id='a1', action='NODE_CHECK', inputs={}, user='u',
                      project='p'), 'INFO', 'end', 'ok')))
        sql = _sql(engine_statements._finish_statement(
            actions._finish_statement(False), release, (keys, keys)))
        ended = 'WHERE EXISTS (SELECT ended.id FROM ended)'
        self.assertTrue(sql.startswith(
            'WITH ended AS (UPDATE action SET owner='), sql)
        self.assertIn("RETURNING action.id), released AS (UPDATE node SET "
                      "status=%(release_status)s", sql)
        self.assertIn('AND (EXISTS (SELECT ended.id FROM ended)))', sql)
        self.assertIn('event0 AS (INSERT INTO event', sql)
        self.assertIn('event1 AS (INSERT INTO event', sql)
        self.assertEqual(2, sql.count(ended))
        self.assertTrue(sql.endswith('SELECT ended.id FROM ended'), sql)


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
                               return_value=(row, 'node', True, [])) as st:
            start = db_api.action_start(self.admin, self.action.id, 'e1',
                                        True)
        self.assertIs(row, start.action)
        self.assertTrue(start.locked)
        self.assertEqual((self.action.id, 'e1'),
                         (st.call_args[0][1]['claim_id'],
                          st.call_args[0][1]['claim_owner']))
        self.assertEqual([], self.statements)  # no transaction after it

    def test_a_finish_that_wrote_nothing_goes_to_the_transaction(self):
        with mock.patch.object(engine_statements, 'usable',
                               return_value=False):
            start = db_api.action_start(self.admin, self.action.id, 'e1',
                                        True)
        # Cancelled by force while it ran: the statement ends nothing, the
        # transaction still writes the node's values and frees it.
        db_api.action_cancel(self.ctx, self.action.id, force=True)
        with mock.patch.object(engine_statements, 'finish',
                               return_value=False) as finish:
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
