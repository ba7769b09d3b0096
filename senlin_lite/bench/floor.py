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

"""The database's floor: the least SQL one node action needs, raw DBAPI.

Per action, three transactions, as the service needs them:

1. API: look the node up, insert the action.
2. engine: claim the action, lock the node.
3. finish: node status, an event, the action's end, the node unlocked.

Run on the service's own tables, on the same database, with the same
durability settings, so the service's throughput can be read as a fraction
of what the database allows on this machine at this moment.

At most ``MAX_CONNECTIONS`` threads, each on a connection of its own,
send the actions. Every floor published so far was measured that way:
the threads used to share SQLAlchemy's default pool of 5 + 10
connections, each holding one for its whole share, so no more than 15
ever ran at once (and with many actions the others gave up waiting for
a connection). On the benchmark's 2-core host 50 connections gave a
floor 10-20 % lower, PostgreSQL's backends then competing for the
cores; the higher floor is the one to measure against.
"""

import threading
import time
import uuid

import sqlalchemy as sa

# SQLite needs the service's own connection set-up (WAL, busy timeout,
# BEGIN IMMEDIATE) for concurrent writers; importing it installs it.
from senlin_lite.db.api import _base  # noqa: F401


def _sql(statement, paramstyle):
    return statement.replace('%s', '?') if paramstyle == 'qmark' else (
        statement)


MAX_CONNECTIONS = 15


class Floor:

    def __init__(self, url, nodes, total, concurrency):
        # Each thread opens its own connection and keeps it.
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.nodes = nodes
        self.total = total
        self.concurrency = min(concurrency, MAX_CONNECTIONS)
        self.prefix = 'floor-%s' % uuid.uuid4().hex[:8]
        self.paramstyle = self.engine.dialect.paramstyle

    def _connect(self):
        return self.engine.raw_connection()

    def _exec(self, cursor, statement, args=()):
        cursor.execute(_sql(statement, self.paramstyle), args)

    def setup(self):
        conn = self._connect()
        cur = conn.cursor()
        self.profile_id = str(uuid.uuid4())
        self._exec(cur, self._q(
            'INSERT INTO profile (id, name, type, {u}, project) '
            'VALUES (%s, %s, %s, %s, %s)'),
            (self.profile_id, self.prefix, 'os.nova.server-1.0', 'floor',
             'floor'))
        self.node_ids = [str(uuid.uuid4()) for _ in range(self.nodes)]
        for node_id in self.node_ids:
            self._exec(cur, self._q(
                'INSERT INTO node (id, name, cluster_id, profile_id, {u}, '
                'project, status, physical_id) VALUES '
                '(%s, %s, %s, %s, %s, %s, %s, %s)'),
                (node_id, self.prefix, '', self.profile_id, 'floor',
                 'floor', 'ACTIVE', str(uuid.uuid4())))
        conn.commit()
        conn.close()

    def _quotes(self):
        return self.engine.dialect.name != 'mysql'

    def _q(self, statement):
        return statement.format(u='"user"' if self._quotes() else '`user`')

    def cleanup(self):
        conn = self._connect()
        cur = conn.cursor()
        self._exec(cur, 'DELETE FROM event WHERE oname = %s', (self.prefix,))
        self._exec(cur, 'DELETE FROM action WHERE name = %s', (self.prefix,))
        self._exec(cur, 'DELETE FROM node WHERE name = %s', (self.prefix,))
        self._exec(cur, 'DELETE FROM profile WHERE id = %s',
                   (self.profile_id,))
        conn.commit()
        conn.close()
        self.engine.dispose()

    def _one_action(self, conn, node_id):
        cur = conn.cursor()
        now = time.time()
        action_id = str(uuid.uuid4())
        # 1. API
        self._exec(cur, 'SELECT id, project, status FROM node WHERE id = %s',
                   (node_id,))
        cur.fetchall()
        self._exec(cur, self._q(
            'INSERT INTO action (id, name, cluster_id, target, action, '
            'cause, status, status_reason, inputs, {u}, project, timeout, '
            'created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '
            '%s, %s, CURRENT_TIMESTAMP)'),
            (action_id, self.prefix, '', node_id, 'NODE_CHECK',
             'RPC Request', 'READY', '', '{}', 'floor', 'floor', 3600))
        conn.commit()
        # 2. engine
        self._exec(cur, 'UPDATE action SET status = %s, owner = %s, '
                   'start_time = %s WHERE id = %s AND status = %s',
                   ('RUNNING', 'floor', now, action_id, 'READY'))
        self._exec(cur, 'UPDATE node SET lock_action_id = %s WHERE id = %s '
                   'AND lock_action_id IS NULL', (action_id, node_id))
        conn.commit()
        # 3. finish
        self._exec(cur, 'UPDATE node SET status = %s, status_reason = %s, '
                   'updated_at = CURRENT_TIMESTAMP WHERE id = %s',
                   ('ACTIVE', 'Check: Node is ACTIVE.', node_id))
        self._exec(cur, self._q(
            'INSERT INTO event (id, timestamp, oid, oname, otype, '
            'cluster_id, level, {u}, project, action, status, '
            'status_reason) VALUES (%s, CURRENT_TIMESTAMP, %s, %s, %s, %s, '
            '%s, %s, %s, %s, %s, %s)'),
            (str(uuid.uuid4()), node_id, self.prefix, 'NODE', '', '20',
             'floor', 'floor', 'NODE_CHECK', 'end', 'Node check succeeded.'))
        self._exec(cur, 'UPDATE action SET status = %s, status_reason = %s, '
                   'end_time = %s, owner = NULL WHERE id = %s',
                   ('SUCCEEDED', 'Action completed successfully.',
                    time.time(), action_id))
        self._exec(cur, 'UPDATE node SET lock_action_id = NULL WHERE id = %s '
                   'AND lock_action_id = %s', (node_id, action_id))
        conn.commit()

    def _worker(self, index, count):
        conn = self._connect()
        nodes = self.node_ids[index::self.concurrency] or self.node_ids
        for number in range(count):
            self._one_action(conn, nodes[number % len(nodes)])
        conn.close()

    def run(self):
        """Actions per second the database sustains for this workload."""
        self.setup()
        try:
            share = [self.total // self.concurrency] * self.concurrency
            for index in range(self.total % self.concurrency):
                share[index] += 1
            threads = [threading.Thread(target=self._worker, args=(i, n))
                       for i, n in enumerate(share)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            self.cleanup()
        return {'floor_actions_per_s': round(self.total / elapsed, 1),
                'floor_seconds': round(elapsed, 3),
                'floor_connections': self.concurrency}
