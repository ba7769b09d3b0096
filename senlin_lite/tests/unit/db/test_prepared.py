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

"""Prepared statements: the PREPARE and EXECUTE texts, once per connection.

They run against PostgreSQL in the daemon tests (every action's submit,
start and finish); here the texts and the swap are checked.
"""

from unittest import mock

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from senlin_lite.db.api import prepared
from senlin_lite.db import models
from senlin_lite.tests import base


def _statement():
    table = models.Node.__table__
    return sa.update(table).where(
        table.c.id == sa.bindparam('node_id'),
        table.c.lock_action_id == sa.bindparam('holder')).values(
            lock_action_id=sa.bindparam('holder2'),
            status_reason=sa.bindparam('holder'))


class TestPrepared(base.TestCase):

    def setUp(self):
        super().setUp()
        self.statement = _statement()
        self.dialect = postgresql.psycopg2.dialect()
        prepared.remember(self.statement, self.dialect)
        self.text = str(self.statement.compile(dialect=self.dialect))

    def _swap(self, conn, statement, executemany=False):
        cursor = mock.Mock()
        params = {'node_id': 'n1', 'holder': 'a1', 'holder2': 'a2'}
        text, out = prepared._swap_for_execute(
            conn, cursor, statement, params, None, executemany)
        self.assertIs(params, out)
        return text, [c[0][0] for c in cursor.execute.call_args_list]

    def test_numbered_in_order_of_first_use(self):
        name, prepare, execute = prepared._BY_TEXT[self.text]
        self.assertEqual('PREPARE %s AS UPDATE node SET status_reason=$1, '
                         'lock_action_id=$2 WHERE node.id = $3 AND '
                         'node.lock_action_id = $1' % name, prepare)
        self.assertEqual('EXECUTE %s (%%(holder)s, %%(holder2)s, '
                         '%%(node_id)s)' % name, execute)

    def test_prepared_once_per_connection(self):
        name, prepare, execute = prepared._BY_TEXT[self.text]
        conn = mock.Mock(info={})
        self.assertEqual((execute, [prepare]), self._swap(conn, self.text))
        self.assertEqual((execute, []), self._swap(conn, self.text))
        # A new connection (or one that replaced a lost one: the pool
        # clears its info) prepares it again.
        self.assertEqual((execute, [prepare]),
                         self._swap(mock.Mock(info={}), self.text))

    def test_other_statements_pass_through(self):
        conn = mock.Mock(info={})
        self.assertEqual(('SELECT 1', []), self._swap(conn, 'SELECT 1'))
        self.assertEqual((self.text, []),
                         self._swap(conn, self.text, executemany=True))
        self.assertEqual({}, conn.info)

    def test_cast_param_types_a_select_list_value(self):
        column = models.Action.__table__.c.start_time
        sql = str(sa.select(prepared.cast_param(column, 'at')).compile(
            dialect=self.dialect))
        self.assertIn('CAST(%(at)s AS NUMERIC', sql)
