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

"""The load generator: node checks (and recovers) over HTTP.

A node gets its next action only once its previous one has ended, so the
run measures throughput, not 409s. One poller lists the READY and RUNNING
actions to learn which ones ended, instead of each worker polling its own.
"""

import http.client
import json
import queue
import threading
import time
import urllib.parse

import sqlalchemy as sa

from senlin_lite.bench import wire

# Seconds between two looks for ended actions. Every node found ended
# gets a client at once, so at 500 actions/s a look every 50 ms sent
# about 25 POSTs together, bursts of the load generator's making; every
# 10 ms they come about as the actions end. Each look is one query by
# primary key over the actions in flight (DatabaseWatch).
POLL_INTERVAL = 0.01

NOVA_SPEC = {'type': 'os.nova.server', 'version': '1.0',
             'properties': {'flavor': '1', 'image': 'cirros'}}
ACTIVE_STATUSES = ('READY', 'RUNNING')


class Response:
    """What the benchmark needs of an HTTP reply."""

    def __init__(self, status_code, body):
        self.status_code = status_code
        self.body = body

    def json(self):
        return json.loads(self.body)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise RuntimeError('HTTP %d: %s' % (self.status_code,
                                                self.body[:200]))


class Client:
    """One keep-alive HTTP connection per thread (``wire``).

    Not requests, nor http.client: the load generator shares the
    machine with the service, and their per-call work would take CPU
    from what it measures.
    """

    ERRORS = (OSError, http.client.HTTPException)

    def __init__(self, url, project='bench'):
        self.url = url.rstrip('/')
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port or 80
        self._local = threading.local()
        self.headers = {'X-Project-Id': project, 'X-User-Id': project,
                        'X-Roles': 'member',
                        'OpenStack-API-Version': 'clustering 1.14',
                        'Content-Type': 'application/json',
                        'Accept': 'application/json'}
        # Every request's headers but its length, written once.
        self._head = ''.join(
            '%s: %s\r\n' % item for item in [
                ('Host', '%s:%d' % (self.host, self.port))] + list(
                    self.headers.items())).encode('latin-1')

    def _connection(self):
        conn = getattr(self._local, 'conn', None)
        if conn is None or not conn.open:
            conn = self._local.conn = wire.Connection(self.host, self.port)
        return conn

    def connect(self):
        """Open this thread's connection now, if it can be opened.

        A failure is left to the next call, which reports it.
        """
        try:
            self._connection()
        except self.ERRORS:
            pass

    def call(self, method, path, body=None, params=None):
        if params:
            path += '?' + urllib.parse.urlencode(params, doseq=True)
        payload = json.dumps(body).encode() if body is not None else b''
        head = b'%s %s HTTP/1.1\r\n%s' % (
            method.encode(), path.encode(), self._head)
        for attempt in (1, 2):
            conn = self._connection()
            try:
                return Response(*conn.request(head, payload))
            except self.ERRORS:
                # The server closed an idle keep-alive connection: once
                # more on a new one.
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise

    def action_ids(self, statuses):
        """Ids of this project's actions in ``statuses`` (paged)."""
        ids, marker = set(), None
        while True:
            params = {'status': list(statuses), 'limit': 1000}
            if marker:
                params['marker'] = marker
            page = self.call('GET', '/v1/actions',
                             params=params).json()['actions']
            ids.update(a['id'] for a in page)
            if len(page) < 1000:
                return ids
            marker = page[-1]['id']


class DatabaseWatch:
    """Which of the given actions are still READY/RUNNING, from the database.

    Polling through the API would spend the API's CPU on the benchmark's
    own bookkeeping. The rows are fetched by primary key alone and their
    status is filtered here: with a status condition in the query,
    PostgreSQL prefers a bitmap scan of the status index, which walks
    every entry that finished actions left behind in READY and RUNNING
    (tens of thousands without autovacuum), and the benchmark's polling
    then costs the database more CPU than the service under test.
    """

    ACTIVE = frozenset(('READY', 'RUNNING'))

    PREPARED = 'senlin_lite_bench_watch'

    def __init__(self, db_url, project):
        self.engine = sa.create_engine(db_url)
        self._raw = None
        # The server process of this connection (PostgreSQL): the load
        # generator's, left out of the database's CPU per action.
        self.backend_pid = None
        if self.engine.dialect.name == 'postgresql':
            # Only the poller's thread looks, on a connection of its own
            # where the query is prepared once: an IN list of the ids in
            # flight was rendered, parsed and planned on every look.
            self._raw = self.engine.raw_connection()
            self._raw.driver_connection.autocommit = True
            with self._raw.cursor() as cursor:
                # The table grows from a few rows to tens of thousands
                # within the run, faster than autovacuum re-analyzes it:
                # a generic plan made at the start would stay a
                # sequential scan (one look cost 9 ms of the database's
                # time by the 6,000th action). Planning each look with
                # its ids keeps it on the primary key.
                cursor.execute('SET plan_cache_mode = force_custom_plan')
                cursor.execute('SELECT pg_backend_pid()')
                self.backend_pid = cursor.fetchone()[0]
                cursor.execute(
                    'PREPARE %s (text[]) AS SELECT id, status FROM action '
                    'WHERE id = ANY($1)' % self.PREPARED)
        else:
            self.query = sa.text(
                'SELECT id, status FROM action WHERE id IN :ids'
            ).bindparams(sa.bindparam('ids', expanding=True))

    def _rows(self, ids):
        if self._raw is not None:
            with self._raw.cursor() as cursor:
                cursor.execute('EXECUTE %s (%%s)' % self.PREPARED, (ids,))
                return cursor.fetchall()
        with self.engine.connect() as conn:
            return conn.execute(self.query, {'ids': ids}).fetchall()

    def __call__(self, ids):
        if not ids:
            return set()
        return {row[0] for row in self._rows(list(ids))
                if row[1] in self.ACTIVE}

    def close(self):
        if self._raw is not None:
            self._raw.close()
        self.engine.dispose()


VACUUMED_TABLES = ('action', 'node', 'event')


def vacuum(db_url):
    """VACUUM ANALYZE the busy tables on PostgreSQL, as pgbench does.

    Without autovacuum (or before it catches up) the dead versions left
    by earlier runs make every index walk longer and the planner's
    statistics stale, so runs would not be comparable. Both the service
    and the floor are measured on a freshly vacuumed database. Other
    databases are left as they are.
    """
    engine = sa.create_engine(db_url, isolation_level='AUTOCOMMIT')
    try:
        if engine.dialect.name != 'postgresql':
            return
        with engine.connect() as conn:
            for table in VACUUMED_TABLES:
                conn.execute(sa.text('VACUUM ANALYZE %s' % table))
    finally:
        engine.dispose()


def create_nodes(client, count, prefix):
    """Create ``count`` nodes and wait until all are ACTIVE."""
    resp = client.call('POST', '/v1/profiles', {'profile': {
        'name': prefix + '-prof', 'spec': NOVA_SPEC}})
    resp.raise_for_status()
    profile_id = resp.json()['profile']['id']
    ids = []
    for index in range(count):
        resp = client.call('POST', '/v1/nodes', {'node': {
            'name': '%s-%05d' % (prefix, index), 'profile_id': profile_id}})
        resp.raise_for_status()
        ids.append(resp.json()['node']['id'])
    deadline = time.monotonic() + 60 + count
    while client.action_ids(ACTIVE_STATUSES):
        if time.monotonic() > deadline:
            raise RuntimeError('nodes were not created in time')
        time.sleep(0.2)
    return ids


class LoadRun:
    """Fire ``total`` actions with ``concurrency`` workers over ``nodes``."""

    def __init__(self, client, nodes, total, concurrency, recover_every=0,
                 on_progress=None, active_ids=None, ramp_up=0.0,
                 poll_interval=POLL_INTERVAL):
        self.client = client
        # Where the poller learns which actions are still READY/RUNNING:
        # the API by default, or a cheaper direct query (DatabaseWatch).
        self.active_ids = active_ids or (
            lambda known: client.action_ids(ACTIVE_STATUSES))
        self.total = total
        self.concurrency = concurrency
        self.recover_every = recover_every
        # Seconds over which the workers start, one after the other; with
        # 0 all start at once, and their first POSTs arrive together.
        self.ramp_up = ramp_up
        self.on_progress = on_progress
        self.poll_interval = poll_interval
        self.free = queue.Queue()
        for node_id in nodes:
            self.free.put(node_id)
        self.lock = threading.Lock()
        self.inflight = {}
        self.issued = 0
        self.done = 0
        self.latencies = []
        # (seconds after the run began, latency) of every POST, in order.
        self.posts = []
        self.errors = []
        self.action_ids = []
        self.finished = threading.Event()

    def _next_body(self):
        with self.lock:
            if self.issued >= self.total:
                return None
            self.issued += 1
            number = self.issued
        if self.recover_every and number % self.recover_every == 0:
            return {'recover': {'operation': 'REBOOT'}}
        return {'check': {}}

    def _worker(self, delay):
        # Connected before the clock starts, as a client's pool of
        # keep-alive connections would be: what is timed is requests.
        self.client.connect()
        self.connected.wait()
        time.sleep(delay)
        while True:
            body = self._next_body()
            if body is None:
                return
            node_id = self.free.get()
            started = time.perf_counter()
            try:
                resp = self.client.call(
                    'POST', '/v1/nodes/%s/actions' % node_id, body)
                status = resp.status_code
            except Client.ERRORS as exc:
                resp, status = None, type(exc).__name__
            elapsed = time.perf_counter() - started
            with self.lock:
                self.latencies.append(elapsed)
                self.posts.append((started - self.started, elapsed))
                if status != 202:
                    self.errors.append(status)
                    self.free.put(node_id)
                    continue
                action_id = resp.json()['action']
                self.action_ids.append(action_id)
                self.inflight[action_id] = node_id

    def _poll(self):
        while not self.finished.is_set():
            time.sleep(self.poll_interval)
            with self.lock:
                known = list(self.inflight)
            if not known:
                if self.issued >= self.total and not self._workers_alive():
                    self.finished.set()
                continue
            active = self.active_ids(known)
            with self.lock:
                for action_id in known:
                    if action_id not in active:
                        self.free.put(self.inflight.pop(action_id))
                        self.done += 1
                        if self.on_progress:
                            self.on_progress(self.done)

    def write_latency_log(self, path):
        """One line per POST: when it was sent, how long it took.

        Seconds after the run's start, then seconds; the first line, a
        comment, gives the start as a Unix time, to line the requests up
        with other records of the run (logs, system counters).
        """
        began = time.time() - (time.perf_counter() - self.started)
        with open(path, 'w') as log:
            log.write('# run started at %.3f (Unix time); sent_s '
                      'latency_s\n' % began)
            for sent, latency in sorted(self.posts):
                log.write('%.4f %.4f\n' % (sent, latency))

    def _workers_alive(self):
        return any(t.is_alive() for t in self.workers)

    def run(self):
        step = self.ramp_up / self.concurrency
        self.workers = [threading.Thread(target=self._worker, daemon=True,
                                         args=(index * step,))
                        for index in range(self.concurrency)]
        poller = threading.Thread(target=self._poll, daemon=True)
        self.connected = threading.Barrier(len(self.workers) + 1)
        for thread in self.workers:
            thread.start()
        self.started = time.perf_counter()
        self.connected.wait()
        poller.start()
        for thread in self.workers:
            thread.join()
        self.posted = time.perf_counter()
        self.finished.wait()
        self.ended = time.perf_counter()
        return self
