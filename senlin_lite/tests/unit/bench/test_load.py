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

import socket
import threading
import time

from oslotest import base

from senlin_lite.bench import load


class FakeClient:
    """Accepts every POST at once; remembers when and by whom each went."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = []
        self.first_by_thread = {}
        self.connected = {}

    def connect(self):
        time.sleep(0.05)
        with self.lock:
            self.connected[threading.get_ident()] = time.monotonic()

    def call(self, method, path, body=None, params=None):
        now = time.monotonic()
        with self.lock:
            self.sent.append(now)
            self.first_by_thread.setdefault(threading.get_ident(), now)
            number = len(self.sent)
        return load.Response(202, b'{"action": "action-%d"}' % number)


class TestLoadRun(base.BaseTestCase):

    def _run(self, ramp_up, total, poll_interval=0.05):
        self.client = FakeClient()
        self.began = time.monotonic()
        # Every action has ended by the poller's next look, which frees
        # its node; a node gets its next action only then.
        return load.LoadRun(self.client, ['n1', 'n2', 'n3', 'n4'], total,
                            4, active_ids=lambda known: set(),
                            ramp_up=ramp_up,
                            poll_interval=poll_interval).run()

    def test_ramp_up_starts_the_threads_one_after_the_other(self):
        # 80 actions on 4 nodes take at least 20 looks of the poller
        # (1 s), so the last thread, 0.45 s in, still finds work.
        run = self._run(ramp_up=0.6, total=80)
        firsts = sorted(sent - self.began
                        for sent in self.client.first_by_thread.values())
        self.assertEqual(4, len(firsts))
        for index, offset in enumerate(firsts):
            self.assertGreaterEqual(offset, index * 0.15)
        self.assertEqual(80, run.done)
        self.assertEqual(80, len(run.latencies))
        self.assertEqual([], run.errors)

    def test_every_thread_connects_before_the_first_post(self):
        run = self._run(ramp_up=0, total=8)
        self.assertEqual(4, len(self.client.connected))
        self.assertLess(max(self.client.connected.values()),
                        min(self.client.sent))
        # The connections were opened before the clock started.
        self.assertEqual(8, len(run.latencies))
        self.assertTrue(all(latency < 0.05 for latency in run.latencies))

    def test_a_node_waits_for_the_poller_to_see_its_action_end(self):
        # 40 actions on 4 nodes: 10 rounds, each after one look.
        began = time.monotonic()
        run = self._run(ramp_up=0, total=40, poll_interval=0.1)
        self.assertGreaterEqual(time.monotonic() - began, 0.9)
        self.assertEqual(40, run.done)

    def test_every_action_is_sent_and_counted_with_a_ramp_up(self):
        run = self._run(ramp_up=0.2, total=12)
        self.assertEqual(12, len(self.client.sent))
        self.assertEqual(12, run.done)
        self.assertEqual(12, len(set(run.action_ids)))


class TestClientConnect(base.BaseTestCase):

    def test_a_refused_connection_is_left_to_the_request(self):
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        client = load.Client('http://127.0.0.1:%d' % port)
        client.connect()
        self.assertRaises(OSError, client.call, 'GET', '/')
