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

"""A pooled connection is pinged only when it has sat idle.

oslo.db turns on SQLAlchemy's ``pool_pre_ping``, which sends ``SELECT
1`` each time a connection leaves the pool. That round trip is what
finds a connection the server closed while it sat in the pool (server
restart, idle timeout, failover) before a request uses it. On the
action path it doubled the round trips of a POST, which is one
statement, and under load it waited as long as the statement itself.

Here a connection is pinged on checkout only if it was returned to the
pool more than ``IDLE_SECONDS`` ago. A connection used a moment earlier
is almost always alive; if the server went away in between, the
statement fails as a lost connection, SQLAlchemy then drops every
connection of the pool opened before, and the caller gets the error it
gets during any outage (the API answers 503, the engine retries), as it
would for a server that fails while the statement runs.
"""

import time

from oslo_log import log as logging
import sqlalchemy as sa
from sqlalchemy import event as sa_event

LOG = logging.getLogger(__name__)

# A connection idle longer than this is pinged before it is used.
IDLE_SECONDS = 1.0

_RETURNED_AT = 'senlin_lite_returned_at'


def ping_only_idle(engine):
    """Make ``engine``'s pool ping only connections that sat idle.

    Does nothing for a pool that does not ping (SQLite's), or if it was
    done before.
    """
    pool = engine.pool
    # oslo.db sets SQLAlchemy's pool_pre_ping, for which the pool has no
    # public switch once it is built.
    if not getattr(pool, '_pre_ping', False):
        return False
    pool._pre_ping = False
    dialect = engine.dialect

    def ping_if_idle(dbapi_connection, connection_record, connection_proxy):
        returned_at = connection_record.info.get(_RETURNED_AT)
        if returned_at is None or (time.monotonic() - returned_at <
                                   IDLE_SECONDS):
            return  # new, or returned a moment ago
        try:
            # The dialect's own ping, as pre_ping sends it (for psycopg2,
            # in autocommit mode so that no transaction is left open).
            alive = dialect.do_ping(dbapi_connection)
        except Exception as exc:
            LOG.info('Pooled database connection found closed (%s); '
                     'opening a new one', exc)
            alive = False
        if not alive:
            # The pool replaces the connection and tries again.
            raise sa.exc.DisconnectionError('pooled connection closed')

    sa_event.listen(pool, 'checkin', _returned)
    sa_event.listen(pool, 'checkout', ping_if_idle)
    return True


def _returned(dbapi_connection, connection_record):
    if connection_record is not None:
        connection_record.info[_RETURNED_AT] = time.monotonic()
