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

"""Taking over the actions of dead engines; the claim fences (SQLite)."""

from concurrent import futures
import datetime
import sqlite3

from oslo_db import exception as db_exc
import psycopg2
import pymysql
import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import context
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import utils as db_utils

DIED = 'Engine died when executing this action.'
DIED_REQUEUED = 'Engine died when executing this action; queued to run again.'


def later(seconds=1):
    return utils.utcnow() + datetime.timedelta(seconds=seconds)


class TakeOverTest(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.ctx = db_utils.make_context()
        self.admin = context.get_admin_context()
        profile = db_utils.create_profile(self.ctx)
        node, create = db_utils.create_node(self.ctx, profile.id)
        record = db_api.action_claim(self.admin, create.id, 'e0')
        db_api.action_finish(self.admin, record, consts.ACTION_SUCCEEDED,
                             'done', node_values={'status': 'ACTIVE',
                                                  'physical_id': 'srv-1'})
        self.node_id = node.id
        db_api.service_create(self.admin, 'dead', 'h1',
                              consts.ENGINE_BINARY, 'topic')

    def _running(self, name, engine='dead', inputs=None, status=None):
        """An action RUNNING for ``engine`` that holds the node lock."""
        action = db_api.action_create_for_node(
            self.ctx, self.node_id,
            db_utils.action_values(self.ctx, name, inputs=inputs or {}),
            exclusive=name not in consts.FORCED_LOCK_ACTIONS)
        record = db_api.action_claim(self.admin, action.id, engine)
        self.assertTrue(db_api.node_lock_acquire(
            self.admin, self.node_id, action.id, engine))
        if status:
            self.assertTrue(db_api.node_set_status(
                self.admin, self.node_id, status, 'in progress',
                lock_action_id=action.id))
        return record

    def node(self):
        return db_api.node_get(self.admin, self.node_id, project_safe=False)

    def action(self, action_id):
        return db_api.action_get(self.admin, action_id)

    def test_check_is_queued_again(self):
        record = self._running(consts.NODE_CHECK)
        results = db_api.engine_take_over(self.admin, 'dead', later())
        self.assertEqual([(record.id, db_api.HANDBACK_REQUEUED)],
                         [(r.action.id, r.verdict) for r in results])
        action = self.action(record.id)
        self.assertEqual((consts.ACTION_READY, None, None, DIED_REQUEUED),
                         (action.status, action.owner, action.start_time,
                          action.status_reason))
        node = self.node()
        self.assertIsNone(node.lock_action_id)
        self.assertIsNone(node.lock_engine_id)
        # Still the node's active action: a new request is refused.
        self.assertEqual(record.id, node.active_action_id)
        self.assertEqual([], db_api.service_get_all(self.admin))
        self.assertEqual([record.id], db_api.action_ids_ready(self.admin, 5))
        # Done once: a second taker finds nothing.
        self.assertIsNone(db_api.engine_take_over(self.admin, 'dead',
                                                  later()))

    def test_half_done_recover_fails_and_node_goes_to_error(self):
        record = self._running(consts.NODE_RECOVER,
                               status=consts.NODE_RECOVERING)
        results = db_api.engine_take_over(self.admin, 'dead', later())
        self.assertEqual([db_api.HANDBACK_FAILED],
                         [r.verdict for r in results])
        action = self.action(record.id)
        self.assertEqual((consts.ACTION_FAILED, DIED), (action.status,
                                                        action.status_reason))
        self.assertIsNotNone(action.end_time)
        node = self.node()
        self.assertEqual(('ERROR', 'Recovery interrupted: engine died'),
                         (node.status, node.status_reason))
        self.assertIsNone(node.lock_action_id)
        self.assertIsNone(node.active_action_id)

    def test_untouched_recover_is_queued_again(self):
        record = self._running(consts.NODE_RECOVER)
        results = db_api.engine_take_over(self.admin, 'dead', later())
        self.assertEqual([db_api.HANDBACK_REQUEUED],
                         [r.verdict for r in results])
        self.assertEqual(consts.ACTION_READY, self.action(record.id).status)
        self.assertEqual('ACTIVE', self.node().status)

    def test_operation_named_in_the_node_reason(self):
        self._running(consts.NODE_OPERATION, inputs={'operation': 'reboot'},
                      status=consts.NODE_OPERATING)
        db_api.engine_take_over(self.admin, 'dead', later())
        self.assertEqual("Operation 'reboot' interrupted: engine died",
                         self.node().status_reason)

    def test_live_engine_is_left_alone(self):
        record = self._running(consts.NODE_CHECK)
        cutoff = utils.utcnow() - datetime.timedelta(seconds=60)
        self.assertEqual([], db_api.service_ids_dead(self.admin, cutoff))
        self.assertIsNone(db_api.engine_take_over(self.admin, 'dead',
                                                  cutoff))
        self.assertEqual(consts.ACTION_RUNNING,
                         self.action(record.id).status)
        self.assertEqual(['dead'], db_api.service_ids_dead(self.admin,
                                                           later()))

    def test_stray_lock_is_freed(self):
        db_api.node_update(self.admin, self.node_id, {
            'lock_action_id': 'gone', 'lock_engine_id': 'dead',
            'status': consts.NODE_RECOVERING})
        self.assertEqual([], db_api.engine_take_over(self.admin, 'dead',
                                                     later()))
        node = self.node()
        self.assertIsNone(node.lock_action_id)
        self.assertEqual(('ERROR', 'Recovery interrupted: engine died'),
                         (node.status, node.status_reason))

    def test_racing_takers_do_the_work_once(self):
        self._running(consts.NODE_CHECK)
        with futures.ThreadPoolExecutor(4) as pool:
            results = list(pool.map(
                lambda _: db_api.engine_take_over(self.admin, 'dead',
                                                  later()), range(4)))
        self.assertEqual(1, len([r for r in results if r is not None]))
        self.assertEqual(1, sum(len(r) for r in results if r))

    def test_owner_without_service_row(self):
        record = self._running(consts.NODE_CHECK, engine='ghost')
        self.assertEqual([], db_api.take_over_unregistered(self.admin, 0))
        results = db_api.take_over_unregistered(self.admin,
                                                utils.now_epoch() + 1)
        self.assertEqual([record.id], [r.action.id for r in results])
        self.assertEqual(consts.ACTION_READY, self.action(record.id).status)

    def test_hand_back_checks_the_claim(self):
        record = self._running(consts.NODE_CHECK, engine='me')
        claims = db_api.action_claims_of(self.admin, 'me')
        self.assertEqual([record.id], [c[0] for c in claims])
        self.assertIsNone(db_api.action_hand_back(
            self.admin, record.id, 'me', db_api.CAUSE_FAILURE,
            claims[0][1] - 10))
        result = db_api.action_hand_back(self.admin, record.id, 'me',
                                         db_api.CAUSE_FAILURE, claims[0][1])
        self.assertEqual(db_api.HANDBACK_REQUEUED, result.verdict)
        self.assertEqual('Engine failure when executing this action; queued '
                         'to run again.', self.action(record.id).status_reason)

    def test_result_of_a_taken_over_action_is_dropped(self):
        record = self._running(consts.NODE_RECOVER, engine='dead')
        db_api.engine_take_over(self.admin, 'dead', later())
        self.assertFalse(db_api.action_finish(
            self.admin, record, consts.ACTION_SUCCEEDED, 'done',
            node_values={'status': 'ERROR', 'status_reason': 'late'}))
        self.assertFalse(db_api.action_abandon(self.admin, record, None, {}))
        self.assertEqual(consts.ACTION_READY, self.action(record.id).status)
        self.assertEqual('ACTIVE', self.node().status)

    def test_abandon_frees_the_lock_and_keeps_the_slot(self):
        record = self._running(consts.NODE_CHECK, engine='e1')
        self.assertTrue(db_api.action_abandon(self.admin, record, None, {},
                                              reason='handed back'))
        node = self.node()
        self.assertIsNone(node.lock_action_id)
        self.assertEqual(record.id, node.active_action_id)
        self.assertEqual('handed back', self.action(record.id).status_reason)

    def test_node_status_fenced_by_the_lock(self):
        self.assertFalse(db_api.node_set_status(
            self.admin, self.node_id, consts.NODE_RECOVERING, 'x',
            lock_action_id='not-the-holder'))
        self.assertEqual('ACTIVE', self.node().status)


class UnavailableTest(base.TestCase):

    def test_connection_errors(self):
        refused = psycopg2.OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: '
            'Connection refused')
        for exc in (db_exc.DBConnectionError('gone'),
                    sa.exc.TimeoutError('pool'),
                    refused,
                    sa.exc.OperationalError('SELECT 1', {}, refused),
                    db_exc.DBError(sa.exc.OperationalError('x', {},
                                                           refused)),
                    psycopg2.InterfaceError('connection already closed'),
                    pymysql.err.OperationalError(2003, "Can't connect"),
                    pymysql.err.OperationalError(1053, 'Server shutdown'),
                    pymysql.err.InterfaceError(0, '')):
            self.assertTrue(db_api.is_unavailable(exc), repr(exc))

    def test_other_errors(self):
        for exc in (ValueError('x'),
                    db_exc.DBDeadlock(),
                    db_exc.DBError('a message, not an exception'),
                    pymysql.err.OperationalError(1205, 'Lock wait timeout'),
                    sqlite3.OperationalError('database is locked'),
                    sa.exc.OperationalError('x', {}, sqlite3.OperationalError(
                        'database is locked'))):
            self.assertFalse(db_api.is_unavailable(exc), repr(exc))
