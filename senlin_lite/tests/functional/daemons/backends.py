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

"""Databases and brokers for the daemon tests.

Other people run tests against the machine's PostgreSQL, MariaDB and
RabbitMQ at the same time, so:

* ``TempDatabase`` makes a database of the test's own (``slft_<hex>``)
  on the shared server and drops it afterwards. It connects with
  ``SENLIN_LITE_TEST_PG_ADMIN_URL``/``SENLIN_LITE_TEST_MYSQL_ADMIN_URL``:
  ``.ci/run`` lets the test user create such databases; by default the
  superuser is used. Where neither can connect it falls back to the
  shared test database, emptied first.
* A test that stops a service stops one of its own: ``PrivatePostgres``,
  ``PrivateMariaDB`` and ``PrivateRabbit`` start a server from the
  machine's binaries in a temporary directory, on free ports, and can
  stop and start it for real.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid

import fixtures
import sqlalchemy as sa
from sqlalchemy.engine import url as sa_url

from senlin_lite.tests.functional.daemons import base

POSTGRESQL = 'postgresql'
MYSQL = 'mysql'

DEFAULT_PG_ADMIN_URL = 'postgresql+psycopg2://postgres@127.0.0.1/postgres'
DEFAULT_MYSQL_ADMIN_URL = 'mysql+pymysql://root@127.0.0.1/'

RABBITMQ_BIN = '/usr/lib/rabbitmq/bin'


def admin_url(backend):
    if backend == POSTGRESQL:
        return os.environ.get('SENLIN_LITE_TEST_PG_ADMIN_URL',
                              DEFAULT_PG_ADMIN_URL)
    return os.environ.get('SENLIN_LITE_TEST_MYSQL_ADMIN_URL',
                          DEFAULT_MYSQL_ADMIN_URL)


def shared_url(backend):
    return base.pg_url() if backend == POSTGRESQL else base.mysql_url()


def wait_until(predicate, timeout, what, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError('%s: not true after %ss' % (what, timeout))
        time.sleep(interval)


def _run(argv, user=None, **kwargs):
    if user is not None:
        argv = ['runuser', '-u', user, '--'] + list(argv)
    return subprocess.run(argv, check=True, capture_output=True, **kwargs)


def _execute(url, statements, autocommit=True):
    engine = sa.create_engine(url, isolation_level='AUTOCOMMIT'
                              if autocommit else None)
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _can_connect(url):
    try:
        _execute(url, ['SELECT 1'])
        return True
    except sa.exc.DBAPIError:
        return False


class TempDatabase(fixtures.Fixture):
    """A database of this test's own on the shared server; ``url``."""

    def __init__(self, backend):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        admin = admin_url(self.backend)
        shared = sa_url.make_url(shared_url(self.backend))
        if not _can_connect(admin):
            base.reset_database(shared.render_as_string(hide_password=False))
            self.url = shared.render_as_string(hide_password=False)
            return
        self.name = 'slft_%s' % uuid.uuid4().hex[:12]
        if self.backend == POSTGRESQL:
            self.addCleanup(_execute, admin, [
                'DROP DATABASE IF EXISTS %s WITH (FORCE)' % self.name])
            _execute(admin, ['CREATE DATABASE %s OWNER "%s"'
                             % (self.name, shared.username)])
        else:
            self.addCleanup(_execute, admin, [
                'DROP DATABASE IF EXISTS %s' % self.name])
            statements = ['CREATE DATABASE %s CHARACTER SET utf8mb4'
                          % self.name]
            if sa_url.make_url(admin).username != shared.username:
                for host in ('127.0.0.1', 'localhost'):
                    grantee = (self.name, shared.username, host)
                    statements.append("GRANT ALL PRIVILEGES ON %s.* TO "
                                      "'%s'@'%s'" % grantee)
                    self.addCleanup(_execute, admin, [
                        "REVOKE ALL PRIVILEGES ON %s.* FROM '%s'@'%s'"
                        % grantee])
            _execute(admin, statements)
        self.url = shared.set(database=self.name).render_as_string(
            hide_password=False)


class _PrivateServer(fixtures.Fixture):
    """A server process of the test's own in a temporary directory."""

    owner = None

    def _setUp(self):
        self.dir = tempfile.mkdtemp(prefix='senlin-lite-%s-' % self.kind)
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        if self.owner is not None:
            shutil.chown(self.dir, user=self.owner)
        self.port = base.free_port()
        self.running = False
        self.initialise()
        self.addCleanup(self.kill)
        self.start()

    def path(self, *names):
        return os.path.join(self.dir, *names)

    def log(self):
        with open(self.path('server.log'), errors='replace') as f:
            return f.read()


class PrivatePostgres(_PrivateServer):
    """``initdb`` + ``pg_ctl`` as the postgres user; database senlin_lite."""

    kind = 'pg'
    owner = 'postgres'

    @staticmethod
    def _bin(name):
        found = sorted(glob.glob('/usr/lib/postgresql/*/bin/' + name))
        if not found:
            raise RuntimeError('no PostgreSQL server binaries found')
        return found[-1]

    def initialise(self):
        _run([self._bin('initdb'), '-D', self.path('data'), '-A', 'trust',
              '-U', 'postgres', '-E', 'UTF8', '--no-sync'], user=self.owner)
        self.url = ('postgresql+psycopg2://postgres@127.0.0.1:%d/senlin_lite'
                    % self.port)

    def _ctl(self, *args):
        return _run([self._bin('pg_ctl'), '-D', self.path('data'), '-w']
                    + list(args), user=self.owner)

    def start(self):
        options = ('-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off '
                   '-c max_connections=200' % (self.port, self.dir))
        self._ctl('-o', options, '-l', self.path('server.log'), 'start')
        self.running = True
        admin = self.url.rsplit('/', 1)[0] + '/postgres'
        if not _can_connect(self.url):
            _execute(admin, ['CREATE DATABASE senlin_lite'])

    def stop(self):
        self._ctl('-m', 'fast', 'stop')
        self.running = False

    def kill(self):
        if self.running:
            self._ctl('-m', 'immediate', 'stop')
            self.running = False


class PrivateMariaDB(_PrivateServer):
    """``mariadb-install-db`` + ``mariadbd``; root without a password."""

    kind = 'mariadb'
    owner = 'mysql'

    def initialise(self):
        _run(['mariadb-install-db', '--no-defaults',
              '--datadir=%s' % self.path('data'), '--user=mysql',
              '--auth-root-authentication-method=normal', '--skip-test-db'])
        self.url = 'mysql+pymysql://root@127.0.0.1:%d/senlin_lite' % self.port
        self._process = None

    def start(self):
        # mariadbd drops to --user itself: the process is the server, so
        # signals reach it.
        argv = ['/usr/sbin/mariadbd', '--no-defaults',
                '--user=%s' % self.owner,
                '--datadir=%s' % self.path('data'),
                '--port=%d' % self.port, '--bind-address=127.0.0.1',
                '--socket=%s' % self.path('mysqld.sock'),
                '--pid-file=%s' % self.path('mysqld.pid'),
                '--skip-log-bin', '--innodb-buffer-pool-size=64M',
                '--innodb-flush-log-at-trx-commit=2', '--max-connections=300']
        with open(self.path('server.log'), 'ab') as log:
            self._process = subprocess.Popen(argv, stdout=log,
                                             stderr=subprocess.STDOUT)
        self.running = True
        admin = self.url.rsplit('/', 1)[0] + '/'
        wait_until(lambda: _can_connect(admin), 60, 'private MariaDB up')
        _execute(admin, ['CREATE DATABASE IF NOT EXISTS senlin_lite '
                         'CHARACTER SET utf8mb4'])

    def stop(self):
        self._process.terminate()
        self._process.wait(60)
        self.running = False

    def kill(self):
        if self.running:
            self._process.terminate()
            try:
                self._process.wait(30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(30)
            self.running = False


class PrivateRabbit(_PrivateServer):
    """A RabbitMQ node of its own: own node name, ports, cookie and dirs.

    ``stop()``/``start()`` stop and start the broker application
    (``rabbitmqctl stop_app``/``start_app``): the AMQP listener closes,
    every connection is dropped, and new ones are refused.
    """

    kind = 'rabbit'
    owner = None

    def initialise(self):
        self.node = 'senlinft%s@localhost' % uuid.uuid4().hex[:8]
        self.dist_port = base.free_port()
        with open(self.path('enabled_plugins'), 'w') as f:
            f.write('[].\n')
        with open(self.path('rabbitmq.conf'), 'w') as f:
            f.write('loopback_users = none\n')
        cookie = self.path('.erlang.cookie')
        with open(cookie, 'w') as f:
            f.write(uuid.uuid4().hex)
        os.chmod(cookie, 0o400)
        self.env = dict(
            os.environ, HOME=self.dir, RABBITMQ_NODENAME=self.node,
            RABBITMQ_NODE_IP_ADDRESS='127.0.0.1',
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=self.path('mnesia'),
            RABBITMQ_LOG_BASE=self.path('log'),
            RABBITMQ_ENABLED_PLUGINS_FILE=self.path('enabled_plugins'),
            RABBITMQ_PID_FILE=self.path('rabbit.pid'),
            RABBITMQ_CONFIG_FILE=self.path('rabbitmq.conf'),
            ERL_EPMD_ADDRESS='127.0.0.1')
        self.url = 'rabbit://guest:guest@127.0.0.1:%d/' % self.port
        self._process = None

    def _ctl(self, *args, check=True):
        return subprocess.run(
            [os.path.join(RABBITMQ_BIN, 'rabbitmqctl'), '-n', self.node]
            + list(args), env=self.env, capture_output=True, check=check,
            timeout=120)

    def _listening(self):
        return base.port_open('127.0.0.1', self.port)

    def start(self):
        if self._process is None:
            with open(self.path('server.log'), 'ab') as log:
                self._process = subprocess.Popen(
                    [os.path.join(RABBITMQ_BIN, 'rabbitmq-server')],
                    env=self.env, stdout=log, stderr=subprocess.STDOUT)
        else:
            self._ctl('start_app')
        self.running = True
        wait_until(self._listening, 90, 'private RabbitMQ listening')

    def stop(self):
        self._ctl('stop_app')
        wait_until(lambda: not self._listening(), 30,
                   'private RabbitMQ stopped')

    def kill(self):
        if self._process is not None:
            self._ctl('stop', check=False)
            try:
                self._process.wait(30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
            self.running = False
