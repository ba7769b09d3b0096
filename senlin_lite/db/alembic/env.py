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

"""Alembic environment: runs on the connection senlin-lite-manage hands in."""

from alembic import context
import sqlalchemy as sa

from senlin_lite.db import models

target_metadata = models.Base.metadata


def run_migrations_online():
    connectable = context.config.attributes.get('connection')
    if connectable is None:
        from senlin_lite.db import api as db_api
        connectable = db_api.get_engine()
    if isinstance(connectable, sa.engine.Engine):
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection):
    context.configure(connection=connection,
                      target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
