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

"""senlin-lite-bench against the in-process service: it counts truly."""

import json

import fixtures

from senlin_lite.bench import cli
from senlin_lite.bench import floor
from senlin_lite.tests.functional.inprocess import base


class TestBench(base.InProcessTestCase):

    def test_every_action_is_counted(self):
        stdout = self.useFixture(fixtures.StringStream('stdout')).stream
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        log = self.useFixture(fixtures.TempDir()).join('latency.log')
        # --db-url: the bench learns from the database which actions ended.
        cli.main(['--url', self.client.url, '--nodes', '3', '--actions',
                  '30', '--concurrency', '3', '--recover-every', '10',
                  '--db-url', self.database.url, '--latency-log', log])
        stdout.seek(0)
        result = json.loads(stdout.read())
        self.assertEqual(30, result['accepted'])
        self.assertEqual(0, result['http_errors'])
        self.assertEqual(0, result['failed'])
        self.assertEqual(0, result['not_terminal'])
        self.assertGreater(result['e2e_actions_per_s'], 0)
        self.assertLessEqual(result['post_p50_ms'], result['post_p99_ms'])
        # One line per POST, in the order they were sent.
        with open(log) as lines:
            self.assertTrue(next(lines).startswith('# run started at '))
            posts = [tuple(map(float, line.split())) for line in lines]
        self.assertEqual(30, len(posts))
        # By send time only: two sends within the log's 0.1 ms print the
        # same and keep their real order, whatever their latencies.
        sent = [post[0] for post in posts]
        self.assertEqual(sorted(sent), sent)
        # The same requests the JSON line's percentiles were taken from.
        self.assertAlmostEqual(result['post_p99_ms'], cli._percentile(
            [p[1] * 1000 for p in posts], 0.99), delta=0.2)
        # The bench works in a project of its own; an admin sees it all.
        recovers = self.admin.get('/v1/actions', params={
            'action': 'NODE_RECOVER'}).json()['actions']
        self.assertEqual(['SUCCEEDED'] * 3, [a['status'] for a in recovers])
        nodes = self.admin.get('/v1/nodes').json()['nodes']
        self.assertEqual(['ACTIVE'] * 3, [n['status'] for n in nodes])

    def test_floor_is_measured_before_and_after_the_run(self):
        stdout = self.useFixture(fixtures.StringStream('stdout')).stream
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        cli.main(['--url', self.client.url, '--nodes', '2', '--actions',
                  '10', '--concurrency', '2', '--db-url', self.database.url,
                  '--floor', '--ramp-up', '0.1'])
        stdout.seek(0)
        result = json.loads(stdout.read())
        self.assertEqual(10, result['accepted'])
        self.assertEqual(0, result['not_terminal'])
        before = result['floor_before_actions_per_s']
        after = result['floor_after_actions_per_s']
        self.assertGreater(before, 0)
        self.assertGreater(after, 0)
        self.assertAlmostEqual((before + after) / 2,
                               result['floor_actions_per_s'], delta=0.1)
        self.assertAlmostEqual(
            result['e2e_actions_per_s'] / result['floor_actions_per_s'],
            result['fraction_of_floor'], delta=0.001)
        for phase in ('host_cpu_pct', 'floor_host_cpu_pct'):
            self.assertEqual({'idle', 'iowait', 'steal'},
                             set(result[phase]))
        # The floor's own rows are gone; only the run's two nodes remain.
        nodes = self.admin.get('/v1/nodes').json()['nodes']
        self.assertEqual(2, len(nodes))

    def test_floor_leaves_no_rows_behind(self):
        result = floor.Floor(self.database.url, nodes=2, total=20,
                             concurrency=2).run()
        self.assertGreater(result['floor_actions_per_s'], 0)
        self.assertEqual(2, result['floor_connections'])
        for kind in ('nodes', 'actions', 'events', 'profiles'):
            self.assertEqual(
                [], self.admin.get('/v1/' + kind).json()[kind], kind)
