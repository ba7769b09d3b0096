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

"""Racing requests and racing engines on PostgreSQL and MariaDB.

Two API processes and three engines on one database: the conditional
UPDATEs of the database layer must let exactly one request take a
node's action slot, and exactly one engine claim an action.
"""

import collections
import threading

from senlin_lite.tests.functional import client as api_client
from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import base
from senlin_lite.tests.functional.daemons import harness

RACERS = 50
NODES = 24


class _Concurrency(object):

    backend = None

    def setUp(self):
        super().setUp()
        url = harness.temp_database(self, self.backend)
        self.deployment = self.deploy(url, engines=3, apis=2, extra={
            'DEFAULT': {'periodic_interval': 1}},
            sim_delays=harness.QUICK_SIM)
        self.scenario = harness.Scenario(self, self.deployment)
        self.scenario.wait_engines(3)

    def _race(self, node_id):
        """RACERS checks on one node at once, through both APIs."""
        barrier = threading.Barrier(RACERS)
        urls = self.deployment.urls

        def post(index):
            client = api_client.ClusteringClient(urls[index % len(urls)])
            barrier.wait(30)
            return client.node_action(node_id, {'check': {}})

        return harness.parallel(post, range(RACERS), workers=RACERS)

    def _start_events(self, node_id):
        resp = self.scenario.client.get('/v1/events?oid=%s' % node_id)
        self.assertEqual(200, resp.status_code, resp.text)
        return [e for e in resp.json()['events']
                if e['status'] == 'start' and e['action'] == 'NODE_CHECK']

    def test_one_winner_per_node_and_per_claim(self):
        scenario = self.scenario
        nodes = scenario.create_nodes(NODES, 'race')
        # The winner's check is still running when the last answer goes.
        scenario.sim.configure(api_delay=3)
        answers = self._race(nodes[0])
        codes = collections.Counter(r.status_code for r in answers)
        self.assertEqual({202: 1, 409: RACERS - 1}, dict(codes),
                         [r.text for r in answers if r.status_code >= 500])
        kinds = {r.json()['error']['type'] for r in answers
                 if r.status_code == 409}
        self.assertLessEqual(kinds, {'ActionConflict', 'ResourceIsLocked'})
        scenario.sim.configure(api_delay=0)
        winner = [scenario.client.action_id(r) for r in answers
                  if r.status_code == 202]
        scenario.assert_succeeded(scenario.wait_terminal(winner, 30))
        started = self._start_events(nodes[0])
        self.assertEqual(1, len(started))
        # On PostgreSQL the start statement builds this event in SQL; on
        # MariaDB the transaction builds it in Python: both must match.
        self.assertEqual(
            {'oid': nodes[0], 'oname': 'race-000', 'otype': 'NODE',
             'cluster_id': '', 'level': 'INFO', 'action': 'NODE_CHECK',
             'status': 'start', 'status_reason': winner[0][:8]},
            {key: started[0][key] for key in (
                'oid', 'oname', 'otype', 'cluster_id', 'level', 'action',
                'status', 'status_reason')})

        # One check per node through both APIs at once: every action is
        # claimed by exactly one of the three engines (casts and the
        # sweeps of all engines race for it).
        def post(args):
            index, node_id = args
            client = api_client.ClusteringClient(
                self.deployment.urls[index % 2])
            return client.action_id(client.node_action(node_id,
                                                       {'check': {}}))

        checks = harness.parallel(post, list(enumerate(nodes[1:])))
        scenario.assert_succeeded(scenario.wait_terminal(checks, 60))
        runs = collections.Counter()
        for engine in self.deployment.engines:
            runs.update(harness.succeeded_on(engine) & set(checks))
        self.assertEqual({1}, set(runs.values()))
        self.assertEqual(len(checks), len(runs))
        for node_id in nodes[1:]:
            self.assertEqual(1, len(self._start_events(node_id)))
        scenario.assert_nodes_settled()


class ConcurrencyPostgreSQLTest(_Concurrency, base.DaemonTestCase):
    backend = backends.POSTGRESQL


class ConcurrencyMariaDBTest(_Concurrency, base.DaemonTestCase):
    backend = backends.MYSQL
