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

"""Dead engines, stopping engines, database and broker outages."""

import time
from unittest import mock

from oslo_db import exception as db_exc

from senlin_lite.common import consts
from senlin_lite.db import api as db_api
from senlin_lite.engine.actions import base as action_base
from senlin_lite.engine import node as engine_node
from senlin_lite.tests.unit.engine import base

STOPPED_REQUEUED = ('Engine stopped when executing this action; queued to '
                    'run again.')


def db_down(*args, **kwargs):
    raise db_exc.DBConnectionError('database gone')


class FailOnce(object):
    """Wraps a db_api function: the first ``count`` calls fail."""

    def __init__(self, func, count=1):
        self.func = func
        self.count = count

    def __call__(self, *args, **kwargs):
        if self.count > 0:
            self.count -= 1
            db_down()
        return self.func(*args, **kwargs)


class ReaperTest(base.EngineTestCase):

    def setUp(self):
        super().setUp()
        self.flags(periodic_interval=1, service_down_time=1)

    def _claimed_by(self, engine_id, name=consts.NODE_CHECK):
        node = self.active_node()
        action = self.new_action(node.id, name)
        record = db_api.action_claim(self.admin, action.id, engine_id)
        self.assertTrue(db_api.node_lock_acquire(self.admin, node.id,
                                                 action.id, engine_id))
        return node, record

    def _trust_own_heartbeat(self):
        self.engine._db_ok_since = time.monotonic() - 60

    def test_dead_engine_check_runs_again(self):
        db_api.service_create(self.admin, 'dead', 'h', consts.ENGINE_BINARY,
                              't')
        node, record = self._claimed_by('dead')
        self._trust_own_heartbeat()
        time.sleep(2.1)  # heartbeats have a one-second resolution
        self.assertEqual(1, self.engine.reap())
        self.engine.wake_sweep()
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(record.id).status)
        self.assertIn(('30', 'error', 'Engine died when executing this '
                       'action; queued to run again.'),
                      self.phases(node.id, consts.NODE_CHECK))
        self.assertNotIn('dead', [s.id for s in
                                  db_api.service_get_all(self.admin)])
        self.assert_lock_free(node.id)

    def test_no_takeover_before_own_heartbeat_is_trusted(self):
        db_api.service_create(self.admin, 'dead', 'h', consts.ENGINE_BINARY,
                              't')
        node, record = self._claimed_by('dead')
        time.sleep(2.1)  # heartbeats have a one-second resolution
        self.engine._db_ok_since = time.monotonic()
        self.assertEqual(0, self.engine.reap())
        self.assertEqual(consts.ACTION_RUNNING,
                         db_api.action_get(self.admin, record.id).status)

    def test_heartbeat_failure_resets_trust(self):
        with mock.patch.object(db_api, 'service_heartbeat',
                               side_effect=db_down):
            self.assertFalse(self.engine.heartbeat())
        self.assertIsNone(self.engine._db_ok_since)
        self.assertEqual(0, self.engine.reap())
        self.assertTrue(self.engine.heartbeat())
        self.assertIsNotNone(self.engine._db_ok_since)

    def test_heartbeat_registers_again(self):
        db_api.service_delete(self.admin, self.engine.engine_id)
        self.assertTrue(self.engine.heartbeat())
        self.assertIn(self.engine.engine_id,
                      [s.id for s in db_api.service_get_all(self.admin)])

    def test_own_lost_action_is_handed_back(self):
        node, record = self._claimed_by(self.engine.engine_id)
        self._trust_own_heartbeat()
        self.assertEqual(1, self.engine.reap())
        self.engine.wake_sweep()
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(record.id).status)

    def test_report(self):
        report = self.engine.report()
        self.assertEqual(self.engine.engine_id, report['engine_id'])
        self.assertEqual([], report['actions_in_flight'])
        self.assertFalse(report['stopping'])


class StopTest(base.EngineTestCase):

    def test_stop_hands_back_a_check_blocked_in_a_cloud_call(self):
        self.flags(stop_grace_period=1, group='engine')
        node = self.active_node()
        self.sim.control.configure(api_delay=5)
        action = self.new_action(node.id, consts.NODE_CHECK)
        self.cast(action.id)
        self.wait_action(action.id, statuses=(consts.ACTION_RUNNING,))
        began = time.monotonic()
        self.engine.stop()
        self.assertLess(time.monotonic() - began, 1.5)
        record = db_api.action_get(self.admin, action.id)
        self.assertEqual((consts.ACTION_READY, STOPPED_REQUEUED),
                         (record.status, record.status_reason))
        self.assertNotIn(self.engine.engine_id, [
            s.id for s in db_api.service_get_all(self.admin)])
        self.sim.control.configure(api_delay=0)
        self.start_engine(host='engine-2')
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(action.id).status)

    def test_heartbeat_goes_on_while_stopping(self):
        self.flags(stop_grace_period=3, group='engine')
        self.flags(periodic_interval=1)
        node = self.active_node()
        action = self.start_held_reboot(node.id, seconds=1.5)
        with mock.patch.object(db_api, 'service_heartbeat',
                               wraps=db_api.service_heartbeat) as beats:
            self.engine.stop()
        self.assertGreater(beats.call_count, 0)
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         db_api.action_get(self.admin, action.id).status)

    def test_taken_over_action_drops_its_result(self):
        node = self.active_node()
        action = self.start_held_reboot(node.id)
        result = db_api.action_hand_back(self.admin, action.id,
                                         self.engine.engine_id,
                                         db_api.CAUSE_DIED)
        self.assertEqual(db_api.HANDBACK_FAILED, result.verdict)
        self.assertTrue(self.engine.dispatcher.wait_idle(5))
        record = db_api.action_get(self.admin, action.id)
        self.assertEqual((consts.ACTION_FAILED, 'Engine died when executing '
                          'this action.'), (record.status,
                                            record.status_reason))
        self.assertEqual('Recovery interrupted: engine died',
                         self.node(node.id).status_reason)


class DatabaseOutageTest(base.EngineTestCase):

    def test_result_waits_for_the_database(self):
        node = self.active_node()
        with mock.patch.object(db_api, 'action_finish',
                               FailOnce(db_api.action_finish, 2)):
            action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        self.assert_lock_free(node.id)

    def test_check_handed_back_when_the_database_goes(self):
        # The database goes between the start and the profile's work.
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        engine_node._profile_record.cache_clear()  # the profile is read
        failing = FailOnce(db_api.profile_get)
        with mock.patch.object(db_api, 'action_abandon',
                               wraps=db_api.action_abandon) as abandon:
            with mock.patch.object(db_api, 'profile_get', failing):
                self.cast(action.id)
                action = self.wait_action(action.id)
        self.assertEqual(0, failing.count)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        self.assertEqual('Database unavailable when executing this action; '
                         'queued to run again.',
                         abandon.call_args.kwargs['reason'])

    def test_safe_point_tolerates_the_outage(self):
        node = self.active_node()
        record = self.new_action(node.id, consts.NODE_CHECK)
        record = db_api.action_claim(self.admin, record.id, 'e-x')
        action = action_base.Action(self.admin, record,
                                    self.engine.dispatcher)
        with mock.patch.object(db_api, 'action_get_status',
                               side_effect=db_down):
            action.check_signals(force=True)

    def test_claim_fails_quietly(self):
        node = self.active_node()
        action = self.new_action(node.id, consts.NODE_CHECK)
        with mock.patch.object(db_api, 'actions_start', side_effect=db_down):
            self.engine.dispatcher.dispatch(action.id)
            self.assertTrue(self.engine.dispatcher.wait_idle(5))
        self.assertEqual(consts.ACTION_READY,
                         db_api.action_get(self.admin, action.id).status)


class LockRetryWorkerTest(base.EngineTestCase):

    engine_threads = 1

    def test_locked_action_does_not_hold_the_worker(self):
        self.flags(lock_retry_interval=1)
        first, second = self.active_node('a'), self.active_node('b')
        waiting = self.new_action(first.id, consts.NODE_CHECK)
        self.assertTrue(db_api.node_lock_acquire(self.admin, first.id,
                                                 'other', 'other-engine'))
        self.cast(waiting.id)
        deadline = time.monotonic() + 5
        while not (db_api.action_get(self.admin, waiting.id).data or {}).get(
                'retries'):
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.01)
        # The only worker is free: another action runs meanwhile.
        started = time.monotonic()
        done = self.run_action(second.id, consts.NODE_CHECK)
        self.assertEqual(consts.ACTION_SUCCEEDED, done.status)
        self.assertLess(time.monotonic() - started, 1.0)
        self.assertEqual(consts.ACTION_READY,
                         db_api.action_get(self.admin, waiting.id).status)
        db_api.node_update(self.admin, first.id, {'lock_action_id': None,
                                                  'lock_engine_id': None})
        self.assertEqual(consts.ACTION_SUCCEEDED,
                         self.wait_action(waiting.id).status)
