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


"""Engine mechanics: locks, retries, cancel, timeouts, claims, stop."""

import threading
import time
from unittest import mock

from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.engine.actions import base as action_base
from senlin_lite.engine.actions import node_actions
from senlin_lite.profiles import os_nova_server
from senlin_lite.tests.unit.engine import base

LOCKED = ('30', 'error', 'Failed in locking node')


class LockRetryTest(base.EngineTestCase):

    def _hold_lock(self, node_id):
        self.assertTrue(db_api.node_lock_acquire(
            self.admin, node_id, 'other-action', 'other-engine'))

    def _free_lock(self, node_id):
        db_api.node_update(self.admin, node_id, {'lock_action_id': None,
                                                 'lock_engine_id': None})

    def test_busy_then_free(self):
        self.flags(lock_retry_interval=1)
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        self._hold_lock(node.id)
        self.cast(action.id)
        deadline = time.monotonic() + 5
        while not (db_api.action_get(self.admin, action.id).data or {}).get(
                'retries'):
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.01)
        record = db_api.action_get(self.admin, action.id)
        self.assertEqual(consts.ACTION_READY, record.status)
        self.assertEqual('The action was abandoned.', record.status_reason)
        self.assertIsNone(record.owner)
        self._free_lock(node.id)
        action = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        self.assertEqual(1, action.data['retries'])
        self.assertIn(LOCKED, self.phases(node.id, consts.NODE_CHECK))
        self.assert_lock_free(node.id)

    def test_retries_exhausted(self):
        self.flags(lock_retry_times=2)
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        self._hold_lock(node.id)
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual('Failed in locking node', action.status_reason)
        self.assertEqual(2, action.data['retries'])
        phases = self.phases(node.id, consts.NODE_CHECK)
        self.assertEqual(2, phases.count(LOCKED))
        self.assertEqual(3, [p[1] for p in phases].count('start'))
        self.assertIn(('40', 'error', 'Failed in locking node'), phases)
        after = self.node(node.id)
        self.assertEqual('other-action', after.lock_action_id)
        self.assertIsNone(after.active_action_id)
        self.assertEqual(node.status_reason, after.status_reason)

    def test_delete_forces_the_lock(self):
        node = self.active_node()
        self._hold_lock(node.id)
        action = self.run_action(node.id, consts.NODE_DELETE)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        self.assertIsNone(self.node(node.id))


class CancelTest(base.EngineTestCase):

    def test_cancel_ready_action(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        db_api.action_cancel(self.ctx, action.id)
        self.cast(action.id)
        self.assertTrue(self.engine.wait_idle(10))
        action = db_api.action_get(self.admin, action.id)
        self.assertEqual(consts.ACTION_CANCELLED, action.status)
        self.assertNotIn('start', [p[1] for p in self.phases(
            node.id, consts.NODE_CHECK)])
        self.assert_lock_free(node.id)

    def test_signalled_before_pickup(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_RECOVER)
        db_api.action_update(self.admin, action.id,
                             {'control': consts.SIGNAL_CANCEL})
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_CANCELLED, action.status)
        self.assertEqual('Action execution cancelled', action.status_reason)
        self.assertEqual(
            [('40', 'error', 'NODE_RECOVER [%s] cancelled' % action.id[:8])],
            self.phases(node.id, consts.NODE_RECOVER))
        self.assertEqual(consts.NODE_ACTIVE, self.node(node.id).status)
        self.assert_lock_free(node.id)

    def test_cancel_running_action(self):
        node = self.active_node()
        action = self.start_held_reboot(node.id)
        started = time.monotonic()
        db_api.action_cancel(self.ctx, action.id)
        action = self.wait_action(action.id)
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(consts.ACTION_CANCELLED, action.status)
        self.assertEqual('Action execution cancelled', action.status_reason)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, after.status)
        self.assertEqual('Recovery cancelled', after.status_reason)
        self.assert_lock_free(node.id)
        self.assertIn(('40', 'error', 'NODE_RECOVER [%s] cancelled'
                       % action.id[:8]),
                      self.phases(node.id, consts.NODE_RECOVER))

    def test_force_cancel_keeps_cancelled(self):
        node = self.active_node()
        action = self.start_held_reboot(node.id)
        db_api.action_cancel(self.ctx, action.id, force=True)
        self.assertTrue(self.engine.wait_idle(10))
        action = db_api.action_get(self.admin, action.id)
        self.assertEqual(consts.ACTION_CANCELLED, action.status)
        self.assertEqual(consts.NODE_ERROR, self.node(node.id).status)
        self.assert_lock_free(node.id)


class TimeoutTest(base.EngineTestCase):

    def test_timeout_fails_the_action(self):
        node = self.active_node()
        self.sim.control.configure(rebuild_delay=30)
        action = self.run_action(node.id, consts.NODE_RECOVER,
                                 {'operation': 'REBUILD'}, timeout=1)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual('TIMEOUT', action.status_reason)
        self.assertLess(action.end_time - action.start_time, 5)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, after.status)
        self.assertEqual('Recovery timed out', after.status_reason)
        self.assert_lock_free(node.id)
        self.assertIn(('40', 'error', 'TIMEOUT'),
                      self.phases(node.id, consts.NODE_RECOVER))


class ErrorTest(base.EngineTestCase):

    def test_unexpected_exception_in_check(self):
        node = self.active_node()
        with mock.patch.object(os_nova_server.ServerProfile, 'do_check',
                               side_effect=RuntimeError('boom')):
            action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual('boom', action.status_reason)
        self.assertEqual(consts.NODE_ACTIVE, self.node(node.id).status)
        self.assert_lock_free(node.id)
        self.assertIn(('40', 'error', 'boom'),
                      self.phases(node.id, consts.NODE_CHECK))

    def test_unexpected_exception_in_recover(self):
        node = self.active_node()
        with mock.patch.object(os_nova_server.ServerProfile, 'do_recover',
                               side_effect=RuntimeError('boom')):
            action = self.run_action(node.id, consts.NODE_RECOVER)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, after.status)
        self.assertEqual('Recovery failed: boom', after.status_reason)
        self.assert_lock_free(node.id)

    def test_unsupported_action(self):
        node = self.active_node()
        action = self.run_action(node.id, consts.NODE_JOIN)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual('Unsupported action: NODE_JOIN',
                         action.status_reason)

    def test_node_gone(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        db_api.node_delete(self.admin, node.id)
        self.cast(action.id)
        action = self.wait_action(action.id)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual([], self.events(node_id=node.id,
                                         action=consts.NODE_CHECK))


class DispatchTest(base.EngineTestCase):

    def test_two_engines_one_winner(self):
        other = self.start_engine(host='engine-2')
        nodes = [self.active_node('n%d' % i) for i in range(3)]
        for node in nodes:
            action = self.new_action(node.id, consts.NODE_CHECK)
            barrier = threading.Barrier(2)

            def go(engine):
                barrier.wait()
                engine.dispatcher.dispatch(action.id)
            threads = [threading.Thread(target=go, args=(e,))
                       for e in (self.engine, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)
            self.assertTrue(self.engine.wait_idle(10))
            self.assertTrue(other.wait_idle(10))
            starts = [p for p in self.phases(node.id, consts.NODE_CHECK)
                      if p[1] == 'start']
            self.assertEqual(1, len(starts))

    def test_sweep_runs_lost_casts(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        self.assertTrue(self.engine.wait_idle(10))
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         db_api.action_get(self.admin, action.id).status)

    def test_periodic_sweep_leaves_new_actions_to_their_cast(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        self.flags(sweep_min_age=60, group='engine')
        self.assertEqual(0, self.engine.sweep_settled())
        self.assertEqual(consts.ACTION_READY,
                         db_api.action_get(self.admin, action.id).status)
        # No age limit: taken.
        self.flags(sweep_min_age=0, group='engine')
        self.assertEqual(1, self.engine.sweep_settled())
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(action.id).status)

    def test_woken_sweep_takes_new_actions(self):
        node = self.active_node()
        self.flags(sweep_min_age=60, group='engine')
        action = self.new_action(node.id, consts.NODE_CHECK)
        self.engine.wake_sweep()
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(action.id).status)

    def test_service_registered_and_revision(self):
        ids = [s.id for s in db_api.service_get_all(self.admin)]
        self.assertIn(self.engine.engine_id, ids)
        self.assertEqual('1.0', self.rpc.get_revision(self.ctx))
        self.engine.heartbeat()
        self.engine.stop()
        ids = [s.id for s in db_api.service_get_all(self.admin)]
        self.assertNotIn(self.engine.engine_id, ids)

    def test_stop_fails_half_done_action(self):
        node = self.active_node()
        action = self.start_held_reboot(node.id)
        self.engine.stop(graceful=False)
        action = db_api.action_get(self.admin, action.id)
        self.assertEqual(consts.ACTION_FAILED, action.status)
        self.assertEqual('Engine stopped when executing this action.',
                         action.status_reason)
        after = self.node(node.id)
        self.assertEqual(consts.NODE_ERROR, after.status)
        self.assertEqual('Recovery interrupted: engine stopped',
                         after.status_reason)
        self.assert_lock_free(node.id)

    def test_stop_hands_untouched_action_back(self):
        node = self.active_node()
        record = self.new_action(node.id, consts.NODE_CHECK)
        record = db_api.action_claim(self.admin, record.id, 'e-x')
        runner = mock.Mock(engine_id='e-x', interrupted=threading.Event())
        runner.interrupted.set()
        status = node_actions.create(self.admin, record, runner).execute()
        self.assertEqual(consts.ACTION_READY, status)
        record = db_api.action_get(self.admin, record.id)
        self.assertEqual(consts.ACTION_READY, record.status)
        self.assertIsNone(record.owner)
        self.assertEqual(consts.NODE_ACTIVE, self.node(node.id).status)
        runner.dispatch_at.assert_not_called()
        self.assertTrue(self.engine.wait_idle(10))
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         db_api.action_get(self.admin, record.id).status)


class SaturationTest(base.EngineTestCase):

    engine_threads = 1

    def _hold_the_only_worker(self):
        first, second = self.active_node('a'), self.active_node('b')
        self.sim.control.configure(reboot_delay=0.5)
        one = self.new_action(first.id, consts.NODE_RECOVER,
                              {'operation': 'REBOOT'})
        self.cast(one.id)
        self.wait_node(first.id, consts.NODE_RECOVERING)
        return one, self.new_action(second.id, consts.NODE_CHECK)

    def test_busy_pool_queues_the_action(self):
        one, two = self._hold_the_only_worker()
        self.assertTrue(self.engine.dispatcher.dispatch(two.id))
        self.assertEqual(1, self.engine.dispatcher.queued())
        # Queued, not claimed: another engine's sweep could still take it.
        self.assertEqual(consts.ACTION_READY,
                         db_api.action_get(self.admin, two.id).status)
        for action in (one, two):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)
        self.assertEqual(0, self.engine.dispatcher.queued())

    def test_an_id_is_queued_once(self):
        one, two = self._hold_the_only_worker()
        self.assertTrue(self.engine.dispatcher.dispatch(two.id))
        self.assertTrue(self.engine.dispatcher.dispatch(two.id))
        self.assertEqual(1, self.engine.dispatcher.queued())
        for action in (one, two):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)

    def test_sweep_takes_only_free_workers(self):
        one, two = self._hold_the_only_worker()
        self.assertFalse(self.engine.dispatcher.dispatch(two.id,
                                                         queue=False))
        self.assertEqual(0, self.engine.dispatcher.queued())
        for action in (one, two):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)

    def test_sweep_leaves_ids_queued_or_running_here_alone(self):
        one, two = self._hold_the_only_worker()
        dispatcher = self.engine.dispatcher
        self.assertTrue(dispatcher.dispatch(two.id))
        # Already taken care of here: not a refusal, and not a second
        # worker for the same id.
        self.assertTrue(dispatcher.dispatch(two.id, queue=False))
        self.assertTrue(dispatcher.dispatch(one.id, queue=False))
        self.assertEqual(1, dispatcher.queued())
        for action in (one, two):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)
        node_id = two.target
        starts = [p for p in self.phases(node_id, consts.NODE_CHECK)
                  if p[1] == 'start']
        self.assertEqual(1, len(starts))

    def test_full_queue_leaves_action_ready(self):
        self.engine.dispatcher.queue_size = 0
        one, two = self._hold_the_only_worker()
        self.assertFalse(self.engine.dispatcher.dispatch(two.id))
        self.assertEqual(consts.ACTION_READY,
                         db_api.action_get(self.admin, two.id).status)
        # The sweep, woken when the worker frees up, runs it.
        for action in (one, two):
            self.assertEqual(consts.ACTION_SUCCEEDED,
                             self.wait_action(action.id).status)


class GuardTest(base.EngineTestCase):

    def test_guard_reads_the_row_at_most_every_poll_interval(self):
        node = self.active_node()
        record = self.new_action(node.id, consts.NODE_CHECK)
        record = db_api.action_claim(self.admin, record.id, 'e-x')
        action = action_base.Action(self.admin, record,
                                    self.engine.dispatcher)
        with mock.patch.object(db_api, 'action_get_status',
                               wraps=db_api.action_get_status) as reads:
            for _ in range(50):
                action.guard()
        self.assertEqual(1, reads.call_count)
        db_api.action_update(self.admin, record.id,
                             {'control': consts.SIGNAL_CANCEL})
        self.assertRaises(exception.ActionCancelled, action.check_signals,
                          force=True)
        action.deadline = time.time() - 1
        self.assertRaises(exception.ActionTimeout, action.guard)
        self.engine.dispatcher.interrupted.set()
        self.assertRaises(action_base.EngineStopping, action.guard)
