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

"""Start the real daemons as subprocesses and drive them over HTTP.

The services come from the machine: RabbitMQ and PostgreSQL (and MariaDB
for the tests that ask for it). ``.ci/run`` starts them and exports:

* SENLIN_LITE_TEST_PG_URL, SENLIN_LITE_TEST_MYSQL_URL
* SENLIN_LITE_TEST_TRANSPORT_URL

The defaults below match what ``.ci/run`` creates.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import fixtures
import requests
import sqlalchemy as sa
import testtools
from testtools import content

DEFAULT_PG_URL = ('postgresql+psycopg2://senlin_lite:senlin_lite@'
                  '127.0.0.1/senlin_lite_ft')
DEFAULT_MYSQL_URL = ('mysql+pymysql://senlin_lite:senlin_lite@'
                     '127.0.0.1/senlin_lite_ft')
DEFAULT_TRANSPORT_URL = 'rabbit://guest:guest@127.0.0.1:5672/'


def pg_url():
    return os.environ.get('SENLIN_LITE_TEST_PG_URL', DEFAULT_PG_URL)


def mysql_url():
    return os.environ.get('SENLIN_LITE_TEST_MYSQL_URL', DEFAULT_MYSQL_URL)


def transport_url():
    return os.environ.get('SENLIN_LITE_TEST_TRANSPORT_URL',
                          DEFAULT_TRANSPORT_URL)


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def port_open(host, port):
    """True if something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def console_script(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def reset_database(url):
    """Drop every table so that ``db sync`` starts from nothing."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            meta = sa.MetaData()
            meta.reflect(bind=conn)
            meta.drop_all(bind=conn)
    finally:
        engine.dispose()


class Process:
    """One daemon: its command line, log file and lifetime."""

    def __init__(self, name, argv, log_path, env=None):
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, 'wb')
        self.popen = subprocess.Popen(argv, stdout=self._log,
                                      stderr=subprocess.STDOUT,
                                      env=dict(os.environ, **(env or {})))

    def signal(self, signum):
        if self.popen.poll() is None:
            self.popen.send_signal(signum)

    def kill(self):
        """SIGKILL: the process gets no chance to clean up."""
        self.signal(signal.SIGKILL)
        self.popen.wait(30)

    @property
    def running(self):
        return self.popen.poll() is None

    def stop(self, timeout=30):
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        self._log.close()

    def log(self):
        with open(self.log_path, errors='replace') as f:
            return f.read()


class Deployment(fixtures.Fixture):
    """N APIs + N engines + the compute simulator on one database.

    ``url`` is the first API's; ``urls`` all of them. Each engine runs
    with ``[DEFAULT] host`` set to its name.
    """

    def __init__(self, db_url, engines=2, sim_delays=None, extra=None,
                 apis=1):
        super().__init__()
        self.db_url = db_url
        self.engine_count = engines
        self.api_count = apis
        self.sim_delays = sim_delays or {}
        self.extra = extra or {}
        self.engines = []
        self.apis = []

    def _setUp(self):
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.api_port, self.sim_port = free_port(), free_port()
        self.url = 'http://127.0.0.1:%d' % self.api_port
        self.sim_url = 'http://127.0.0.1:%d' % self.sim_port
        self.config_file = self._write_config()
        reset_database(self.db_url)
        subprocess.run([console_script('senlin-lite-manage'),
                        '--config-file', self.config_file, 'db', 'sync'],
                       check=True, capture_output=True)
        self.sim = self.start('senlin-lite-nova-sim', 'sim')
        self._wait_http(self.sim_url + '/sim/config')
        self.api = self.start('senlin-lite-api', 'api')
        self.apis.append(self.api)
        self.urls = [self.url]
        for index in range(1, self.api_count):
            port = free_port()
            self.apis.append(self.start(
                'senlin-lite-api', 'api%d' % index,
                env={'OS_SENLIN_API__BIND_PORT': str(port)}))
            self.urls.append('http://127.0.0.1:%d' % port)
        for url in self.urls:
            self._wait_http(url + '/')
        for index in range(self.engine_count):
            self.add_engine('engine%d' % index)

    def _write_config(self):
        sections = {
            'DEFAULT': {
                'transport_url': transport_url(),
                'cloud_backend': 'openstack_test',
                'server_poll_interval': '0.05',
                'periodic_interval': '2',
                'debug': 'false',
            },
            'database': {'connection': self.db_url},
            'senlin_api': {'bind_host': '127.0.0.1',
                           'bind_port': str(self.api_port),
                           'auth_strategy': 'noauth'},
            # A topic of its own keeps stray engines of other runs out.
            'engine': {'topic': 'senlin-lite-ft-%s' % uuid.uuid4().hex[:8]},
            'nova_sim': dict({'endpoint': self.sim_url,
                              'port': str(self.sim_port)},
                             **{k: str(v) for k, v in
                                self.sim_delays.items()}),
        }
        for section, values in self.extra.items():
            sections.setdefault(section, {}).update(values)
        self.sections = sections
        return self._save_config()

    def _save_config(self):
        path = os.path.join(self.workdir, 'senlin_lite.conf')
        with open(path, 'w') as f:
            for section, values in self.sections.items():
                f.write('[%s]\n' % section)
                for key, value in values.items():
                    f.write('%s = %s\n' % (key, value))
        return path

    def update_config(self, section, **values):
        """Rewrite the configuration file (for a SIGHUP reload)."""
        self.sections.setdefault(section, {}).update(values)
        self._save_config()

    def start(self, script, name, host=None, env=None):
        argv = [console_script(script), '--config-file', self.config_file]
        # oslo.config reads OS_<GROUP>__<OPTION> from the environment.
        env = dict(env or {})
        if host:
            env['OS_DEFAULT__HOST'] = host
        log_path = os.path.join(self.workdir, name + '.log')
        process = Process(name, argv, log_path, env=env)
        self.addCleanup(process.stop)
        return process

    def add_engine(self, name):
        engine = self.start('senlin-lite-engine', name, host=name)
        self.engines.append(engine)
        return engine

    def _wait_http(self, url, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                requests.get(url, timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError('%s did not come up' % url)


class DaemonTestCase(testtools.TestCase):
    """Attach the daemons' logs to a failing test."""

    def deploy(self, db_url, **kwargs):
        deployment = self.useFixture(Deployment(db_url, **kwargs))
        self.addOnException(lambda exc_info: self._attach_logs(deployment))
        return deployment

    def _attach_logs(self, deployment):
        for process in ([deployment.sim] + deployment.apis +
                        deployment.engines):
            self.addDetail(process.name + '.log',
                           content.text_content(process.log()))
