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

"""How the dispatcher claims: several actions per claim, queued in order.

The database is replaced by a record of the claims asked for, and each
action's work by a wait the test ends, so that which ids go together in
a claim, and when, is what the test decides.
"""

import threading
import types
from unittest import mock

from senlin_lite.db import api as db_api
from senlin_lite.engine import dispatcher as engine_dispatcher
from senlin_lite.tests import base


class ClaimBatchTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.claims = []
        self.lost = set()
        self.running = {}
        self._lock = threading.Lock()
        patcher = mock.patch.object(db_api, 'actions_start',
                                    side_effect=self._claim)
        patcher.start()
        self.addCleanup(patcher.stop)
        patcher = mock.patch.object(engine_dispatcher.Dispatcher, '_work',
                                    autospec=True, side_effect=self._work)
        patcher.start()
        self.addCleanup(patcher.stop)

    def dispatcher(self, threads, **flags):
        self.flags(group='engine', **flags)
        dispatcher = engine_dispatcher.Dispatcher('e1', threads=threads)
        self.addCleanup(self._stop, dispatcher)
        return dispatcher

    def _stop(self, dispatcher):
        # Before the patches go: no claim may reach the real database.
        dispatcher.stop_accepting()
        self.assertTrue(self._wait(lambda: self.end_all() or
                                   dispatcher.wait_idle(0)))
        dispatcher.close()

    def test_an_empty_list_claims_nothing(self):
        # An API process opens its broker connection with such a cast.
        dispatcher = self.dispatcher(threads=2)
        self.assertEqual(0, dispatcher.dispatch_many([]))
        self.assertEqual([], self.claims)
        self.assertEqual(0, dispatcher.busy)

    def _claim(self, context, action_ids, engine_id, start_event):
        self.claims.append(list(action_ids))
        return [types.SimpleNamespace(action=types.SimpleNamespace(id=id_))
                for id_ in action_ids if id_ not in self.lost]

    def _work(self, dispatcher, start):
        done = threading.Event()
        with self._lock:
            self.running[start.action.id] = done
        try:
            done.wait(10)
        finally:
            dispatcher._release(start.action.id)

    def end(self, dispatcher, *action_ids):
        """End the work of ``action_ids`` and wait for their workers."""
        busy = dispatcher.busy
        for action_id in action_ids:
            with self._lock:
                self.running.pop(action_id).set()
        self.assertTrue(self._wait(
            lambda: dispatcher.busy <= busy - len(action_ids) or
            len(self.running) >= busy))

    def end_all(self):
        with self._lock:
            for done in self.running.values():
                done.set()

    def _wait(self, condition, timeout=5):
        event = threading.Event()
        for _ in range(int(timeout / 0.01)):
            if condition():
                return True
            event.wait(0.01)
        return condition()

    def wait_running(self, count):
        self.assertTrue(self._wait(lambda: len(self.running) == count),
                        sorted(self.running))

    def test_one_claim_for_the_ids_of_a_cast(self):
        dispatcher = self.dispatcher(threads=8)
        self.assertEqual(3, dispatcher.dispatch_many(['a', 'b', 'c']))
        self.assertEqual([['a', 'b', 'c']], self.claims)
        self.wait_running(3)

    def test_lost_claims_free_their_workers(self):
        self.lost = {'b'}
        dispatcher = self.dispatcher(threads=8)
        dispatcher.dispatch_many(['a', 'b', 'c'])
        self.wait_running(2)
        self.assertEqual({'a', 'c'}, set(self.running))
        self.assertEqual(2, dispatcher.busy)
        self.assertEqual({'a', 'c'}, dispatcher.in_flight())

    def test_a_saturated_engine_claims_queued_ids_together(self):
        # 8 workers: a batch of 2 (a quarter of the pool, under the
        # configured 8).
        dispatcher = self.dispatcher(threads=8)
        self.assertEqual(2, dispatcher.claim_batch)
        busy = ['w%d' % index for index in range(8)]
        dispatcher.dispatch_many(busy + ['q1', 'q2', 'q3'])
        self.wait_running(8)
        self.assertEqual(3, dispatcher.queued())
        # One free worker is not enough while two or more ids wait...
        self.end(dispatcher, 'w0')
        self.assertEqual(3, dispatcher.queued())
        self.assertEqual(1, len(self.claims))
        # ...two are: the two oldest go in one claim.
        self.end(dispatcher, 'w1')
        self.wait_running(8)
        self.assertEqual(['q1', 'q2'], self.claims[-1])
        # The last queued id does not wait for a second free worker.
        self.end(dispatcher, 'w2')
        self.wait_running(8)
        self.assertEqual(['q3'], self.claims[-1])
        self.assertEqual(0, dispatcher.queued())

    def test_new_ids_wait_behind_queued_ones(self):
        dispatcher = self.dispatcher(threads=4, claim_batch=1)
        dispatcher.dispatch_many(['w0', 'w1', 'w2', 'w3', 'q1'])
        self.wait_running(4)
        self.end(dispatcher, 'w0')
        self.wait_running(4)
        dispatcher.dispatch_many(['q2'])
        self.assertEqual(['q1'], self.claims[-1])
        self.end(dispatcher, 'w1')
        self.wait_running(4)
        self.assertEqual(['q2'], self.claims[-1])

    def test_claim_batch_one_claims_as_soon_as_a_worker_frees(self):
        dispatcher = self.dispatcher(threads=8, claim_batch=1)
        self.assertEqual(1, dispatcher.claim_batch)
        dispatcher.dispatch_many(['w%d' % index for index in range(8)] +
                                 ['q1', 'q2'])
        self.wait_running(8)
        self.end(dispatcher, 'w0')
        self.wait_running(8)
        self.assertEqual(['q1'], self.claims[-1])
        self.assertEqual(1, dispatcher.queued())

    def test_sweep_takes_free_workers_only(self):
        dispatcher = self.dispatcher(threads=2)
        self.assertEqual(2, dispatcher.dispatch_many(['a', 'b', 'c', 'd'],
                                                     queue=False))
        self.assertEqual([['a', 'b']], self.claims)
        self.assertEqual(0, dispatcher.queued())
        self.wait_running(2)
