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

"""Deploy senlin_lite on 127.0.0.1, run the tempest plugin, clean up.

The deployment: a real Keystone (see
senlin_lite.tests.functional.keystone.server) whose catalog has the
``clustering`` service, ``senlin-lite-api`` behind keystonemiddleware,
two engines, the compute simulator, the machine's RabbitMQ (an engine
topic of this run) and a PostgreSQL database of this run. Tempest uses
dynamic credentials made with Keystone's admin account.

Environment (all optional):

* ``SENLIN_LITE_TEMPEST_PG_ADMIN_URL``: a PostgreSQL URL of a user that
  may create databases (default: superuser postgres over 127.0.0.1);
* ``SENLIN_LITE_TEMPEST_TRANSPORT_URL``: the RabbitMQ URL (default guest
  on 127.0.0.1:5672);
* ``SENLIN_LITE_TEMPEST_REGEX``: what ``tempest run`` selects
  (default ``senlin_lite``);
* ``SENLIN_LITE_KEYSTONE_KEEP``: keep the work directory (logs).

Extra command-line arguments go to ``tempest run``.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import senlin_lite
from senlin_lite_tempest_plugin.deploy import services
from senlin_lite_tempest_plugin.deploy import tempest_conf

PG_ADMIN_URL = os.environ.get(
    'SENLIN_LITE_TEMPEST_PG_ADMIN_URL',
    'postgresql+psycopg2://postgres@127.0.0.1/postgres')
TRANSPORT_URL = os.environ.get('SENLIN_LITE_TEMPEST_TRANSPORT_URL',
                               'rabbit://guest:guest@127.0.0.1:5672/')
REGEX = os.environ.get('SENLIN_LITE_TEMPEST_REGEX', 'senlin_lite')
ENGINES = 2
SIM_DELAYS = {'build_delay': '0.3', 'rebuild_delay': '0.3',
              'reboot_delay': '0.2', 'delete_delay': '0.2',
              'action_delay': '0.2'}
PASTE = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(senlin_lite.__file__))), 'etc', 'senlin_lite',
    'api-paste.ini')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def log(message):
    print('[deploy %s] %s' % (time.strftime('%H:%M:%S'), message),
          flush=True)


class Deployment(object):
    """Everything of one run; ``stop()`` undoes whatever was started."""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix='senlin-lite-tempest-')
        self.api_url = 'http://127.0.0.1:%d' % free_port()
        self.sim_port = free_port()
        self.sim_url = 'http://127.0.0.1:%d' % self.sim_port
        self.keystone = services.Keystone()
        self.database = services.PrivateDatabase(PG_ADMIN_URL)
        self.processes = []

    def _config(self):
        ks_url = self.keystone.url
        return {
            'DEFAULT': {'transport_url': TRANSPORT_URL,
                        'cloud_backend': 'openstack_test',
                        'server_poll_interval': '0.05',
                        'periodic_interval': '2', 'batch_interval': '0'},
            'database': {'connection': self.database.url},
            'senlin_api': {'bind_host': '127.0.0.1',
                           'bind_port': self.api_url.rsplit(':', 1)[1],
                           'auth_strategy': 'keystone',
                           'api_paste_config': PASTE},
            'engine': {'topic': 'senlin-lite-tempest-%s'
                                % uuid.uuid4().hex[:8]},
            'nova_sim': dict(SIM_DELAYS, endpoint=self.sim_url,
                             port=str(self.sim_port)),
            'keystone_authtoken': {
                'www_authenticate_uri': ks_url, 'auth_url': ks_url,
                'auth_type': 'password', 'username': services.SERVICE_USER,
                'password': services.SERVICE_PASSWORD,
                'project_name': 'service', 'user_domain_id': 'default',
                'project_domain_id': 'default',
                'region_name': services.keystone_server.REGION},
        }

    def _start(self, name, script, env=None):
        argv = [services.console_script(script), '--config-file',
                self.config_file]
        process = services.Process(name, argv, self.workdir, env=env)
        self.processes.append(process)
        return process

    def start(self):
        log('work directory %s' % self.workdir)
        self.keystone.start()
        log('Keystone at %s' % self.keystone.url)
        self.keystone.register(self.api_url)
        self.database.create()
        log('database %s' % self.database.name)
        self.config_file = os.path.join(self.workdir, 'senlin_lite.conf')
        tempest_conf.write_ini(self.config_file, self._config())
        subprocess.run([services.console_script('senlin-lite-manage'),
                        '--config-file', self.config_file, 'db', 'sync'],
                       check=True, capture_output=True)
        sim = self._start('nova-sim', 'senlin-lite-nova-sim')
        services.wait_http(self.sim_url + '/sim/config', process=sim)
        api = self._start('api', 'senlin-lite-api')
        for index in range(ENGINES):
            self._start('engine%d' % index, 'senlin-lite-engine',
                        env={'OS_DEFAULT__HOST': 'engine%d' % index})
        services.wait_http(self.api_url + '/', process=api)
        log('API at %s, simulator at %s, %d engines'
            % (self.api_url, self.sim_url, ENGINES))

    def stop(self):
        for process in reversed(self.processes):
            process.stop()
        self.database.drop()
        self.keystone.stop()
        services.remove(self.workdir)


def run_tempest(deployment, extra_args):
    workspace = os.path.join(deployment.workdir, 'tempest')
    tempest = services.console_script('tempest')
    # A workspace registry of the run's own: ~/.tempest is left alone.
    subprocess.run([tempest, 'init', '--name', os.path.basename(
        deployment.workdir), '--workspace-path',
        os.path.join(deployment.workdir, 'workspace.yaml'), workspace],
        check=True, capture_output=True)
    tempest_conf.write_tempest_conf(
        os.path.join(workspace, 'etc', 'tempest.conf'),
        keystone_url=deployment.keystone.url,
        admin_password=services.keystone_server.ADMIN_PASSWORD,
        simulator_url=deployment.sim_url, log_dir=workspace)
    argv = [tempest, 'run', '--regex', REGEX, '--concurrency', '2']
    log('running %s' % ' '.join(argv[1:] + list(extra_args)))
    return subprocess.run(argv + list(extra_args), cwd=workspace).returncode


def dump_logs(deployment):
    for process in deployment.processes:
        with open(process.log_path, errors='replace') as f:
            tail = f.readlines()[-40:]
        print('---- last lines of %s.log ----' % process.name)
        sys.stdout.writelines(tail)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    started = time.monotonic()
    deployment = Deployment()
    rc = 1
    try:
        deployment.start()
        rc = run_tempest(deployment, argv)
        if rc:
            dump_logs(deployment)
    finally:
        deployment.stop()
    log('tempest exit status %d after %.0fs' % (rc,
                                                time.monotonic() - started))
    return rc


if __name__ == '__main__':
    sys.exit(main())
