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

"""The migrations build exactly the models' schema on PostgreSQL and MariaDB.

oslo.db's ModelsMigrationsSync runs every migration on an empty database
of the test's own, then compares the result with the models (types
included). The SQLite twin of this test is in the unit tests
(``tests/unit/db/test_migrations.py``).
"""

from alembic import migration as alembic_migration
from oslo_db.sqlalchemy import test_migrations
import sqlalchemy as sa
import testtools

from senlin_lite.db import migration
from senlin_lite.db import models
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import harness


class _MigrationsSync(test_migrations.ModelsMigrationsSync):

    backend = None

    def setUp(self):
        super().setUp()
        url = harness.temp_database(self, self.backend)
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.addCleanup(self.engine.dispose)

    def get_engine(self):
        return self.engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        migration.upgrade(engine=engine)

    def test_upgrade_reaches_head(self):
        self.db_sync(self.engine)
        with self.engine.connect() as connection:
            context = alembic_migration.MigrationContext.configure(
                connection)
            self.assertEqual(migration.head(),
                             context.get_current_revision())
        # Upgrading again is a no-op.
        self.db_sync(self.engine)


class MigrationsPostgreSQLTest(_MigrationsSync, testtools.TestCase):
    backend = backends.POSTGRESQL


class MigrationsMariaDBTest(_MigrationsSync, testtools.TestCase):
    backend = backends.MYSQL
