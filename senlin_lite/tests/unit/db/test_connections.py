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

"""The connection pool: opened before serving; no sleep at check-in."""

import os
from unittest import mock

import fixtures
import sqlalchemy as sa

from senlin_lite.db import api as db_api
from senlin_lite.db.api import pool_ping
from senlin_lite.tests import base
from senlin_lite.tests.unit.db import utils


class FillPoolTest(base.TestCase):

    def _engine(self, **kwargs):
        path = self.useFixture(fixtures.TempDir()).path
        engine = sa.create_engine(
            'sqlite:///%s' % os.path.join(path, 'pool.sqlite'), **kwargs)
        self.addCleanup(engine.dispose)
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.db.api._base.get_engine', return_value=engine))
        return engine

    def test_every_connection_is_open_and_back_in_the_pool(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=3,
                              max_overflow=0)
        self.assertEqual(0, engine.pool.checkedin())

        self.assertEqual(3, db_api.fill_pool())

        self.assertEqual(3, engine.pool.checkedin())
        self.assertEqual(0, engine.pool.checkedout())

    def test_from_then_on_only_idle_connections_are_pinged(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=2,
                              max_overflow=0, pool_pre_ping=True)
        with mock.patch.object(pool_ping, 'ping_only_idle') as ping:
            db_api.fill_pool()
        ping.assert_called_once_with(engine)

    def test_unreachable_database_does_not_stop_the_start(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=3,
                              max_overflow=0)
        first = engine.connect()
        logger = self.useFixture(fixtures.FakeLogger())
        with mock.patch.object(engine, 'connect', side_effect=[
                first, sa.exc.TimeoutError('no connection')]):
            self.assertEqual(1, db_api.fill_pool())

        self.assertEqual(0, engine.pool.checkedout())
        self.assertIn('Could not open the database connection pool',
                      logger.output)

    def test_other_errors_are_raised(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=2)
        with mock.patch.object(engine, 'connect',
                               side_effect=ValueError('bad')):
            self.assertRaises(ValueError, db_api.fill_pool)

    def test_warm_up_runs_once_on_each_connection(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=3,
                              max_overflow=0)
        seen = []

        def warm_up(connection):
            seen.append(id(connection.connection.dbapi_connection))
            connection.execute(sa.text('SELECT 1'))

        self.assertEqual(3, db_api.fill_pool(warm_up=warm_up))

        self.assertEqual(3, len(set(seen)))
        self.assertEqual(3, engine.pool.checkedin())

    def test_a_failed_warm_up_is_logged_and_the_start_goes_on(self):
        engine = self._engine(poolclass=sa.pool.QueuePool, pool_size=2,
                              max_overflow=0)
        logger = self.useFixture(fixtures.FakeLogger())
        warm_up = mock.Mock(side_effect=[RuntimeError('cold'), None])

        self.assertEqual(2, db_api.fill_pool(warm_up=warm_up))

        self.assertEqual(2, warm_up.call_count)
        self.assertEqual(2, engine.pool.checkedin())
        self.assertIn('Could not warm a database connection up',
                      logger.output)

    def test_pool_without_a_fixed_size_is_left_alone(self):
        engine = self._engine(poolclass=sa.pool.NullPool)
        with mock.patch.object(engine, 'connect') as connect:
            self.assertEqual(0, db_api.fill_pool())
        connect.assert_not_called()


class CheckinTest(base.DBTestCase):

    def test_transactions_end_without_a_zero_sleep(self):
        ctx = utils.make_context()
        with mock.patch('time.sleep') as sleep:
            utils.create_profile(ctx, 'alpha')
            db_api.profile_find(ctx, 'alpha')
        self.assertNotIn(mock.call(0), sleep.mock_calls)


class PingOnlyIdleTest(base.TestCase):
    """A pooled connection is pinged on checkout only after sitting idle."""

    def setUp(self):
        super().setUp()
        path = self.useFixture(fixtures.TempDir()).path
        self.engine = sa.create_engine(
            'sqlite:///%s' % os.path.join(path, 'ping.sqlite'),
            poolclass=sa.pool.QueuePool, pool_size=1, max_overflow=0,
            pool_pre_ping=True)
        self.addCleanup(self.engine.dispose)
        self.pings = []
        real_ping = self.engine.dialect.do_ping

        def ping(dbapi_connection):
            self.pings.append(dbapi_connection)
            return real_ping(dbapi_connection)

        self.useFixture(fixtures.MockPatchObject(
            self.engine.dialect, 'do_ping', side_effect=ping))
        self.now = 1000.0
        self.useFixture(fixtures.MockPatch(
            'senlin_lite.db.api.pool_ping.time.monotonic',
            side_effect=lambda: self.now))

    def _use(self):
        with self.engine.connect() as conn:
            self.assertEqual(1, conn.exec_driver_sql('SELECT 1').scalar())
            return conn.connection.dbapi_connection

    def test_a_connection_used_a_moment_ago_is_not_pinged(self):
        self.assertTrue(pool_ping.ping_only_idle(self.engine))
        first = self._use()
        self.now += pool_ping.IDLE_SECONDS / 2
        self.assertIs(first, self._use())
        self.assertEqual([], self.pings)

    def test_an_idle_connection_is_pinged(self):
        pool_ping.ping_only_idle(self.engine)
        first = self._use()
        self.now += pool_ping.IDLE_SECONDS + 1
        self.assertIs(first, self._use())
        self.assertEqual([first], self.pings)

    def test_an_idle_connection_found_closed_is_replaced(self):
        pool_ping.ping_only_idle(self.engine)
        first = self._use()
        first.close()  # as a restarted server would have done
        self.now += pool_ping.IDLE_SECONDS + 1
        logger = self.useFixture(fixtures.FakeLogger())
        second = self._use()
        self.assertIsNot(first, second)
        self.assertIn('Pooled database connection found closed',
                      logger.output)

    def test_without_pre_ping_nothing_changes(self):
        self.engine.pool._pre_ping = False
        self.assertFalse(pool_ping.ping_only_idle(self.engine))
        self._use()
        self.now += pool_ping.IDLE_SECONDS + 1
        self._use()
        self.assertEqual([], self.pings)
