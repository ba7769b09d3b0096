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
