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

"""The message broker or the database goes away, and comes back.

Each test stops a server of its own (``backends.Private*``), for real,
so that nobody else on the machine notices: a private RabbitMQ node for
the broker outage (with a database of the test's own on the machine's
PostgreSQL or MariaDB), a private PostgreSQL or MariaDB server for the
database outage (with the machine's RabbitMQ).
"""

import json
import threading
import time

from senlin_lite.tests.functional import client as api_client
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import base
from senlin_lite.tests.functional.daemons import harness

BROKER_PERIODIC = 5
CHECKS = 100
DB_PERIODIC = 1
DB_DOWN_TIME = 4
OUTAGE = 10
UNAVAILABLE = {
    'code': 503, 'title': 'Service Unavailable',
    'explanation': 'The server is currently unavailable. Please try again '
                   'at a later time.',
    'error': {'code': 503, 'type': 'ServiceUnavailable',
              'message': 'The database is unavailable; the request was not '
                         'processed. Please retry later.'}}


class _BrokerOutage(object):
    """RabbitMQ stopped while checks are posted, then started again."""

    backend = None

    def setUp(self):
        super().setUp()
        self.rabbit = self.useFixture(backends.PrivateRabbit())
        url = harness.temp_database(self, self.backend)
        self.deployment = self.deploy(url, engines=2, extra={
            'DEFAULT': {'transport_url': self.rabbit.url,
                        'periodic_interval': BROKER_PERIODIC},
            'engine': {'cast_retry_backoff': 2, 'threads': 16}},
            sim_delays=harness.QUICK_SIM)
        self.addOnException(lambda exc_info: self.addDetail(
            'rabbitmq.log', harness.text(self.rabbit.log())))
        self.scenario = harness.Scenario(self, self.deployment)
        self.scenario.wait_engines(2)

    def _post_check(self, node_id):
        resp = self.scenario.client.node_action(node_id, {'check': {}})
        return resp.status_code, resp

    def test_checks_posted_while_rabbitmq_is_down(self):
        scenario = self.scenario
        nodes = scenario.create_nodes(CHECKS, 'rmq')
        self.rabbit.stop()
        began = time.monotonic()
        answers = harness.parallel(self._post_check, nodes, workers=8)
        posting = time.monotonic() - began
        self.assertEqual([202] * CHECKS, [code for code, _ in answers],
                         [r.text for code, r in answers if code != 202])
        # Requests do not wait on the broker: at most one connection
        # attempt each while casts are paused.
        self.assertLess(posting, 30)
        self.rabbit.start()
        action_ids = [scenario.client.action_id(r) for _, r in answers]
        actions = scenario.wait_terminal(action_ids, 4 * BROKER_PERIODIC)
        scenario.assert_succeeded(actions)
        self._assert_casts_work_again(nodes[:10])

    def _assert_casts_work_again(self, nodes):
        """Engines and API are back on the broker, with no restart."""
        for engine in self.deployment.engines:
            backends.wait_until(
                lambda: 'Reconnected to AMQP server' in engine.log(), 60,
                '%s reconnected to RabbitMQ' % engine.name)
        scenario = self.scenario
        # The API's first cast after its pause reconnects it.
        deadline = time.monotonic() + 60
        while True:
            action_id = scenario.post_actions(nodes[:1], {'check': {}})[0]
            started = time.monotonic()
            scenario.wait_terminal([action_id], 4 * BROKER_PERIODIC)
            if time.monotonic() - started < BROKER_PERIODIC / 2.0:
                break  # run on a cast, not by the periodic sweep
            self.assertLess(time.monotonic(), deadline,
                            'casts do not reach the engines')
        for engine in self.deployment.engines:
            self.assertTrue(engine.running)


class BrokerOutagePostgreSQLTest(_BrokerOutage, base.DaemonTestCase):
    backend = backends.POSTGRESQL


class BrokerOutageMariaDBTest(_BrokerOutage, base.DaemonTestCase):
    backend = backends.MYSQL


class _Load(object):
    """Posts checks round the nodes and records every answer."""

    def __init__(self, url, nodes):
        self.client = api_client.ClusteringClient(url)
        self.nodes = nodes
        self.answers = []   # (monotonic time, status, body text)
        self.accepted = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._done.set()
        self._thread.join(60)

    def _run(self):
        index = 0
        while not self._done.is_set():
            node_id = self.nodes[index % len(self.nodes)]
            index += 1
            sent = time.monotonic()
            resp = self.client.node_action(node_id, {'check': {}})
            self.answers.append((sent, resp.status_code, resp.text))
            if resp.status_code == 202:
                self.accepted.append(self.client.action_id(resp))
            if index % 5 == 0:
                resp = self.client.get('/v1/nodes')
                self.answers.append((sent, resp.status_code, resp.text))
            time.sleep(0.02)


class _DatabaseOutage(object):
    """The database stopped for OUTAGE seconds under load."""

    server = None

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(self.server())
        self.addOnException(lambda exc_info: self.addDetail(
            'database.log', harness.text(self.database.log())))
        self.deployment = self.deploy(self.database.url, engines=2, extra={
            'DEFAULT': {'periodic_interval': DB_PERIODIC,
                        'service_down_time': DB_DOWN_TIME}},
            sim_delays=dict(harness.QUICK_SIM, api_delay=0.2))
        self.scenario = harness.Scenario(self, self.deployment)
        self.scenario.wait_engines(2)

    def test_database_stopped_under_load(self):
        scenario = self.scenario
        nodes = scenario.create_nodes(12, 'dbo')
        engines_before = scenario.db.services()
        load = _Load(self.deployment.url, nodes)
        load.start()
        self.addCleanup(load.stop)
        time.sleep(2)
        self.database.stop()
        down = time.monotonic()
        time.sleep(OUTAGE)
        up = time.monotonic()
        self.database.start()
        time.sleep(5)
        load.stop()

        during = [(code, text) for sent, code, text in load.answers
                  if down + 0.5 < sent < up - 0.5]
        self.assertGreater(len(during), 10)
        self.assertEqual({503}, {code for code, _ in during})
        self.assertEqual(UNAVAILABLE, json.loads(during[0][1]))
        codes = {code for _, code, _ in load.answers}
        self.assertEqual(set(), codes - {200, 202, 409, 503})
        self.assertFalse([text for _, _, text in load.answers
                          if 'Traceback' in text])
        self.assertNotIn('Traceback', self.deployment.api.log())
        self.assertIn(202, [code for sent, code, _ in load.answers
                            if sent > up + 3])

        actions = scenario.wait_terminal(load.accepted, 60)
        scenario.assert_succeeded(actions)
        scenario.assert_nodes_settled()
        # The same engines, still registered: none restarted, none was
        # taken for dead by the other.
        for engine in self.deployment.engines:
            self.assertTrue(engine.running)
            self.assertNotIn('sent no heartbeat', engine.log())
        self.assertEqual(engines_before, scenario.db.services())


class DatabaseOutagePostgreSQLTest(_DatabaseOutage, base.DaemonTestCase):
    server = backends.PrivatePostgres


class DatabaseOutageMariaDBTest(_DatabaseOutage, base.DaemonTestCase):
    server = backends.PrivateMariaDB
