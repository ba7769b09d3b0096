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

"""A node action queued by one PostgreSQL statement, outside a transaction.

The usual submit is a transaction of four round trips after the pool's
ping: BEGIN, the slot UPDATE, the action INSERT, COMMIT. Under load each
round trip waits for the database backend and then for the GIL, and the
transaction was most of a request's time (median 15-18 ms of 22 ms in
the API's own measure). PostgreSQL runs a data-modifying CTE as one
statement, and one statement in autocommit mode is its own transaction,
as atomic as the four: the action row is inserted only if the slot
UPDATE took the node, and neither is kept without the other.

Only the common case takes this path: a PostgreSQL database, a node
named by its id, a caller confined to its own project (so the node's
project, which the action's stored context needs, is the caller's).
When the statement inserts nothing (no such node, or its slot is taken)
the caller runs the usual transaction, which tells the cases apart and
raises the contract's error.
"""

import functools
import types

import sqlalchemy as sa

from senlin_lite.db.api import _base
from senlin_lite.db.api import prepared
from senlin_lite.db import models


def usable(context):
    """Whether a submit for ``context`` can take this path."""
    return not context.is_admin and on_postgresql()


def on_postgresql():
    return _base.get_engine().dialect.name == 'postgresql'


def execute(statement, params, conn=None):
    """Run ``statement`` as a transaction of its own; its first row.

    The row is a dict keyed by column name, or None.
    """
    rows = execute_all(statement, params, conn)
    return rows[0] if rows else None


def execute_all(statement, params, conn=None):
    """Run ``statement`` as a transaction of its own; all its rows.

    Each row is a dict keyed by column name. The statement runs on
    ``conn`` if given, else on a connection of the pool. It is prepared
    on the connection the first time it runs there and then run on the
    driver's cursor (``prepared``).
    """
    if conn is not None:
        return _autocommitted(conn, statement, params)
    with _base.get_engine().connect() as conn:
        return _autocommitted(conn, statement, params)


def _autocommitted(conn, statement, params):
    # psycopg2's own autocommit switch, as SQLAlchemy's ping uses it: the
    # isolation_level execution option would add two SET statements.
    driver = conn.connection.dbapi_connection
    driver.autocommit = True
    try:
        return prepared.rows(conn, statement, params)
    finally:
        if not driver.closed:
            driver.autocommit = False


def submit(row, node_id, project, exclusive, slot_statement, conn=None):
    """Insert the complete action ``row`` if the node's slot is free.

    ``slot_statement(scoped, exclusive)`` is the node UPDATE that takes
    the slot (parameters ``find_id``, ``find_project``, ``slot_action``)
    and returns the node's id. Returns the action as a read-only row (its
    columns as attributes; building the model instead cost a POST about
    40 microseconds), or None if nothing was written. ``conn``: as
    ``execute_all``.
    """
    params = {'act_%s' % key: value for key, value in row.items()}
    params.update(find_id=node_id, find_project=project,
                  slot_action=row['id'])
    inserted = execute(
        _statement(tuple(sorted(row)), exclusive, slot_statement), params,
        conn)
    if inserted is None:
        return None
    return types.SimpleNamespace(**row)


@functools.lru_cache(maxsize=4)
def _statement(keys, exclusive, slot_statement):
    """INSERT INTO action ... SELECT ... FROM (the slot UPDATE)."""
    table = models.Action.__table__
    slot = slot_statement(True, exclusive).cte('slot')
    values = [prepared.cast_param(table.c[key], 'act_%s' % key)
              for key in keys]
    return sa.insert(table).from_select(
        [table.c[key] for key in keys],
        sa.select(*values).select_from(slot)).returning(table.c.id)
