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

import fixtures
from oslotest import base

from senlin_lite.bench import host


class TestHostCPU(base.BaseTestCase):

    def _stat(self, cpu_line):
        path = self.useFixture(fixtures.TempDir()).join('stat')
        with open(path, 'w') as stat:
            stat.write(cpu_line + '\ncpu0 1 2 3 4 5 6 7 8 0 0\n'
                       'intr 12345 0 0\n')
        return host.cpu_ticks(path)

    def test_reads_the_all_cpus_line(self):
        ticks = self._stat('cpu  100 5 20 300 4 0 6 7 0 0')
        self.assertEqual({'user': 100, 'nice': 5, 'system': 20,
                          'idle': 300, 'iowait': 4, 'irq': 0,
                          'softirq': 6, 'steal': 7}, ticks)

    def test_shares_of_the_time_between_two_readings(self):
        before = self._stat('cpu  100 0 100 100 0 0 0 0 0 0')
        # 200 ticks passed: 100 busy, 40 idle, 20 iowait, 40 stolen.
        after = self._stat('cpu  150 10 140 140 20 0 0 40 0 0')
        self.assertEqual({'idle': 20.0, 'iowait': 10.0, 'steal': 20.0},
                         host.cpu_shares(before, after))

    def test_old_kernels_without_steal_count_none(self):
        before = self._stat('cpu  10 0 10 10 0 0 0')
        after = self._stat('cpu  20 0 20 30 0 0 0')
        self.assertEqual({'idle': 50.0, 'iowait': 0.0, 'steal': 0.0},
                         host.cpu_shares(before, after))

    def test_unknown_without_proc_stat(self):
        missing = self.useFixture(fixtures.TempDir()).join('nothing')
        self.assertIsNone(host.cpu_ticks(missing))
        self.assertIsNone(host.cpu_shares(None, {'idle': 1}))

    def test_unknown_when_no_time_passed(self):
        ticks = self._stat('cpu  1 2 3 4 5 6 7 8 0 0')
        self.assertIsNone(host.cpu_shares(ticks, ticks))
