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


"""Base of the engine tests: SQLite file, ``fake:/`` RPC, real simulator.

The engine runs in this process exactly as in the all-in-one service;
actions reach it through ``EngineAPI.start_action`` casts (or its sweep),
and the os.nova.server profile talks HTTP to a compute simulator with
tiny delays.
"""

import time

from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.db import api as db_api
from senlin_lite.engine import rpcapi
from senlin_lite.engine import service
from senlin_lite.tests import base
from senlin_lite.tests import fixtures as senlin_fixtures
from senlin_lite.tests.unit.db import utils as db_utils

SIM_DELAYS = {'build_delay': 0.02, 'reboot_delay': 0.02,
              'rebuild_delay': 0.02, 'delete_delay': 0.02,
              'action_delay': 0.02}

NOVA_SPEC = {
    'type': 'os.nova.server',
    'version': '1.0',
    'properties': {
        'flavor': '1',
        'name': 'engine-test',
        'image': 'cirros-0.6.2-x86_64-disk',
    },
}


class EngineTestCase(base.DBTestCase):
    """One running engine; helpers to create nodes and run actions."""

    sim_delays = SIM_DELAYS
    engine_threads = None

    def setUp(self):
        super().setUp()
        self.useFixture(senlin_fixtures.Messaging())
        self.sim = self.useFixture(
            senlin_fixtures.Simulator(**self.sim_delays))
        self.flags(periodic_interval=60, lock_retry_interval=0,
                   batch_interval=0)
        self.ctx = db_utils.make_context()
        self.admin = context.get_admin_context()
        self.engine = self.start_engine(threads=self.engine_threads)
        self.rpc = rpcapi.EngineAPI()
        self.profile = db_utils.create_profile(self.ctx, spec=NOVA_SPEC)

    def start_engine(self, **kwargs):
        engine = service.EngineService(**kwargs).start()
        self.addCleanup(engine.wait)
        self.addCleanup(engine.stop, graceful=False)
        return engine

    # -- actions ---------------------------------------------------------

    def new_action(self, node_id, name, inputs=None, **values):
        """Insert a READY action the way the API does (no cast)."""
        values = db_utils.action_values(self.ctx, name, inputs=inputs or {},
                                        **values)
        return db_api.action_create_for_node(
            self.ctx, node_id, values,
            exclusive=name not in consts.FORCED_LOCK_ACTIONS)

    def cast(self, action_id):
        self.rpc.start_action(self.ctx, action_id)

    def run_action(self, node_id, name, inputs=None, **values):
        """Create, cast and wait for the end of an action; returns it."""
        action = self.new_action(node_id, name, inputs, **values)
        self.cast(action.id)
        return self.wait_action(action.id)

    def start_held_reboot(self, node_id, seconds=30):
        """A REBOOT recover the simulator holds for ``seconds``, started.

        Returns the action once the node is RECOVERING.
        """
        self.sim.control.configure(reboot_delay=seconds)
        action = self.new_action(node_id, consts.NODE_RECOVER,
                                 {'operation': 'REBOOT'})
        self.cast(action.id)
        self.wait_node(node_id, consts.NODE_RECOVERING)
        return action

    def wait_action(self, action_id, statuses=consts.ACTION_TERMINAL_STATUSES,
                    timeout=15):
        deadline = time.monotonic() + timeout
        while True:
            action = db_api.action_get(self.admin, action_id)
            if action.status in statuses:
                return action
            if time.monotonic() > deadline:
                self.fail('Action %s still %s after %ss' %
                          (action_id, action.status, timeout))
            time.sleep(0.01)

    def wait_node(self, node_id, status, timeout=15):
        deadline = time.monotonic() + timeout
        while True:
            node = self.node(node_id)
            if node is not None and node.status == status:
                return node
            if time.monotonic() > deadline:
                self.fail('Node %s not %s after %ss' %
                          (node_id, status, timeout))
            time.sleep(0.01)

    # -- nodes -----------------------------------------------------------

    def node(self, node_id):
        return db_api.node_get(self.admin, node_id, project_safe=False)

    def new_node(self, name='node-1'):
        """A node in INIT and its READY NODE_CREATE action."""
        return db_utils.create_node(self.ctx, self.profile.id, name=name)

    def active_node(self, name='node-1'):
        """A node created through the engine: ACTIVE with a server."""
        node, action = self.new_node(name)
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status,
                         action.status_reason)
        return self.node(node.id)

    def events(self, action=None, node_id=None):
        filters = {}
        if node_id:
            filters['oid'] = node_id
        if action:
            filters['action'] = action
        return db_api.event_get_all(self.admin, filters=filters,
                                    project_safe=False,
                                    sort=[('timestamp', 'asc')])

    def phases(self, node_id, action_name):
        return [(e.level, e.status, e.status_reason)
                for e in self.events(action_name, node_id)]

    def assert_lock_free(self, node_id):
        node = self.node(node_id)
        self.assertIsNone(node.lock_action_id)
        self.assertIsNone(node.active_action_id)
