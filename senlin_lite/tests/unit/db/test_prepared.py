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
start and finish); here the texts, the values sent and the rows read are
checked, and what happens when the driver refuses a statement.
"""

import collections
import decimal
from unittest import mock

import psycopg2
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from senlin_lite.db.api import prepared
from senlin_lite.db import models
from senlin_lite.tests import base

_ACTION = models.Action.__table__


def _statement():
    return sa.update(_ACTION).where(
        _ACTION.c.id == sa.bindparam('action_id'),
        _ACTION.c.owner == sa.bindparam('engine'),
        _ACTION.c.status != 'CANCELLED').values(
            owner=sa.bindparam('new_engine'),
            data=prepared.cast_param(_ACTION.c.data, 'data'),
    ).returning(_ACTION.c.id, _ACTION.c.data, _ACTION.c.start_time)


PARAMS = {'action_id': 'a1', 'engine': 'e1', 'new_engine': 'e2',
          'data': {'k': 1}}


# What psycopg2 describes for the statement's columns: two TEXT, one
# NUMERIC (type codes 25 and 1700).
DESCRIPTION = [collections.namedtuple('Column', 'name type_code')(*column)
               for column in (('id', 25), ('data', 25), ('start_time', 1700))]


class FakeCursor:
    """A DB-API cursor replying ``reply`` (or raising ``error``)."""

    description = DESCRIPTION

    def __init__(self, reply=None, error=None):
        self.reply, self.error = reply, error
        self.executed = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, values=None):
        self.executed.append((sql, values))
        if self.error is not None and sql.startswith('EXECUTE'):
            raise self.error

    def fetchall(self):
        return [] if self.reply is None else [self.reply]


def _connection(cursor, info=None):
    conn = mock.Mock(dialect=postgresql.psycopg2.dialect(),
                     info={} if info is None else info)
    conn.dialect.loaded_dbapi = psycopg2
    conn.connection.dbapi_connection.cursor.return_value = cursor
    return conn


class TestCompiled(base.TestCase):

    def setUp(self):
        super().setUp()
        self.entry = prepared.Compiled(_statement(),
                                       postgresql.psycopg2.dialect())

    def test_numbered_in_order_of_first_use(self):
        name = self.entry.name
        self.assertTrue(name.startswith('senlin_lite_'))
        self.assertEqual(
            'PREPARE %s AS UPDATE action SET owner=$1, data=CAST($2 AS '
            'TEXT) WHERE action.id = $3 AND action.owner = $4 AND '
            'action.status != $5 RETURNING action.id, action.data, '
            'action.start_time' % name, self.entry.prepare)
        self.assertEqual('EXECUTE %s (%%s, %%s, %%s, %%s, %%s)' % name,
                         self.entry.execute)

    def test_values_typed_and_constants_filled_in(self):
        # JSON encoded by the column's type; the constant of the WHERE
        # clause comes from the statement itself.
        self.assertEqual(('e2', '{"k":1}', 'a1', 'e1', 'CANCELLED'),
                         self.entry.values(PARAMS))

    def test_row_read_with_the_column_types(self):
        row = self.entry.row(('n1', '{"k": 1}', decimal.Decimal('1.5')),
                             DESCRIPTION)
        self.assertEqual({'id': 'n1', 'data': {'k': 1}, 'start_time': 1.5},
                         row)
        self.assertIsInstance(row['start_time'], float)

    def test_cast_param_types_a_select_list_value(self):
        column = models.Action.__table__.c.start_time
        sql = str(sa.select(prepared.cast_param(column, 'at')).compile(
            dialect=postgresql.psycopg2.dialect()))
        self.assertIn('CAST(%(at)s AS NUMERIC', sql)


class TestRows(base.TestCase):

    def setUp(self):
        super().setUp()
        self.statement = _statement()
        self.entry = prepared.compiled(self.statement,
                                       postgresql.psycopg2.dialect())

    def test_prepared_once_per_connection(self):
        cursor = FakeCursor(reply=('n1', '{}', None))
        conn = _connection(cursor)
        self.assertEqual([{'id': 'n1', 'data': {}, 'start_time': None}],
                         prepared.rows(conn, self.statement, PARAMS))
        prepared.rows(conn, self.statement, PARAMS)
        self.assertEqual([self.entry.prepare, self.entry.execute,
                          self.entry.execute],
                         [sql for sql, _ in cursor.executed])
        # A new connection (or one that replaced a lost one: the pool
        # clears its info) prepares it again.
        other = FakeCursor(reply=None)
        self.assertEqual([], prepared.rows(_connection(other),
                                           self.statement, PARAMS))
        self.assertEqual(self.entry.prepare, other.executed[0][0])
        conn.execute.assert_not_called()

    def test_a_refused_statement_runs_again_through_sqlalchemy(self):
        # Its errors are then oslo.db's, and a broken connection leaves
        # the pool; here it succeeds.
        cursor = FakeCursor(error=psycopg2.OperationalError('gone'))
        conn = _connection(cursor)
        conn.execute.return_value = [mock.Mock(_mapping={'id': 'n1'}),
                                     mock.Mock(_mapping={'id': 'n2'})]
        self.assertEqual([{'id': 'n1'}, {'id': 'n2'}],
                         prepared.rows(conn, self.statement, PARAMS))
        conn.execute.assert_called_once_with(self.statement, PARAMS)
        # Prepared again on its next use, in case it was what failed.
        self.assertEqual(set(), conn.info[prepared._INFO_KEY])

    def test_errors_of_the_second_run_are_raised(self):
        cursor = FakeCursor(error=psycopg2.OperationalError('gone'))
        conn = _connection(cursor)
        conn.execute.side_effect = sa.exc.OperationalError('x', {}, None)
        self.assertRaises(sa.exc.OperationalError, prepared.rows,
                          conn, self.statement, PARAMS)
