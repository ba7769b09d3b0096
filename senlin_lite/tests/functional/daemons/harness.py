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

"""What the failure tests share: a database inspector and API helpers.

The inspector reads the node and service tables directly (the API does
not show node locks); it goes through the project's table definitions
and a connection of its own, never through the daemons.
"""

from concurrent import futures
import re
import time

import sqlalchemy as sa
from testtools import content

from senlin_lite.db import models
from senlin_lite.sim import client as sim_client
from senlin_lite.tests.functional import client as api_client
from senlin_lite.tests.functional.daemons import backends

TERMINAL = api_client.TERMINAL
TRANSITIONAL = ('CREATING', 'UPDATING', 'DELETING', 'RECOVERING',
                'OPERATING')
QUICK_SIM = {'build_delay': 0.05, 'rebuild_delay': 0.05,
             'reboot_delay': 0.05, 'delete_delay': 0.05,
             'action_delay': 0.05}


class Inspector(object):
    """Reads rows straight from a deployment's database."""

    def __init__(self, url):
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)

    def close(self):
        self.engine.dispose()

    def _rows(self, table, *columns):
        with self.engine.connect() as conn:
            return conn.execute(sa.select(*[table.c[name]
                                            for name in columns])).all()

    def nodes(self):
        return self._rows(models.Node.__table__, 'id', 'name', 'status',
                          'status_reason', 'lock_action_id',
                          'lock_engine_id', 'active_action_id')

    def services(self):
        """{service id: host} of the registered engines."""
        return dict(self._rows(models.Service.__table__, 'id', 'host'))


class Scenario(object):
    """A deployment with a client, a simulator handle and an inspector."""

    def __init__(self, test, deployment):
        self.test = test
        self.deployment = deployment
        self.client = api_client.ClusteringClient(deployment.url)
        self.sim = sim_client.SimControl(deployment.sim_url)
        self.db = Inspector(deployment.db_url)
        test.addCleanup(self.db.close)

    def profile(self, name='ft-prof'):
        return self.client.create_profile(name)['id']

    def create_nodes(self, count, prefix='node', profile_id=None,
                     timeout=120):
        """``count`` ACTIVE nodes, created in parallel; their ids."""
        profile_id = profile_id or self.profile(prefix + '-prof')
        action_ids, node_ids = [], []
        for index in range(count):
            resp = self.client.post('/v1/nodes', {'node': {
                'name': '%s-%03d' % (prefix, index),
                'profile_id': profile_id}})
            assert resp.status_code == 202, resp.text
            node_ids.append(resp.json()['node']['id'])
            action_ids.append(self.client.action_id(resp))
        actions = self.wait_terminal(action_ids, timeout)
        failed = [a for a in actions.values() if a['status'] != 'SUCCEEDED']
        assert not failed, failed
        return node_ids

    def post_actions(self, node_ids, body, client=None):
        """One action per node; the action ids, in order."""
        client = client or self.client
        return [client.action_id(client.node_action(node_id, body))
                for node_id in node_ids]

    def actions(self):
        """{id: action} of every action of the test project."""
        resp = self.client.get('/v1/actions')
        assert resp.status_code == 200, resp.text
        return {a['id']: a for a in resp.json()['actions']}

    def wait_terminal(self, action_ids, timeout):
        """Wait until every action is terminal; {id: action}.

        Fails the test with the actions still pending after ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            every = self.actions()
            mine = {i: every[i] for i in action_ids}
            pending = [a for a in mine.values() if a['status'] not in
                       TERMINAL]
            if not pending:
                return mine
            if time.monotonic() > deadline:
                self.test.fail('%d action(s) not terminal after %ss: %s' % (
                    len(pending), timeout,
                    [(a['id'], a['action'], a['status'], a['owner'])
                     for a in pending]))
            time.sleep(0.1)

    def assert_succeeded(self, actions):
        """Every action of {id: action} SUCCEEDED; else say why not."""
        nodes = {n.id: n for n in self.db.nodes()}
        failed = [(a['action'], a['status'], a['status_reason'],
                   getattr(nodes.get(a['target']), 'status_reason', None))
                  for a in actions.values() if a['status'] != 'SUCCEEDED']
        self.test.assertEqual([], failed)

    def owners(self, action_ids):
        """{action id: owner} of those RUNNING now."""
        every = self.actions()
        return {i: every[i]['owner'] for i in action_ids
                if every[i]['status'] == 'RUNNING'}

    def engine_ids(self):
        """{engine process name: service id} of registered engines."""
        return {host: service_id
                for service_id, host in self.db.services().items()}

    def wait_engines(self, count, timeout=60):
        backends.wait_until(lambda: len(self.db.services()) >= count,
                            timeout, '%d engines registered' % count)

    def assert_nodes_settled(self):
        """No node locked, none in a transitional status."""
        problems = [(n.name, n.status, n.status_reason, n.lock_action_id,
                     n.lock_engine_id) for n in self.db.nodes()
                    if n.lock_action_id or n.lock_engine_id or
                    n.status in TRANSITIONAL]
        self.test.assertEqual([], problems)


def text(value):
    """A test detail holding ``value``."""
    return content.text_content(value)


def parallel(func, items, workers=16):
    with futures.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(func, items))


def succeeded_on(process):
    """Ids of the actions an engine's log says it ran to SUCCEEDED."""
    return set(re.findall(r'Action ([0-9a-f-]{36}) \(\w+\) SUCCEEDED',
                          process.log()))


def temp_database(test, backend):
    return test.useFixture(backends.TempDatabase(backend)).url
