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

"""The CPU the database server spent on the run, when it shares the host.

PostgreSQL serves each connection from a process of its own. Those of
the benchmarked database, read before and after the load from
``pg_stat_activity`` and ``/proc``, give the server's share of the CPU
per action beside the daemons'. The service's pools keep their
connections for the whole run; a backend that ends within it takes its
CPU along and is not counted. Other databases, and servers on another
host, are not measured (None).
"""

import sqlalchemy as sa

from senlin_lite.bench import deploy

LOCAL_HOSTS = (None, '', '127.0.0.1', 'localhost', '::1')


def is_local_postgresql(db_url):
    url = sa.engine.make_url(db_url)
    return (url.get_backend_name() == 'postgresql' and
            url.host in LOCAL_HOSTS)


def backend_pids(db_url, exclude=()):
    """Pids of the server processes connected to ``db_url``'s database.

    Without the one asking, nor ``exclude`` (the load generator's own).
    """
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            pids = conn.execute(sa.text(
                'SELECT pid FROM pg_stat_activity WHERE datname = '
                'current_database() AND pid <> pg_backend_pid()')).scalars()
            return [pid for pid in pids if pid not in exclude]
    finally:
        engine.dispose()


def cpu_by_pid(pids, proc='/proc'):
    """User + system CPU seconds of each process still running."""
    seconds = {}
    for pid in pids:
        try:
            seconds[pid] = deploy.own_cpu_seconds(pid, proc)
        except OSError:
            continue  # ended meanwhile
    return seconds


def spent(before, after):
    """CPU seconds between two readings of ``cpu_by_pid``.

    A backend that started during the run counts from zero; one that
    ended is missing from ``after`` and counts nothing.
    """
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


class ServerCPU:
    """Reads the backends' CPU around the load; ``seconds()`` after it."""

    def __init__(self, db_url, exclude=()):
        self.db_url = db_url
        self.exclude = tuple(exclude)
        self.before = None

    @classmethod
    def for_url(cls, db_url, exclude=()):
        """A ServerCPU if the database can be measured here, else None."""
        if not db_url or not is_local_postgresql(db_url):
            return None
        return cls(db_url, exclude)

    def start(self):
        self.before = cpu_by_pid(backend_pids(self.db_url, self.exclude))

    def seconds(self):
        after = cpu_by_pid(backend_pids(self.db_url, self.exclude))
        return spent(self.before, after)
