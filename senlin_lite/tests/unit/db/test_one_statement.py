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

"""The PostgreSQL one-statement submit: when it is used, what it sends.

The statement itself runs against PostgreSQL in the daemon tests (the
racing requests of test_concurrency); here it is compiled for that
dialect and the choice between it and the transaction is checked.
"""

import re
import types
from unittest import mock

from sqlalchemy.dialects import postgresql

from senlin_lite.common import context
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.db.api import nodes
from senlin_lite.db.api import one_statement
from senlin_lite.db import models
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import test_api
from senlin_lite.tests.unit.db import utils


def _on(dialect_name):
    engine = mock.Mock()
    engine.dialect.name = dialect_name
    return mock.patch.object(one_statement._base, 'get_engine',
                             return_value=engine)


class TestUsable(base.DBTestCase):

    def test_postgresql_and_a_project_scoped_caller(self):
        with _on('postgresql'):
            self.assertTrue(one_statement.usable(utils.make_context()))

    def test_not_for_admins(self):
        # An admin may act on another project's node, whose project the
        # stored context needs: only the transaction reads it.
        with _on('postgresql'):
            self.assertFalse(one_statement.usable(
                context.get_admin_context()))

    def test_not_on_other_databases(self):
        self.assertFalse(one_statement.usable(utils.make_context()))
        with _on('mysql'):
            self.assertFalse(one_statement.usable(utils.make_context()))


class TestStatement(base.DBTestCase):

    def _sql(self, exclusive):
        row = nodes._new_action({'action': 'NODE_CHECK'}, target='n1')
        statement = one_statement._statement(
            tuple(sorted(row)), exclusive, nodes._take_slot_statement)
        sql = str(statement.compile(dialect=postgresql.dialect()))
        # Without the casts some versions of the dialect add.
        return re.sub(r'::(VARCHAR|INTEGER|TIMESTAMP WITHOUT TIME ZONE)',
                      '', ' '.join(sql.split()))

    def test_insert_only_from_the_slot_update(self):
        sql = self._sql(exclusive=True)
        self.assertTrue(sql.startswith(
            'WITH slot AS (UPDATE node SET active_action_id='), sql)
        self.assertIn('WHERE node.id = %(find_id)s AND (node.project || ', sql)
        self.assertIn(') = %(find_project)s AND node.active_action_id IS '
                      'NULL AND node.lock_action_id IS NULL RETURNING', sql)
        self.assertIn(') INSERT INTO action (', sql)
        self.assertTrue(sql.endswith('FROM slot RETURNING action.id'), sql)
        columns = {c.key for c in models.Action.__table__.columns}
        for key in columns:
            self.assertIn('%%(act_%s)s' % key, sql)

    def test_non_exclusive_takes_a_busy_slot(self):
        sql = self._sql(exclusive=False)
        self.assertNotIn('active_action_id IS NULL', sql)
        self.assertNotIn('lock_action_id IS NULL', sql)


class TestSubmitPath(test_api.SubmitCase):
    """node_action_submit with the one-statement path said usable."""

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(one_statement, 'usable',
                                    return_value=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_the_statement_alone_queues_the_action(self):
        def insert(row, node_id, project, exclusive, slot_statement):
            self.assertEqual((self.node.id, self.ctx.project_id, True),
                             (node_id, project, exclusive))
            self.assertEqual((self.node.id, 'READY', 'NODE_CHECK'),
                             (row['target'], row['status'], row['action']))
            return types.SimpleNamespace(**row)

        with mock.patch.object(one_statement, 'submit', side_effect=insert):
            action = self._submit()

        self.assertEqual('NODE_CHECK', action.action)
        self.assertEqual([], self.statements)  # no transaction after it

    def test_nothing_written_falls_back_to_the_transaction(self):
        with mock.patch.object(one_statement, 'submit', return_value=None):
            action = self._submit()
            self.assertEqual(action.id, db_api.node_get(
                self.ctx, self.node.id).active_action_id)
            # The node is busy now: the transaction names the conflict.
            exc = self.assertRaises(exception.ActionConflict, self._submit)
        self.assertIn(action.id, str(exc))
