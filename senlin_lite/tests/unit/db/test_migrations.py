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

"""The alembic migrations produce exactly the models' schema."""

from alembic import autogenerate
from alembic import migration as alembic_migration

from senlin_lite.db import api as db_api
from senlin_lite.db import migration
from senlin_lite.db import models
from senlin_lite.tests import base


class TestMigrationsSQLite(base.DBTestCase):
    """DBTestCase has already run every migration on a new database."""

    def test_version_is_head(self):
        self.assertEqual(migration.head(), migration.version())

    def test_models_match_migrations(self):
        with db_api.get_engine().connect() as connection:
            context = alembic_migration.MigrationContext.configure(
                connection, opts={'compare_type': True})
            diff = autogenerate.compare_metadata(context,
                                                 models.Base.metadata)
        self.assertEqual([], diff)
