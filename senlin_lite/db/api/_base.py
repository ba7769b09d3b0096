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

"""Sessions, SQLite tuning, identity lookup and pagination.

Every query of senlin_lite lives in this package; callers import
``senlin_lite.db.api`` only.
"""

import sqlite3

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import utils as sqlalchemyutils
from oslo_log import log as logging
import sqlalchemy as sa
from sqlalchemy import event as sa_event

from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db.api import pool_ping

LOG = logging.getLogger(__name__)

# Settings of oslo.db's transaction factory that are not [database]
# options. thread_checkin: oslo.db sleeps 0 seconds at every connection
# check-in so that eventlet can switch green threads; senlin_lite runs
# native threads (no eventlet), where that sleep only hands the GIL to
# another thread at the end of every transaction.
FACTORY_SETTINGS = {'thread_checkin': False}
enginefacade.configure(**FACTORY_SETTINGS)

reader = enginefacade.reader
writer = enginefacade.writer
# A writer transaction on a bare connection: no ORM Session is built,
# which cost an engine about a tenth of its CPU per action. Functions
# under it run Core statements only, through ``core(context)``.
core_writer = enginefacade.writer.connection
core_reader = enginefacade.reader.connection

# Deadlocks and lost connections are retried; SQLite's "database is locked"
# is covered by its busy timeout below.
retry = oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                                  retry_interval=0.1, inc_retry_interval=True)

SQLITE_BUSY_TIMEOUT_MS = 30000


@sa_event.listens_for(sa.engine.Engine, 'connect')
def _sqlite_on_connect(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Transactions are opened by the "begin" listener below, not pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA busy_timeout = %d' % SQLITE_BUSY_TIMEOUT_MS)
    cursor.execute('PRAGMA foreign_keys = ON')
    try:
        cursor.execute('PRAGMA journal_mode = WAL')
    except sqlite3.OperationalError:
        pass  # an in-memory database has no WAL; nothing to do
    cursor.close()


@sa_event.listens_for(sa.engine.Engine, 'begin')
def _sqlite_on_begin(conn):
    if conn.dialect.name != 'sqlite':
        return
    # A deferred transaction that reads and then writes fails at once with
    # SQLITE_BUSY when another writer committed in between; IMMEDIATE
    # waits for the lock (busy_timeout) instead. Short transactions keep
    # the cost of serialising readers small.
    # oslo.db's own listener emits a plain BEGIN unless it sees this mark.
    if 'in_transaction' not in conn.info:
        conn.exec_driver_sql('BEGIN IMMEDIATE')
        conn.info['in_transaction'] = True


# PostgreSQL SQLSTATE classes of "cannot serve you now": connection
# exception, operator intervention (shutdown, starting up), insufficient
# resources (too many connections).
_PG_UNAVAILABLE_CLASSES = ('08', '57', '53')
_PG_QUERY_CANCELED = '57014'
# MySQL/MariaDB: too many connections, shutdown in progress, connection
# killed, and the client's "cannot connect"/"gone away"/"lost" codes.
_MYSQL_UNAVAILABLE_CODES = frozenset((1040, 1053, 1927, 2002, 2003, 2006,
                                      2013, 2055))


def _driver_unavailable(exc):
    """Whether a DB-API driver exception means "server unreachable"."""
    module = type(exc).__module__.split('.')[0]
    name = type(exc).__name__
    if module == 'psycopg2':
        if name == 'InterfaceError':
            return True
        code = getattr(exc, 'pgcode', None)
        if getattr(exc, 'pgerror', None) is None and code is None:
            # Raised by libpq itself: the connection failed or broke.
            return _is_operational(exc)
        return (code is not None and code != _PG_QUERY_CANCELED and
                code[:2] in _PG_UNAVAILABLE_CLASSES)
    if module == 'pymysql':
        if name == 'InterfaceError':
            return True
        args = getattr(exc, 'args', ())
        return bool(args) and args[0] in _MYSQL_UNAVAILABLE_CODES
    return False


def _is_operational(exc):
    return any(cls.__name__ == 'OperationalError'
               for cls in type(exc).__mro__)


def is_unavailable(exc):
    """True if ``exc`` means the database cannot be reached right now.

    oslo.db turns most of these into DBConnectionError, but not all: a
    refused connection to PostgreSQL (libpq's current wording), a server
    starting up or shutting down and a pool timeout arrive as plain
    SQLAlchemy errors. Callers answer 503 (API) or retry later (engine)
    instead of treating them as a failed request.
    """
    seen = set()
    # oslo.db's DBError may carry a message as its inner exception.
    while isinstance(exc, BaseException) and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (db_exc.DBConnectionError, sa.exc.TimeoutError)):
            return True
        if (isinstance(exc, sa.exc.DBAPIError) and
                exc.connection_invalidated):
            return True
        if _driver_unavailable(exc):
            return True
        exc = (getattr(exc, 'inner_exception', None) or
               getattr(exc, 'orig', None) or exc.__cause__)
    return False


def update_returning():
    """Whether the database can return the rows an UPDATE changed."""
    return get_engine().dialect.update_returning


def get_engine():
    return enginefacade.writer.get_engine()


def dispose():
    """Forget pooled connections (tests and forked workers)."""
    enginefacade.writer.get_engine().dispose()


def fill_pool(warm_up=None):
    """Open every connection of the pool now; returns how many are open.

    Otherwise a new process opens them during its first burst of
    requests, each request paying for a connection (several round trips
    and an authentication) while the burst waits for the CPU: the first
    50 requests of a fresh API took about a second each. If the
    database cannot be reached the process starts anyway; requests then
    get the usual 503 until it is back. From then on the pool pings only
    the connections that sat idle (``pool_ping``).

    ``warm_up(connection)``, if given, runs on each connection while all
    are checked out, so that each gets it once; what it raises is logged
    and the process goes on, as it would with a cold connection.
    """
    engine = get_engine()
    if not isinstance(engine.pool, sa.pool.QueuePool):
        return 0  # e.g. SQLite in memory: one connection per thread
    pool_ping.ping_only_idle(engine)
    connections = []
    try:
        for _ in range(engine.pool.size()):
            connections.append(engine.connect())
        if warm_up is not None:
            for connection in connections:
                _warm(warm_up, connection)
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        LOG.warning('Could not open the database connection pool (%s); '
                    'connections will be opened on first use', exc)
    finally:
        for connection in connections:
            connection.close()
    return len(connections)


def _warm(warm_up, connection):
    try:
        warm_up(connection)
    except Exception:
        LOG.warning('Could not warm a database connection up; its first '
                    'request will be slower', exc_info=True)


def scoped(query, model, context, project_safe=True):
    """Restrict a query to the caller's project unless the caller is admin.

    Admins see every project whatever ``global_project`` says (contract 1.8).
    """
    if project_safe and not context.is_admin:
        query = query.filter(model.project == context.project_id)
    return query


def find(context, model, type_name, identity, project_safe=True,
         by_name=True):
    """Look an object up by id, name or short id (contract 1.9)."""
    query = scoped(context.session.query(model), model, context,
                   project_safe)
    if utils.is_uuid_like(identity):
        obj = query.filter(model.id == identity).first()
        if obj is not None:
            return obj
    candidates = _by_name(query, model, identity) if by_name else []
    if not candidates and not (by_name and utils.is_uuid_like(identity)):
        candidates = query.filter(
            model.id.startswith(identity, autoescape=True)).limit(2).all()
    if len(candidates) > 1:
        raise exception.MultipleChoices(arg=identity)
    if not candidates:
        raise exception.ResourceNotFound(type=type_name, id=identity)
    return candidates[0]


def _by_name(query, model, name):
    return query.filter(model.name == name).limit(2).all()


def paginate(context, query, model, limit=None, marker=None, sort=None,
             default_keys=('created_at',)):
    """Apply marker, sort and limit as contract 1.8 describes.

    ``sort`` is a list of (key, dir) already validated by the API. An
    unknown marker is ignored: the first page is returned.
    """
    keys, dirs = [], []
    for key, direction in (sort or [(k, 'asc') for k in default_keys]):
        keys.append(key)
        dirs.append('asc-nullsfirst' if direction == 'asc'
                    else 'desc-nullslast')
    keys.append('id')
    dirs.append('asc')
    marker_obj = None
    if marker is not None:
        marker_obj = context.session.query(model).filter(
            model.id == marker).first()
    return sqlalchemyutils.paginate_query(
        query, model, limit, keys, marker=marker_obj, sort_dirs=dirs)


def filter_in(query, model, filters):
    """Exact-match filters; a list value means SQL IN (contract 1.8)."""
    for key, value in (filters or {}).items():
        column = getattr(model, key)
        if isinstance(value, (list, tuple, set)):
            query = query.filter(column.in_(list(value)))
        else:
            query = query.filter(column == value)
    return query


def param(column, name):
    """A bound parameter typed like ``column``, for prebuilt statements.

    Building a Core statement costs several times more CPU than running
    it, so the statements of every action's hot path are built once with
    named parameters. ``name`` must not be a column name (SQLAlchemy keeps
    those for its own SET/VALUES parameters).
    """
    return sa.bindparam(name, type_=column.type)


def no_index(column):
    """``column`` in a form that no index can serve.

    For statements that find one row by primary key and check more
    columns. PostgreSQL estimates one row for the key and for a rare value
    of an indexed column alike (a READY or RUNNING action, the engine that
    owns it) and may then prefer the smaller secondary index, whose range
    holds every entry made dead since the last vacuum: a claim took 63 ms
    through the status index in a benchmark run, 0.04 ms by primary key.
    """
    return column.concat('')


def row_by_id(table):
    """A prebuilt SELECT of one row of ``table``; parameter ``row_id``."""
    return sa.select(table).where(table.c.id == param(table.c.id, 'row_id'))


def core(context):
    """What runs Core statements in the caller's transaction.

    The connection of a ``core_writer`` transaction, else the session,
    so the same helpers serve both kinds of transaction.
    """
    transaction = context.transaction_ctx
    if transaction.session is not None:
        return transaction.session
    return transaction.connection
