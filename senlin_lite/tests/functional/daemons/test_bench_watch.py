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

"""The benchmark's watch of actions in flight, on a real PostgreSQL.

On PostgreSQL it runs a statement prepared on a connection of its own;
it must tell the same actions apart as the plain query does elsewhere,
and keep finding them by primary key while the table grows under it.
"""

import sqlalchemy as sa
import testtools

from senlin_lite.bench import dbserver
from senlin_lite.bench import load
from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.db import api as db_api
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import harness
from senlin_lite.tests.unit.db import utils as db_utils


class DatabaseWatchTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.url = harness.temp_database(self, backends.POSTGRESQL)
        self.useFixture(senlin_fixtures.Database(self.url))
        self.ctx = db_utils.make_context()
        self.admin = context.get_admin_context()
        self.profile = db_utils.create_profile(self.ctx)

    def test_reports_the_ready_and_running_actions_only(self):
        ready, running, ended = [
            db_utils.create_node(self.ctx, self.profile.id,
                                 name='n%d' % index)[1]
            for index in range(3)]
        db_api.action_claim(self.admin, running.id, 'e0')
        finished = db_api.action_claim(self.admin, ended.id, 'e0')
        db_api.action_finish(self.admin, finished, consts.ACTION_SUCCEEDED,
                             'done', node_values={'status': 'ACTIVE'})
        watch = load.DatabaseWatch(self.url, 'bench')
        self.addCleanup(watch.close)
        ids = [ready.id, running.id, ended.id, 'no-such-action']
        self.assertEqual({ready.id, running.id}, watch(ids))
        # The prepared statement serves every later look.
        self.assertEqual({ready.id}, watch([ready.id, ended.id]))
        self.assertEqual(set(), watch([]))

    def test_looks_stay_on_the_primary_key_as_the_table_grows(self):
        # As in a benchmark run: the watch starts on a freshly vacuumed
        # table of a few rows, which then grows faster than autovacuum
        # analyzes it.
        actions = [db_utils.create_node(self.ctx, self.profile.id,
                                        name='n%d' % index)[1]
                   for index in range(3)]
        load.vacuum(self.url)
        watch = load.DatabaseWatch(self.url, 'bench')
        self.addCleanup(watch.close)
        ids = [action.id for action in actions]
        for _ in range(6):  # past PostgreSQL's five custom plans
            self.assertEqual(set(ids), watch(ids))
        engine = sa.create_engine(self.url)
        self.addCleanup(engine.dispose)
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO action (id, cluster_id, status, target) "
                "SELECT md5(n::text), '', 'SUCCEEDED', 'n' "
                "FROM generate_series(1, 20000) AS n"))
        self.assertEqual(set(ids), watch(ids))
        with watch._raw.cursor() as cursor:
            cursor.execute('EXPLAIN EXECUTE %s (%%s)' % watch.PREPARED,
                           (ids,))
            plan = '\n'.join(row[0] for row in cursor.fetchall())
        self.assertIn('action_pkey', plan)
        self.assertNotIn('Seq Scan', plan)


class ServerCPUTest(testtools.TestCase):
    """The database's CPU per action, read from its backends."""

    def setUp(self):
        super().setUp()
        self.url = harness.temp_database(self, backends.POSTGRESQL)
        self.useFixture(senlin_fixtures.Database(self.url))

    def test_counts_the_work_of_a_connected_backend(self):
        engine = sa.create_engine(self.url)
        self.addCleanup(engine.dispose)
        conn = engine.connect()
        self.addCleanup(conn.close)
        server = dbserver.ServerCPU.for_url(self.url)
        server.start()
        conn.execute(sa.text(
            'SELECT count(*) FROM generate_series(1, 3000000)')).scalar()
        # At least a tick of CPU was spent by that connection's backend.
        self.assertGreater(server.seconds(), 0.0)

    def test_the_load_generators_watch_is_left_out(self):
        watch = load.DatabaseWatch(self.url, 'bench')
        self.addCleanup(watch.close)
        self.assertIsNotNone(watch.backend_pid)
        self.assertIn(watch.backend_pid, dbserver.backend_pids(self.url))
        self.assertNotIn(watch.backend_pid, dbserver.backend_pids(
            self.url, exclude=[watch.backend_pid]))
