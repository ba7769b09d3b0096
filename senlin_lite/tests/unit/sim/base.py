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

"""Shared setup: a real simulator on a free port and an SDK connection."""

import time
import warnings

import openstack

from senlin_lite.sim import client
from senlin_lite.sim import server
from senlin_lite.tests import base

FAST = {'build_delay': 0.05, 'reboot_delay': 0.05, 'rebuild_delay': 0.05,
        'delete_delay': 0.05, 'action_delay': 0.05}


class SimTestCase(base.TestCase):
    """Starts a SimServer; ``self.conn`` is openstacksdk pointed at it."""

    delays = FAST

    def setUp(self):
        super().setUp()
        warnings.simplefilter('ignore', DeprecationWarning)
        self.sim = server.SimServer(**self.delays)
        self.sim.start()
        self.addCleanup(self.sim.stop)
        self.control = client.SimControl(self.sim.url)
        self.addCleanup(self.control.close)
        self.conn = openstack.connection.Connection(
            auth_type='none', compute_endpoint_override=self.sim.compute_url,
            image_endpoint_override=self.sim.image_url)
        self.addCleanup(self.conn.close)

    def create(self, name='vm', wait=True, **attrs):
        attrs.setdefault('flavor_id', '1')
        attrs.setdefault('image_id', self.conn.image.find_image(
            'cirros', ignore_missing=False).id)
        attrs.setdefault('networks', 'auto')
        server = self.conn.compute.create_server(name=name, **attrs)
        if wait:
            server = self.conn.compute.wait_for_server(server, interval=0.01,
                                                       wait=5)
        return server

    def wait_status(self, server_id, status, timeout=5):
        """Poll the real API until status (and no task) or fail."""
        deadline = time.monotonic() + timeout
        while True:
            server = self.conn.compute.get_server(server_id)
            if server.status == status and not server.task_state:
                return server
            if time.monotonic() > deadline:
                self.fail('server %s stuck in %s/%s, wanted %s' % (
                    server_id, server.status, server.task_state, status))
            time.sleep(0.01)
