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

"""The cloud model without HTTP, the server object and the command."""

import threading
import time

from oslo_config import cfg

from senlin_lite.cmd import nova_sim
from senlin_lite.sim import cloud
from senlin_lite.sim import server
from senlin_lite.tests import base

REQUEST = {'name': 'vm', 'flavorRef': '1', 'imageRef': 'cirros'}


class TestCloud(base.TestCase):

    def test_transitions_are_evaluated_on_read(self):
        sim = cloud.Cloud(build_delay=0.05)
        snap = sim.create(REQUEST)
        self.assertEqual('BUILD', sim.show(snap['id'])['status'])
        time.sleep(0.06)
        shown = sim.show(snap['id'])
        self.assertEqual(('ACTIVE', None), (shown['status'],
                                            shown['task_state']))
        self.assertIsNotNone(shown['launched_at'])

    def test_a_snapshot_does_not_change_with_the_server(self):
        sim = cloud.Cloud(build_delay=0)
        server_id = sim.create(dict(REQUEST, metadata={'a': '1'}))['id']
        before = sim.show(server_id)
        sim.metadata(server_id, merge={'b': '2'})
        sim.metadata(server_id, remove='a')
        sim.update(server_id, {'name': 'renamed'})
        self.assertEqual(({'a': '1'}, 'vm', ['create']),
                         (before['metadata'], before['name'],
                          [h['action'] for h in before['history']]))
        after = sim.show(server_id)
        self.assertEqual(({'b': '2'}, 'renamed',
                          ['create', 'metadata', 'metadata', 'update']),
                         (after['metadata'], after['name'],
                          [h['action'] for h in after['history']]))

    def test_a_deleted_server_is_gone_once_its_delay_passed(self):
        sim = cloud.Cloud(build_delay=0, delete_delay=0.05)
        server_id = sim.create(REQUEST)['id']
        sim.delete(server_id)
        self.assertEqual('deleting', sim.show(server_id)['task_state'])
        time.sleep(0.06)
        error = self.assertRaises(cloud.SimError, sim.show, server_id)
        self.assertEqual(404, error.code)
        self.assertEqual([], sim.list())

    def test_unknown_config_key(self):
        self.assertRaises(ValueError, cloud.Cloud, warp_delay=1)
        self.assertRaises(ValueError, server.SimServer, build_delay=-1)

    def test_hard_reboot_allowed_from_error(self):
        sim = cloud.Cloud(build_delay=0)
        server_id = sim.create(REQUEST)['id']
        sim.set_status(server_id, 'ERROR')
        self.assertRaises(cloud.SimError, sim.action, server_id,
                          'reboot_soft', type='SOFT')
        snap = sim.action(server_id, 'reboot_hard', type='HARD')
        self.assertEqual('HARD_REBOOT', snap['status'])

    def test_concurrent_creates_and_reads(self):
        sim = cloud.Cloud(build_delay=0)
        ids, errors = [], []

        def worker():
            try:
                for _ in range(50):
                    snap = sim.create(REQUEST)
                    sim.show(snap['id'])
                    ids.append(snap['id'])
            except Exception as exc:   # noqa: B902 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([], errors)
        self.assertEqual(400, len(set(ids)))
        self.assertEqual(400, len(sim.list()))


class TestSimServer(base.TestCase):

    def test_urls_and_idempotent_stop(self):
        sim = server.SimServer(port=0)
        sim.start()
        self.addCleanup(sim.stop)
        self.assertTrue(sim.url.startswith('http://127.0.0.1:'))
        self.assertEqual(sim.url + '/v2.1', sim.compute_url)
        self.assertEqual(sim.url + '/image', sim.image_url)
        sim.stop()
        sim.stop()

    def test_port_in_use(self):
        first = server.SimServer(port=0).start()
        self.addCleanup(first.stop)
        second = server.SimServer(port=first.port)
        self.assertRaises(OSError, second.start)


class TestCommand(base.TestCase):

    def test_aliases(self):
        self.assertEqual(
            ['--nova_sim-host', '0.0.0.0', '--nova_sim-port=9',
             '--nova_sim-build_delay', '2', '--config-file', 'x'],
            nova_sim.translate_aliases(
                ['--host', '0.0.0.0', '--port=9', '--build-delay', '2',
                 '--config-file', 'x']))

    def test_serve_until_stopped(self):
        from senlin_lite.sim import opts as sim_opts
        sim_opts.register_opts(cfg.CONF)
        self.flags(group='nova_sim', port=0, build_delay=0.25)
        stop = threading.Event()
        result = []
        thread = threading.Thread(target=lambda: result.append(
            nova_sim.serve(stop)))
        thread.start()
        time.sleep(0.3)
        stop.set()
        thread.join(5)
        self.assertEqual([0], result)
