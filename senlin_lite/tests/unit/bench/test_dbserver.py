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

import os

import fixtures
from oslotest import base

from senlin_lite.bench import dbserver


class TestServerCPU(base.BaseTestCase):

    def test_only_a_postgresql_server_on_this_host_is_measured(self):
        for url in ('postgresql+psycopg2://u:p@127.0.0.1/db',
                    'postgresql+psycopg2://u:p@localhost:5433/db',
                    'postgresql:///db'):
            self.assertIsInstance(dbserver.ServerCPU.for_url(url),
                                  dbserver.ServerCPU, url)
        for url in ('postgresql+psycopg2://u:p@db.example.org/db',
                    'mysql+pymysql://root@127.0.0.1/db',
                    'sqlite:////tmp/x.sqlite', None):
            self.assertIsNone(dbserver.ServerCPU.for_url(url), url)

    def _proc(self, stats):
        proc = self.useFixture(fixtures.TempDir()).path
        for pid, (utime, stime) in stats.items():
            os.mkdir(os.path.join(proc, str(pid)))
            with open(os.path.join(proc, str(pid), 'stat'), 'w') as f:
                # The command name may hold spaces and parentheses.
                f.write('%d (postgres: u db (1) idle) S %s %d %d 0 0\n' % (
                    pid, ' '.join(['0'] * 10), utime, stime))
        return proc

    def test_cpu_of_each_running_backend(self):
        ticks = os.sysconf('SC_CLK_TCK')
        proc = self._proc({10: (3 * ticks, ticks), 11: (ticks, 0)})
        self.assertEqual({10: 4.0, 11: 1.0},
                         dbserver.cpu_by_pid([10, 11, 12], proc))

    def test_spent_counts_new_backends_from_zero_and_not_ended_ones(self):
        before = {10: 4.0, 11: 1.0}
        # 11 ended during the run; 12 started during it.
        after = {10: 6.5, 12: 0.5}
        self.assertEqual(3.0, dbserver.spent(before, after))
