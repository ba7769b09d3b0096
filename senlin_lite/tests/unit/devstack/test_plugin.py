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

"""devstack/plugin.sh under a stand-in for devstack.

devstack cannot run here, so tests/unit/devstack/harness.sh provides the
devstack functions the plugin calls (recording each call; iniset writes
a real file). The tests source devstack/settings and devstack/plugin.sh
the way devstack does, phase by phase, then check the calls and load the
configuration file the plugin wrote with senlin_lite's options. They test
our scripts, not devstack.
"""

import configparser
import os
import subprocess

import fixtures

from senlin_lite import conf
from senlin_lite.tests import base

CONF = conf.CONF
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
STACK_PHASES = [('stack', 'pre-install'), ('stack', 'install'),
                ('stack', 'post-config'), ('stack', 'extra'),
                ('stack', 'test-config')]

SCRIPT = """
set -o errexit
set -o nounset
source "{harness}"
source "{top}/devstack/settings"
for phase in {phases}; do
    source "{top}/devstack/plugin.sh" ${{phase%%:*}} ${{phase#*:}}
done
"""


class TestDevstackPlugin(base.TestCase):

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.calls_file = os.path.join(self.tmp, 'calls')
        open(self.calls_file, 'w').close()
        self.conf_dir = os.path.join(self.tmp, 'etc', 'senlin_lite')
        self.conf_file = os.path.join(self.conf_dir, 'senlin_lite.conf')

    def run_phases(self, phases):
        script = SCRIPT.format(
            harness=os.path.join(HERE, 'harness.sh'), top=TOP,
            phases=' '.join('%s:%s' % phase for phase in phases))
        env = dict(os.environ, HARNESS_DIR=self.tmp,
                   HARNESS_CALLS=self.calls_file, SENLIN_LITE_DIR=TOP)
        result = subprocess.run(['bash', '-c', script], env=env,
                                capture_output=True, text=True)
        self.assertEqual(0, result.returncode,
                         result.stdout + result.stderr)
        with open(self.calls_file) as f:
            return [line.split() for line in f.read().splitlines()]

    def test_stack_writes_a_config_senlin_lite_loads(self):
        calls = self.run_phases(STACK_PHASES)
        CONF(['--config-file', self.conf_file], project='senlin_lite',
             default_config_files=[])
        self.assertEqual('mysql+pymysql://root:secret@127.0.0.1/'
                         'senlin_lite?charset=utf8',
                         CONF.database.connection)
        self.assertEqual('keystone', CONF.senlin_api.auth_strategy)
        self.assertEqual(os.path.join(self.conf_dir, 'api-paste.ini'),
                         CONF.senlin_api.api_paste_config)
        self.assertTrue(os.path.exists(CONF.senlin_api.api_paste_config))
        self.assertEqual('openstack', CONF.cloud_backend)
        self.assertEqual('senlin-lite-engine', CONF.engine.topic)
        self.assertEqual('password', CONF.compute_auth.auth_type)
        self.assertEqual('RegionOne', CONF.compute_auth.region_name)

        raw = configparser.RawConfigParser()
        raw.read(self.conf_file)
        self.assertEqual(
            {'DEFAULT', 'database', 'engine', 'senlin_api',
             'keystone_authtoken', 'compute_auth'},
            set(raw.sections()) | {'DEFAULT'})
        self.assertEqual('rabbit://stackrabbit:secret@127.0.0.1:5672/',
                         raw['DEFAULT']['transport_url'])
        self.assertEqual('senlin-lite', raw['keystone_authtoken']['username'])
        self.assertEqual('senlin-lite', raw['compute_auth']['username'])

        self.assertIn(['setup_develop', TOP], calls)
        self.assertIn(['create_service_user', 'senlin-lite'], calls)
        self.assertIn(['get_or_create_service', 'senlin-lite', 'clustering',
                       'senlin_lite', 'node', 'check', 'and', 'recovery'],
                      calls)
        self.assertIn(['get_or_create_endpoint', 'clustering', 'RegionOne',
                       'http://127.0.0.1/clustering'], calls)
        self.assertIn(['recreate_database', 'senlin_lite'], calls)
        self.assertIn(['senlin-lite-manage', '--config-file',
                       self.conf_file, 'db', 'sync'], calls)

    def test_stack_starts_api_and_engines(self):
        calls = self.run_phases(STACK_PHASES)
        uwsgi = [c for c in calls if c[0] == 'write_uwsgi_config']
        self.assertEqual([['write_uwsgi_config',
                           os.path.join(self.conf_dir,
                                        'senlin-lite-api-uwsgi.ini'),
                           'senlin_lite.wsgi.api:application',
                           '/clustering', 'senlin-lite-api']], uwsgi)
        started = [c[1] for c in calls if c[0] == 'run_process']
        self.assertEqual(['senlin-lite-api', 'senlin-lite-engine',
                          'senlin-lite-engine-2'], started)
        engine = [c for c in calls if c[:2] == ['run_process',
                                                'senlin-lite-engine']][0]
        self.assertEqual(os.path.join(self.tmp, 'bin', 'senlin-lite-engine'),
                         engine[2])
        self.assertEqual(['--config-file', self.conf_file], engine[3:])

    def test_tempest_options(self):
        self.run_phases(STACK_PHASES)
        raw = configparser.RawConfigParser()
        raw.read(os.path.join(self.tmp, 'tempest.conf'))
        self.assertEqual('True', raw['service_available']['senlin_lite'])
        self.assertEqual('clustering', raw['clustering']['catalog_type'])

    def test_unstack_and_clean(self):
        self.run_phases(STACK_PHASES)
        calls = self.run_phases([('unstack', ''), ('clean', '')])
        stopped = [c[1] for c in calls if c[0] == 'stop_process']
        self.assertEqual(['senlin-lite-api', 'senlin-lite-engine',
                          'senlin-lite-engine-2'], stopped)
        self.assertFalse(os.path.exists(self.conf_dir))
