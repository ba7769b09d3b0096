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

"""The PostgreSQL statement that ends several actions, and its batches.

The statement runs against PostgreSQL in the daemon tests (every action
of test_node_actions and test_concurrency, and test_batches); here its
text, the lists of values it is given and how ends are grouped into
statements are checked.
"""

from unittest import mock

from oslo_db import exception as db_exc
from sqlalchemy.dialects import postgresql

from senlin_lite.db.api import action_ends
from senlin_lite.db.api import events
from senlin_lite.tests import base

EVENT_KEYS = tuple(sorted(events.node_event(
    mock.Mock(id='n1', name='n', cluster_id=''),
    mock.Mock(id='a1', action='NODE_CHECK', inputs={}, user='u',
              project='p'), 'INFO', 'end', 'ok')))


def _sql(statement):
    return ' '.join(str(statement.compile(
        dialect=postgresql.psycopg2.dialect())).split())


def _end(action_id, node_id, status='ACTIVE', events_=1, outputs=None):
    return action_ends.Finish(
        action_id, 'e1', node_id, 'SUCCEEDED', 'done', 1.5, 'now', outputs,
        {'status': status}, tuple({key: '%s-%s' % (key, index)
                                   for key in EVENT_KEYS}
                                  for index in range(events_)))


class TestFinishStatement(base.TestCase):

    def test_release_and_events_only_of_the_actions_ended(self):
        sql = _sql(action_ends._finish_statement(
            False, ('status', 'updated_at'), (EVENT_KEYS, EVENT_KEYS)))
        # The lists of values, side by side.
        self.assertTrue(sql.startswith(
            'WITH given AS (SELECT given_rows.end_id AS end_id'), sql)
        self.assertIn('FROM unnest(%(end_id)s::VARCHAR(36)[], '
                      '%(end_owner)s::VARCHAR(36)[]', sql)
        # Only an action still RUNNING for its claimer is ended.
        self.assertIn('ended AS (UPDATE action SET owner=%(param_1)s, '
                      'end_time=given.end_at, status=given.end_status, '
                      'status_reason=given.end_reason, '
                      'updated_at=given.end_updated FROM given WHERE '
                      'action.id = given.end_id AND (action.status || ', sql)
        self.assertIn('(action.owner || %(owner_1)s) = given.end_owner '
                      'RETURNING action.id)', sql)
        # Its node's values and release, only if it was ended.
        self.assertIn('released AS (UPDATE node SET ', sql)
        self.assertIn('status=given.node_status', sql)
        self.assertIn('updated_at=given.node_updated_at', sql)
        self.assertIn('lock_action_id=CASE WHEN (node.lock_action_id = '
                      'given.end_id) THEN NULL ELSE node.lock_action_id END',
                      sql)
        self.assertIn('FROM given, ended WHERE node.id = given.node_id AND '
                      'ended.id = given.end_id)', sql)
        # And its events.
        for index in (0, 1):
            self.assertIn('event%d AS (INSERT INTO event' % index, sql)
            self.assertIn('FROM event{0}_given, ended WHERE ended.id = '
                          'event{0}_given.ev{0}__action'.format(index), sql)
        self.assertTrue(sql.endswith('SELECT ended.id FROM ended'), sql)
        self.assertNotIn('POSTCOMPILE', sql)

    def test_outputs_written_when_given(self):
        sql = _sql(action_ends._finish_statement(True, (), ()))
        self.assertIn('outputs=given.end_outputs', sql)
        self.assertNotIn('INSERT INTO event', sql)

    def test_values_given_as_lists(self):
        ends = [_end('a1', 'n1', 'ACTIVE'), _end('a2', 'n2', 'ERROR')]
        with mock.patch.object(action_ends.one_statement, 'execute_all',
                               return_value=[{'id': 'a2'}]) as execute:
            self.assertEqual({'a2'}, action_ends.finish(ends))
        params = execute.call_args[0][1]
        self.assertEqual(['a1', 'a2'], params['end_id'])
        self.assertEqual(['n1', 'n2'], params['node_id'])
        self.assertEqual(['ACTIVE', 'ERROR'], params['node_status'])
        self.assertEqual(['a1', 'a2'], params['ev0__action'])
        self.assertEqual(['id-0', 'id-0'], params['ev0_id'])
        self.assertNotIn('end_outputs', params)


class TestWriteTogether(base.TestCase):

    def setUp(self):
        super().setUp()
        self.statements = []
        self.failing = set()
        patcher = mock.patch.object(action_ends, 'finish',
                                    side_effect=self._finish)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _finish(self, ends):
        self.statements.append([end.action_id for end in ends])
        if self.failing & {end.action_id for end in ends}:
            raise db_exc.DBError(ValueError('bad value'))
        return {end.action_id for end in ends if end.action_id != 'lost'}

    def test_one_statement_per_shape(self):
        ends = [_end('a1', 'n1'), _end('a2', 'n2', events_=2),
                _end('a3', 'n3'), _end('a4', 'n4', outputs={'k': 1})]
        self.assertEqual([True] * 4, action_ends._write_together(ends))
        self.assertEqual(sorted([['a1', 'a3'], ['a2'], ['a4']]),
                         sorted(self.statements))

    def test_two_ends_of_one_node_in_turn(self):
        ends = [_end('a1', 'n1'), _end('a2', 'n1'), _end('a3', 'n2')]
        action_ends._write_together(ends)
        self.assertEqual([['a1', 'a3'], ['a2']], self.statements)

    def test_an_action_not_ended_is_told_so(self):
        ends = [_end('a1', 'n1'), _end('lost', 'n2')]
        self.assertEqual([True, False], action_ends._write_together(ends))

    def test_a_bad_end_does_not_fail_the_others(self):
        self.failing = {'a2'}
        ends = [_end('a1', 'n1'), _end('a2', 'n2'), _end('a3', 'n3')]
        results = action_ends._write_together(ends)
        self.assertEqual([True, True], [results[0], results[2]])
        self.assertIsInstance(results[1], db_exc.DBError)
        # The batch, then each end alone.
        self.assertEqual([['a1', 'a2', 'a3'], ['a1'], ['a2'], ['a3']],
                         self.statements)

    def test_an_unreachable_database_fails_every_end_at_once(self):
        ends = [_end('a1', 'n1'), _end('a2', 'n2')]
        with mock.patch.object(action_ends, 'finish',
                               side_effect=db_exc.DBConnectionError('gone')):
            results = action_ends._write_together(ends)
        self.assertEqual(2, len(results))
        for result in results:
            self.assertIsInstance(result, db_exc.DBConnectionError)
