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

"""The pieces of the local deployment: database, Keystone, daemons."""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

import openstack
import requests
import sqlalchemy as sa

from senlin_lite.tests.functional.keystone import server as keystone_server

DOMAIN = 'default'
SERVICE_USER = 'senlin-lite'
SERVICE_PASSWORD = 'senlin-lite-secret'
SERVICE_TYPE = 'clustering'


def console_script(name):
    """A console script of the environment running this module."""
    return os.path.join(os.path.dirname(sys.executable), name)


def wait_http(url, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError('%s exited while starting' % process.name)
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError('%s did not answer within %ss' % (url, timeout))


class PrivateDatabase(object):
    """A PostgreSQL database of this run, dropped at the end."""

    def __init__(self, admin_url):
        self.admin_url = admin_url
        self.name = 'sl_tempest_%s' % uuid.uuid4().hex[:10]
        self.url = None

    def _execute(self, statement):
        engine = sa.create_engine(self.admin_url,
                                  isolation_level='AUTOCOMMIT',
                                  poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(statement))
        finally:
            engine.dispose()

    def create(self):
        self._execute('CREATE DATABASE %s' % self.name)
        self.url = sa.engine.make_url(self.admin_url).set(
            database=self.name).render_as_string(hide_password=False)
        return self.url

    def drop(self):
        if self.url:
            self._execute('DROP DATABASE IF EXISTS %s WITH (FORCE)'
                          % self.name)
            self.url = None


class Process(object):
    """A daemon with its output in ``<workdir>/<name>.log``."""

    def __init__(self, name, argv, workdir, env=None):
        self.name = name
        self.log_path = os.path.join(workdir, name + '.log')
        self._log = open(self.log_path, 'wb')
        self.popen = subprocess.Popen(
            argv, stdout=self._log, stderr=subprocess.STDOUT,
            env=dict(os.environ, **(env or {})))

    def poll(self):
        return self.popen.poll()

    def stop(self, timeout=15):
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._log.close()


class Keystone(object):
    """The test Keystone, with the clustering service in its catalog."""

    def __init__(self):
        self.server = keystone_server.KeystoneServer()
        self.url = None

    def start(self):
        self.server.start()
        self.url = self.server.url
        return self

    def admin(self):
        return openstack.connection.Connection(
            auth={'auth_url': self.url, 'username': 'admin',
                  'password': keystone_server.ADMIN_PASSWORD,
                  'project_name': 'admin', 'user_domain_id': DOMAIN,
                  'project_domain_id': DOMAIN},
            identity_api_version='3')

    def register(self, api_url):
        """The service account and the catalog entry of the API."""
        identity = self.admin().identity
        project = identity.create_project(name='service', domain_id=DOMAIN)
        user = identity.create_user(name=SERVICE_USER,
                                    password=SERVICE_PASSWORD,
                                    domain_id=DOMAIN)
        identity.assign_project_role_to_user(
            project, user, identity.find_role('service'))
        service = identity.create_service(
            name='senlin-lite', type=SERVICE_TYPE,
            description='senlin_lite node check and recovery')
        for interface in ('public', 'internal', 'admin'):
            identity.create_endpoint(
                service_id=service.id, interface=interface, url=api_url,
                region_id=keystone_server.REGION)

    def stop(self):
        self.server.stop()


def remove(path):
    if not os.environ.get(keystone_server.KEEP_ENV):
        shutil.rmtree(path, ignore_errors=True)
