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

"""API + engine + compute simulator in this process, over HTTP.

The API listens on a real socket; the engine consumes the in-memory
``fake:/`` transport; the database is a SQLite file of the test's own.
"""

from senlin_lite.api import app as api_app
from senlin_lite.common import wsgi_server
from senlin_lite.engine import service as engine_service
from senlin_lite.tests import base
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.functional import client as api_client

SIM_DELAYS = {'build_delay': 0.05, 'reboot_delay': 0.05,
              'rebuild_delay': 0.05, 'delete_delay': 0.05,
              'action_delay': 0.05}


class InProcessTestCase(base.TestCase):

    sim_delays = SIM_DELAYS

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(senlin_fixtures.Database())
        self.useFixture(senlin_fixtures.Messaging())
        self.sim = self.useFixture(
            senlin_fixtures.Simulator(**self.sim_delays))
        self.flags(auth_strategy='noauth', group='senlin_api')
        self.flags(periodic_interval=1, lock_retry_interval=1)
        self.engine = engine_service.EngineService()
        self.engine.start()
        self.addCleanup(self._stop_engine)
        server = wsgi_server.Server(api_app.load_app(), '127.0.0.1', 0,
                                    threads=8, name='test-api')
        server.start()
        self.addCleanup(server.stop)
        self.client = api_client.ClusteringClient(server.url)
        self.admin = api_client.ClusteringClient(server.url, roles='admin')

    def _stop_engine(self):
        self.engine.stop(graceful=False)
        self.engine.wait()

    def make_node(self, name='node-1', profile_name='prof-1'):
        profile = self.client.create_profile(profile_name)
        return self.client.create_node(profile['id'], name)

    def assert_error(self, resp, code, etype, message):
        self.assertEqual(code, resp.status_code, resp.text)
        body = resp.json()
        self.assertEqual(etype, body['error']['type'])
        self.assertEqual(message, body['error']['message'])
