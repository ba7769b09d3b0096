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

"""The database API on SQLite: lookups, the 409 rules, claims, cancel."""

from concurrent import futures
import datetime
from unittest import mock

import sqlalchemy as sa

from senlin_lite.common import context
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import utils


class TestLookups(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.ctx = utils.make_context()
        self.profile = utils.create_profile(self.ctx, 'alpha')

    def test_find_by_id_name_and_short_id(self):
        pid = self.profile.id
        self.assertEqual(pid, db_api.profile_find(self.ctx, pid).id)
        self.assertEqual(pid, db_api.profile_find(self.ctx, 'alpha').id)
        self.assertEqual(pid, db_api.profile_find(self.ctx, pid[:8]).id)

    def test_find_ambiguous_name(self):
        utils.create_profile(self.ctx, 'alpha')
        exc = self.assertRaises(exception.MultipleChoices,
                                db_api.profile_find, self.ctx, 'alpha')
        self.assertEqual("Multiple results found matching the query "
                         "criteria 'alpha'. Please be more specific.",
                         str(exc))

    def test_other_project_does_not_see_it(self):
        other = utils.make_context(project='p2')
        exc = self.assertRaises(exception.ResourceNotFound,
                                db_api.profile_find, other, 'alpha')
        self.assertEqual("The profile 'alpha' could not be found.", str(exc))
        admin = utils.make_context(project='p2', roles=('admin',))
        self.assertEqual(self.profile.id,
                         db_api.profile_find(admin, 'alpha').id)

    def test_sort_puts_nulls_first_ascending(self):
        second = utils.create_profile(self.ctx, 'beta')
        db_api.profile_update(self.ctx, second.id, {'name': 'beta2'})
        rows = db_api.profile_get_all(self.ctx, sort=[('updated_at', 'asc')])
        self.assertEqual([self.profile.id, second.id], [r.id for r in rows])
        rows = db_api.profile_get_all(self.ctx,
                                      sort=[('updated_at', 'desc')])
        self.assertEqual([second.id, self.profile.id], [r.id for r in rows])

    def test_marker_and_limit(self):
        ids = [self.profile.id] + [
            utils.create_profile(self.ctx, 'p%d' % i).id for i in range(3)]
        ordered = [r.id for r in db_api.profile_get_all(self.ctx)]
        self.assertEqual(sorted(ids), sorted(ordered))
        page = db_api.profile_get_all(self.ctx, limit=2, marker=ordered[0])
        self.assertEqual(ordered[1:3], [r.id for r in page])

    def test_profile_in_use_cannot_be_deleted(self):
        utils.create_node(self.ctx, self.profile.id)
        exc = self.assertRaises(exception.ResourceInUse,
                                db_api.profile_delete, self.ctx,
                                self.profile.id)
        self.assertEqual(
            "The profile '%s' cannot be deleted: still referenced by some "
            "clusters and/or nodes." % self.profile.id, str(exc))


class SubmitCase(base.DBTestCase):
    """A node ready for an action; the statements sent are recorded."""

    def setUp(self):
        super().setUp()
        self.ctx = utils.make_context()
        profile = utils.create_profile(self.ctx)
        self.node, create = utils.create_node(self.ctx, profile.id)
        admin = context.get_admin_context()
        db_api.action_finish(admin, db_api.action_claim(admin, create.id,
                                                        'e1'),
                             'SUCCEEDED', 'done')
        self.statements = []
        sa.event.listen(db_api.get_engine(), 'before_cursor_execute',
                        self._seen)
        self.addCleanup(sa.event.remove, db_api.get_engine(),
                        'before_cursor_execute', self._seen)

    def _seen(self, conn, cursor, statement, *args):
        self.statements.append(' '.join(statement.split()[:3]))

    def _submit(self, ctx=None, identity=None):
        ctx = ctx or self.ctx
        return db_api.node_action_submit(
            ctx, identity or self.node.id,
            lambda node: utils.action_values(ctx, 'NODE_CHECK'))


class TestNodeActionSubmit(SubmitCase):
    """A request's action: node lookup, slot and insert in one transaction."""

    def test_by_id_the_slot_update_finds_the_node(self):
        action = self._submit()

        self.assertEqual(['UPDATE node SET', 'INSERT INTO action'],
                         [s for s in self.statements
                          if not s.startswith('BEGIN')])
        self.assertEqual((self.node.id, 'READY', 'NODE_CHECK'),
                         (action.target, action.status, action.action))
        node = db_api.node_get(self.ctx, self.node.id)
        self.assertEqual(action.id, node.active_action_id)
        self.assertEqual(action.id, db_api.action_get(self.ctx,
                                                      action.id).id)

    def test_without_update_returning_a_lookup_comes_first(self):
        with mock.patch.object(db_api._base, 'update_returning',
                               return_value=False):
            action = self._submit()

        self.assertEqual(['SELECT node.id, node.project',
                          'UPDATE node SET', 'INSERT INTO action'],
                         [s for s in self.statements
                          if not s.startswith('BEGIN')])
        node = db_api.node_get(self.ctx, self.node.id)
        self.assertEqual(action.id, node.active_action_id)

    def test_busy_node_conflicts_and_keeps_its_action(self):
        first = self._submit()
        exc = self.assertRaises(exception.ActionConflict, self._submit)
        self.assertEqual(
            'The NODE_CHECK action for target %s conflicts with the '
            'following action(s): %s' % (self.node.id, first.id), str(exc))
        node = db_api.node_get(self.ctx, self.node.id)
        self.assertEqual(first.id, node.active_action_id)

    def test_node_of_another_project_is_not_found(self):
        other = utils.make_context(project='p2')
        exc = self.assertRaises(exception.ResourceNotFound, self._submit,
                                ctx=other)
        self.assertEqual("The node '%s' could not be found." % self.node.id,
                         str(exc))
        node = db_api.node_get(self.ctx, self.node.id)
        self.assertIsNone(node.active_action_id)

    def test_by_name(self):
        action = self._submit(identity='node')
        self.assertEqual(self.node.id, action.target)


class TestActionRules(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.ctx = utils.make_context()
        profile = utils.create_profile(self.ctx)
        self.node, self.create_action = utils.create_node(self.ctx,
                                                          profile.id)
        self.admin = context.get_admin_context()

    def _check(self):
        return db_api.action_create_for_node(
            self.ctx, self.node.id, utils.action_values(self.ctx,
                                                        'NODE_CHECK'))

    def _finish_create(self):
        action = db_api.action_claim(self.admin, self.create_action.id, 'e1')
        db_api.action_finish(self.admin, action, 'SUCCEEDED', 'done')

    def test_conflict_while_ready(self):
        exc = self.assertRaises(exception.ActionConflict, self._check)
        self.assertEqual(
            'The NODE_CHECK action for target %s conflicts with the '
            'following action(s): %s' % (self.node.id,
                                         self.create_action.id), str(exc))

    def test_locked_while_running(self):
        action = db_api.action_claim(self.admin, self.create_action.id, 'e1')
        self.assertTrue(db_api.node_lock_acquire(
            self.admin, self.node.id, action.id, 'e1'))
        exc = self.assertRaises(exception.ResourceIsLocked, self._check)
        self.assertEqual("NODE_CHECK for node '%s' cannot be completed "
                         "because it is already locked." % self.node.id,
                         str(exc))

    def test_finish_frees_the_node(self):
        self._finish_create()
        self.assertEqual('READY', self._check().status)

    def test_racing_requests_exactly_one_wins(self):
        self._finish_create()

        def attempt(_):
            try:
                return self._check().id
            except exception.ActionConflict:
                return None

        with futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(attempt, range(8)))
        self.assertEqual(1, len([r for r in results if r]))

    def test_claim_has_one_winner(self):
        first = db_api.action_claim(self.admin, self.create_action.id, 'e1')
        second = db_api.action_claim(self.admin, self.create_action.id, 'e2')
        self.assertEqual('e1', first.owner)
        self.assertEqual('RUNNING', first.status)
        self.assertIsNone(second)

    def test_lock_is_reentrant_and_exclusive(self):
        aid = self.create_action.id
        self.assertTrue(db_api.node_lock_acquire(self.admin, self.node.id,
                                                 aid, 'e1'))
        self.assertTrue(db_api.node_lock_acquire(self.admin, self.node.id,
                                                 aid, 'e1'))
        self.assertFalse(db_api.node_lock_acquire(self.admin, self.node.id,
                                                  'other', 'e2'))
        self.assertTrue(db_api.node_lock_acquire(
            self.admin, self.node.id, 'other', 'e2', forced=True))

    def test_cancel_ready_action_ends_it(self):
        action = db_api.action_cancel(self.ctx, self.create_action.id)
        self.assertEqual('CANCELLED', action.status)
        self.assertEqual('Action execution cancelled', action.status_reason)
        events = db_api.event_get_all(self.ctx)
        self.assertEqual(['NODE_CREATE [%s] cancelled' % action.id[:8]],
                         [e.status_reason for e in events])
        self.assertEqual('READY', self._check().status)

    def test_cancel_running_action_signals_it(self):
        db_api.action_claim(self.admin, self.create_action.id, 'e1')
        action = db_api.action_cancel(self.ctx, self.create_action.id)
        self.assertEqual('RUNNING', action.status)
        self.assertEqual(('RUNNING', 'CANCEL', 'e1'), tuple(
            db_api.action_get_status(self.admin, action.id)))

    def test_cancel_finished_action_is_refused(self):
        self._finish_create()
        exc = self.assertRaises(exception.ActionImmutable,
                                db_api.action_cancel, self.ctx,
                                self.create_action.id)
        self.assertEqual(
            "Action (%s) is in status (SUCCEEDED) while expected status "
            "must be one of (('INIT', 'WAITING', 'READY', 'RUNNING', "
            "'WAITING_LIFECYCLE_COMPLETION'))." % self.create_action.id[:8],
            str(exc))

    def test_settled_sweep_leaves_newer_actions(self):
        created = db_api.action_get(self.admin,
                                    self.create_action.id).created_at
        self.assertEqual([], db_api.action_ids_ready(
            self.admin, 10, created_before=created - datetime.timedelta(
                seconds=1)))
        self.assertEqual([self.create_action.id], db_api.action_ids_ready(
            self.admin, 10, created_before=created))

    def test_abandoned_action_waits_for_its_time(self):
        action = db_api.action_claim(self.admin, self.create_action.id, 'e1')
        db_api.action_abandon(self.admin, action, not_before=2e9,
                              data={'retries': 1})
        self.assertEqual([], db_api.action_ids_ready(self.admin, 10))
        self.assertIsNone(db_api.action_claim(self.admin, action.id, 'e1'))
        self.assertEqual([action.id],
                         db_api.action_ids_ready(self.admin, 10, now=2e9))
