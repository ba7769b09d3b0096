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

"""An unreachable database is a 503 whatever the driver raises."""

from unittest import mock

import psycopg2
import pymysql
import sqlalchemy as sa

from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.api import base

MESSAGE = ('The database is unavailable; the request was not processed. '
           'Please retry later.')


class DatabaseUnavailableTest(base.APITestCase):

    def _assert_503(self, error):
        with mock.patch.object(db_api, 'node_get_all', side_effect=error):
            resp = self.get('/v1/nodes', status=None)
        self.assertError(resp, 503, 'ServiceUnavailable', MESSAGE)
        self.assertEqual('Service Unavailable', resp.json['title'])
        self.assertNotIn('127.0.0.1', resp.text)
        self.assertNotIn('Traceback', resp.text)

    def test_postgresql_refused(self):
        # libpq's wording, which oslo.db does not recognise.
        self._assert_503(sa.exc.OperationalError(
            'SELECT 1', {}, psycopg2.OperationalError(
                'connection to server at "127.0.0.1", port 5432 failed: '
                'Connection refused')))

    def test_postgresql_starting_up(self):
        self._assert_503(sa.exc.OperationalError(
            'SELECT 1', {}, psycopg2.OperationalError(
                'connection to server at "127.0.0.1", port 5432 failed: '
                'FATAL:  the database system is starting up')))

    def test_mariadb_gone(self):
        self._assert_503(sa.exc.OperationalError(
            'SELECT 1', {}, pymysql.err.OperationalError(
                2003, "Can't connect to MySQL server on '127.0.0.1'")))

    def test_pool_exhausted(self):
        self._assert_503(sa.exc.TimeoutError('QueuePool limit reached'))

    def test_other_database_errors_stay_500(self):
        with mock.patch.object(db_api, 'node_get_all', side_effect=(
                sa.exc.OperationalError('SELECT 1', {}, pymysql.err.
                                        OperationalError(1205, 'lock')))):
            resp = self.get('/v1/nodes', status=None)
        self.assertEqual(500, resp.status_int)
