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

"""Shared setup: a real simulator and a node to run the profile on."""

import copy
import types
import warnings

from senlin_lite.profiles import compute
from senlin_lite.profiles import os_nova_server
from senlin_lite.tests import base
from senlin_lite.tests import fixtures as senlin_fixtures

FAST = {'build_delay': 0.05, 'reboot_delay': 0.05, 'rebuild_delay': 0.05,
        'delete_delay': 0.05, 'action_delay': 0.05}

PROPERTIES = {'flavor': '1', 'image': 'cirros-0.4.0-x86_64-disk',
              'networks': [{'network': 'private'}]}


def make_node(**fields):
    values = {'id': 'node-1', 'name': 'node1', 'physical_id': None,
              'data': {}, 'cluster_id': '', 'index': -1}
    values.update(fields)
    return types.SimpleNamespace(**values)


def make_profile(**properties):
    props = copy.deepcopy(PROPERTIES)
    props.update(properties)
    props = {k: v for k, v in props.items() if v is not None}
    spec = {'type': 'os.nova.server', 'version': '1.0',
            'properties': props}
    return os_nova_server.ServerProfile(id='prof-1', name='prof',
                                        spec=spec)


class ProfileTestCase(base.TestCase):
    """``self.sim`` / ``self.control``; the profile talks to the sim."""

    def setUp(self):
        super().setUp()
        warnings.simplefilter('ignore', DeprecationWarning)
        fixture = self.useFixture(senlin_fixtures.Simulator(**FAST))
        self.sim, self.control = fixture.server, fixture.control
        self.addCleanup(compute.reset_connections)
        self.profile = make_profile()

    def created_node(self, profile=None, **fields):
        node = make_node(**fields)
        node.physical_id = (profile or self.profile).do_create(
            node).physical_id
        return node

    def state(self, node):
        return self.control.server(node.physical_id)

    def history(self, node):
        return [h['action'] for h in self.state(node)['history']]
