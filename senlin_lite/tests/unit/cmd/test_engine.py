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

"""senlin-lite-engine's start: pool size and the nice value option."""

from senlin_lite.cmd import engine
from senlin_lite import conf
from senlin_lite.tests import base

CONF = conf.CONF


class EnginePoolSizeTest(base.TestCase):

    def test_two_connections_per_cpu_and_the_service_ones(self):
        self.assertEqual(4 + 2, engine.pool_size(threads=64, cpus=2))
        self.assertEqual(16 + 2, engine.pool_size(threads=64, cpus=8))

    def test_no_more_worker_connections_than_workers(self):
        self.assertEqual(3 + 2, engine.pool_size(threads=3, cpus=8))

    def test_default_only(self):
        conf.database.size_pool(CONF, engine.pool_size(64, cpus=2))
        self.assertEqual(6, CONF.database.max_pool_size)
        self.assertEqual(0, CONF.database.max_overflow)

        self.flags(group='database', max_pool_size=40)
        conf.database.size_pool(CONF, engine.pool_size(64, cpus=2))
        self.assertEqual(40, CONF.database.max_pool_size)


class NicePriorityOptionTest(base.TestCase):

    def test_option_range(self):
        self.assertRaises(ValueError, self.flags, group='engine',
                          nice_priority=20)
        self.flags(group='engine', nice_priority=19)
        self.assertEqual(19, CONF.engine.nice_priority)
