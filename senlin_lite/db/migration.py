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

"""Schema migrations through alembic (``senlin-lite-manage db sync``)."""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration

from senlin_lite.db import api as db_api

_INI = os.path.join(os.path.dirname(__file__), 'alembic.ini')


def _config(connection=None):
    config = alembic_config.Config(_INI)
    config.attributes['connection'] = connection
    return config


def upgrade(revision='head', engine=None):
    """Bring the configured database (or ``engine``'s) to ``revision``."""
    with (engine or db_api.get_engine()).begin() as connection:
        alembic_command.upgrade(_config(connection), revision)


def version():
    """The revision the database is at, or None if it has no schema."""
    with db_api.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def head():
    from alembic import script
    return script.ScriptDirectory.from_config(_config()).get_current_head()
