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

"""A real Keystone on 127.0.0.1 for the functional tests.

Keystone comes from PyPI into a virtualenv of its own (it brings
eventlet-era dependencies senlin_lite must not share), created on first
use and reused afterwards:

* ``SENLIN_LITE_KEYSTONE_VENV``: where the virtualenv lives (tox sets it
  under its work directory; default ``~/.cache/senlin_lite/keystone``);
* ``SENLIN_LITE_KEYSTONE_PIP``: what to install there (default
  ``keystone gunicorn``), e.g. to pin a version;
* ``SENLIN_LITE_KEYSTONE_KEEP``: when set, the temporary directory (with
  keystone.log and gunicorn.log) is kept for debugging.

Each ``KeystoneServer`` gets a temporary directory with a SQLite database,
fernet keys and a configuration file, runs ``keystone-manage db_sync``,
``fernet_setup``, ``credential_setup`` and ``bootstrap``, then serves
Keystone with gunicorn: one sync worker (two workers on one SQLite file
fail with "database is locked"), on a free port.
"""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests

VENV_ENV = 'SENLIN_LITE_KEYSTONE_VENV'
PIP_ENV = 'SENLIN_LITE_KEYSTONE_PIP'
KEEP_ENV = 'SENLIN_LITE_KEYSTONE_KEEP'
# Resolved at import, like TMP_ROOT below: oslotest gives each test a
# temporary HOME.
DEFAULT_VENV = os.path.join(os.path.expanduser('~'), '.cache', 'senlin_lite',
                            'keystone')
DEFAULT_PIP = 'keystone gunicorn'
READY_MARK = '.senlin-lite-ready'

ADMIN_PASSWORD = 'admin-secret'
REGION = 'RegionOne'
START_TIMEOUT = 60
HERE = os.path.dirname(os.path.abspath(__file__))
# Taken at import: oslotest points tempfile at a directory of the current
# test, removed when that test ends, but Keystone outlives the test.
TMP_ROOT = tempfile.gettempdir()

# bcrypt's cheapest setting: test passwords need no strength, and every
# user creation and password token pays for the rounds.
CONFIG = """[DEFAULT]
log_file = {tmp}/keystone.log
[identity]
password_hash_rounds = 4
[database]
connection = sqlite:///{tmp}/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = {tmp}/fernet-keys
[fernet_receipts]
key_repository = {tmp}/fernet-keys
[credential]
key_repository = {tmp}/credential-keys
"""


def _base_python():
    """The interpreter to build the virtualenv from (not our venv's)."""
    return getattr(sys, '_base_executable', None) or sys.executable


def ensure_venv():
    """The path of Keystone's virtualenv, created if missing."""
    venv = os.path.abspath(os.environ.get(VENV_ENV) or DEFAULT_VENV)
    os.makedirs(os.path.dirname(venv), exist_ok=True)
    with open(venv + '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(os.path.join(venv, READY_MARK)):
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([_base_python(), '-m', 'venv', venv], check=True)
            packages = (os.environ.get(PIP_ENV) or DEFAULT_PIP).split()
            subprocess.run([os.path.join(venv, 'bin', 'pip'), 'install',
                            '--quiet'] + packages, check=True)
            open(os.path.join(venv, READY_MARK), 'w').close()
    return venv


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class KeystoneServer:
    """One Keystone: ``start()``, ``url`` (…/v3), ``stop()``."""

    def __init__(self):
        self.venv = None
        self.tmp = None
        self.port = None
        self.process = None
        self.url = None

    def _bin(self, name):
        return os.path.join(self.venv, 'bin', name)

    def _manage(self, *args):
        subprocess.run(
            [self._bin('keystone-manage'), '--config-file', self.config]
            + list(args), check=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)

    def _prepare(self):
        user = subprocess.check_output(['id', '-un'], text=True).strip()
        group = subprocess.check_output(['id', '-gn'], text=True).strip()
        owner = ['--keystone-user', user, '--keystone-group', group]
        self._manage('db_sync')
        self._manage('fernet_setup', *owner)
        self._manage('credential_setup', *owner)
        self._manage('bootstrap', '--bootstrap-password', ADMIN_PASSWORD,
                     '--bootstrap-region-id', REGION,
                     '--bootstrap-admin-url', self.url,
                     '--bootstrap-internal-url', self.url,
                     '--bootstrap-public-url', self.url)

    def start(self):
        self.venv = ensure_venv()
        self.tmp = tempfile.mkdtemp(prefix='senlin-lite-keystone-',
                                    dir=TMP_ROOT)
        self.config = os.path.join(self.tmp, 'keystone.conf')
        with open(self.config, 'w') as f:
            f.write(CONFIG.format(tmp=self.tmp))
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d/v3' % self.port
        self._prepare()
        env = dict(os.environ, OS_KEYSTONE_CONFIG_FILES=self.config)
        self.log = open(os.path.join(self.tmp, 'gunicorn.log'), 'wb')
        self.process = subprocess.Popen(
            [self._bin('gunicorn'), '--workers', '1',
             '--bind', '127.0.0.1:%d' % self.port, '--timeout', '120',
             '--pythonpath', HERE, 'keystone_wsgi:application'],
            env=env, cwd=self.tmp, stdout=self.log,
            stderr=subprocess.STDOUT)
        self._wait()
        return self

    def _wait(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('Keystone exited; see %s' % self.tmp)
            try:
                if requests.get(self.url, timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError('Keystone not answering after %ss; see %s'
                           % (START_TIMEOUT, self.tmp))

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.tmp:
            self.log.close()
            if not os.environ.get(KEEP_ENV):
                shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
