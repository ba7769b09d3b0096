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

"""An API process's pool, warmed up before it serves (PostgreSQL).

Each connection must have the node action submit prepared, and nothing
may have been written.
"""

import sqlalchemy as sa
import testtools

from senlin_lite.api import node_actions
from senlin_lite.db import api as db_api
from senlin_lite.db import models
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import harness
from senlin_lite.tests.unit.db import utils as db_utils


def _count(conn, model):
    return conn.execute(sa.select(sa.func.count()).select_from(
        model.__table__)).scalar()


class WarmUpTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(senlin_fixtures.Config())
        url = harness.temp_database(self, backends.POSTGRESQL)
        self.useFixture(senlin_fixtures.Database(url))
        ctx = db_utils.make_context()
        self.node, _create = db_utils.create_node(
            ctx, db_utils.create_profile(ctx).id)

    def node_row(self, conn):
        table = models.Node.__table__
        return conn.execute(table.select().where(
            table.c.id == self.node.id)).first()

    def test_every_connection_has_the_submit_prepared(self):
        engine = db_api.get_engine()
        with engine.connect() as conn:
            actions_before = _count(conn, models.Action)
            node_before = self.node_row(conn)

        opened = db_api.fill_pool(warm_up=node_actions.warm_up)

        self.assertEqual(engine.pool.size(), opened)
        held = [engine.connect() for _ in range(opened)]
        try:
            for conn in held:
                names = conn.execute(sa.text(
                    'SELECT name FROM pg_prepared_statements')).scalars()
                self.assertEqual(1, len([n for n in names
                                         if n.startswith('senlin_lite_')]))
            self.assertEqual(actions_before, _count(held[0], models.Action))
            self.assertEqual(node_before, self.node_row(held[0]))
        finally:
            for conn in held:
                conn.close()
