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

"""The node-action path end to end over RabbitMQ and PostgreSQL."""

import collections
from concurrent import futures
import re

from senlin_lite.tests.functional import client as api_client
from senlin_lite.tests.functional.daemons import base

NODES = 20
CHECKS_PER_NODE = 10
RECOVERS_PER_NODE = 1


class TestNodeActionsTwoEngines(base.DaemonTestCase):

    def setUp(self):
        super().setUp()
        self.deployment = self.deploy(base.pg_url(), engines=2,
                                      sim_delays={'build_delay': 0.05,
                                                  'rebuild_delay': 0.05,
                                                  'reboot_delay': 0.05,
                                                  'delete_delay': 0.05})
        self.client = api_client.ClusteringClient(self.deployment.url)

    def _run_node(self, node_id):
        """Checks, then a recover, each after the previous one ended."""
        results = []
        bodies = ([{'check': {}}] * CHECKS_PER_NODE +
                  [{'recover': {'operation': 'REBUILD'}}] * RECOVERS_PER_NODE)
        for body in bodies:
            resp = self.client.node_action(node_id, body)
            action = self.client.wait_action(self.client.action_id(resp))
            results.append(action)
        return results

    def test_checks_and_recovers_spread_over_two_engines(self):
        profile = self.client.create_profile('ft-prof')
        nodes = [self.client.create_node(profile['id'], 'ft-node-%02d' % i)
                 for i in range(NODES)]
        for node in nodes:
            self.assertEqual('ACTIVE', node['status'])

        with futures.ThreadPoolExecutor(NODES) as pool:
            per_node = list(pool.map(self._run_node,
                                     [n['id'] for n in nodes]))

        actions = [a for results in per_node for a in results]
        self.assertEqual(NODES * (CHECKS_PER_NODE + RECOVERS_PER_NODE),
                         len(actions))
        statuses = collections.Counter(a['status'] for a in actions)
        self.assertEqual({'SUCCEEDED': len(actions)}, dict(statuses),
                         [(a['action'], a['status_reason']) for a in actions
                          if a['status'] != 'SUCCEEDED'])
        kinds = collections.Counter(a['action'] for a in actions)
        self.assertEqual(NODES * CHECKS_PER_NODE, kinds['NODE_CHECK'])
        self.assertEqual(NODES * RECOVERS_PER_NODE, kinds['NODE_RECOVER'])

        for node in nodes:
            shown = self.client.get('/v1/nodes/%s' % node['id']).json()
            self.assertEqual('ACTIVE', shown['node']['status'])
            self.assertEqual(node['physical_id'],
                             shown['node']['physical_id'])

        # Every engine logs the actions it ran; both must have run some.
        ran = {}
        for engine in self.deployment.engines:
            ran[engine.name] = set(re.findall(
                r'Action ([0-9a-f-]{36}) \(\w+\) SUCCEEDED', engine.log()))
        for name, ids in ran.items():
            self.assertGreater(len(ids), 0, '%s ran no action' % name)
        self.assertEqual(set(), ran['engine0'] & ran['engine1'],
                         'an action ran on both engines')
