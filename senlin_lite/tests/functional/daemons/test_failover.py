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

"""Engines killed (SIGKILL) or stopped (SIGTERM) while they run actions.

Real processes over the machine's RabbitMQ and a database of the test's
own on its PostgreSQL or MariaDB. The simulator holds every Nova call
for ``HOLD`` seconds so that actions are caught half-way.
"""

import signal
import time

from senlin_lite.tests.functional.daemons import backends
from senlin_lite.tests.functional.daemons import base
from senlin_lite.tests.functional.daemons import harness

PERIODIC = 1
DOWN_TIME = 4
HOLD = 2.5
ROUNDS = 5
CHECK_NODES = 9
RECOVER_NODES = 2
GRACE = 4
DIED = 'Engine died when executing this action.'
STOPPED_REQUEUED = ('Engine stopped when executing this action; queued to '
                    'run again.')


class _Failover(object):
    """The tests; the classes at the end choose the database."""

    backend = None

    def setUp(self):
        super().setUp()
        url = harness.temp_database(self, self.backend)
        self.deployment = self.deploy(url, engines=3, extra={
            'DEFAULT': {'periodic_interval': PERIODIC,
                        'service_down_time': DOWN_TIME,
                        'batch_interval': 0},
            # Every action cast alone, so that the broker spreads the
            # actions of a round over the three engines and a victim
            # holding checks and a recover can be found.
            'engine': {'threads': 16, 'stop_grace_period': 60,
                       'cast_batch_window': 0}},
            sim_delays=harness.QUICK_SIM)
        self.scenario = harness.Scenario(self, self.deployment)
        self.scenario.wait_engines(3)

    def _engine(self, service_id):
        hosts = self.scenario.db.services()
        name = hosts.get(service_id)
        return {p.name: p for p in self.deployment.engines}.get(name)

    def _wait_busy_engine(self, action_ids, least=2, timeout=10,
                          prefer=None):
        """(process, service id) of the engine running the most actions.

        ``prefer(owner)`` names a better choice: taken if it shows up
        within half of ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            owners = list(self.scenario.owners(action_ids).values())
            busy = [o for o in set(owners) if owners.count(o) >= least]
            better = [o for o in busy if prefer and prefer(o)]
            if better or (busy and (prefer is None or time.monotonic() >
                                    deadline - timeout / 2.0)):
                chosen = (better or busy)[0]
                return self._engine(chosen), chosen
            self.assertLess(time.monotonic(), deadline,
                            'no engine runs %d actions' % least)
            time.sleep(0.05)

    def _recovering_for(self, recovers):
        """prefer(owner): the engine holds a recover already at work."""
        def prefer(owner):
            running = {i for i, o in self.scenario.owners(recovers).items()
                       if o == owner}
            return any(node.status == 'RECOVERING' and
                       node.lock_action_id in running
                       for node in self.scenario.db.nodes())
        return prefer

    # -- kill -9 ---------------------------------------------------------

    def test_kill_engine_five_times(self):
        scenario = self.scenario
        profile = scenario.profile()
        check_nodes = scenario.create_nodes(CHECK_NODES, 'chk', profile)
        recover_nodes = scenario.create_nodes(RECOVER_NODES, 'rec', profile)
        failed_recovers = 0
        for round_no in range(ROUNDS):
            failed_recovers += self._kill_round(check_nodes, recover_nodes)
            self.deployment.add_engine('engine%d' % (3 + round_no))
            scenario.wait_engines(3)
        # Half-done recoveries were caught at least once.
        self.assertGreater(failed_recovers, 0)

    def _kill_round(self, check_nodes, recover_nodes):
        scenario = self.scenario
        scenario.sim.configure(api_delay=HOLD)
        checks = scenario.post_actions(check_nodes, {'check': {}})
        recovers = scenario.post_actions(
            recover_nodes, {'recover': {'operation': 'RECREATE'}})
        victim, victim_id = self._wait_busy_engine(
            checks, prefer=self._recovering_for(recovers))
        held = {i for i, owner in scenario.owners(checks + recovers).items()
                if owner == victim_id}
        victim.kill()
        killed_at = time.monotonic()
        scenario.sim.configure(api_delay=0)
        actions = scenario.wait_terminal(checks + recovers, 2 * DOWN_TIME)
        elapsed = time.monotonic() - killed_at
        self.assertLessEqual(elapsed, 2 * DOWN_TIME)

        scenario.assert_succeeded({i: actions[i] for i in checks})
        survivors = [p for p in self.deployment.engines if p.running]
        ran_elsewhere = set().union(*map(harness.succeeded_on, survivors))
        held_checks = held & set(checks)
        self.assertTrue(held_checks)
        self.assertEqual(held_checks, held_checks & ran_elsewhere)
        nodes = {n.id: n for n in scenario.db.nodes()}
        failed = 0
        for node_id, action_id in zip(recover_nodes, recovers):
            action = actions[action_id]
            if action['status'] == 'FAILED':
                self.assertIn(action_id, held)
                self.assertEqual(DIED, action['status_reason'])
                self.assertEqual(('ERROR', 'Recovery interrupted: engine '
                                  'died'), (nodes[node_id].status,
                                            nodes[node_id].status_reason))
                failed += 1
            else:
                self.assertEqual('SUCCEEDED', action['status'])
        scenario.assert_nodes_settled()
        self.assertNotIn(victim_id, scenario.db.services())
        return failed

    # -- SIGTERM ---------------------------------------------------------

    def test_sigterm_with_actions_in_flight(self):
        scenario = self.scenario
        nodes = scenario.create_nodes(8, 'term')
        # A SIGHUP makes the engines take the short grace period.
        self.deployment.update_config('engine', stop_grace_period=GRACE)
        for engine in self.deployment.engines:
            engine.signal(signal.SIGHUP)
        backends.wait_until(
            lambda: all('stop_grace_period %ss' % GRACE in e.log()
                        for e in self.deployment.engines), 10, 'reloaded')
        self._gmr_report(self.deployment.engines[0])

        # Quick actions end on the stopping engine itself.
        scenario.sim.configure(api_delay=0.5)
        self._stop_one(nodes[:4], handed_back=False)
        # Slow ones are handed back near the end of the grace period and
        # run on another engine.
        scenario.sim.configure(api_delay=GRACE + 1)
        self._stop_one(nodes[4:], handed_back=True)

    def _stop_one(self, node_ids, handed_back):
        scenario = self.scenario
        checks = scenario.post_actions(node_ids, {'check': {}})
        victim, victim_id = self._wait_busy_engine(checks, least=1)
        held = {i for i, owner in scenario.owners(checks).items()
                if owner == victim_id}
        victim.signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        victim.popen.wait(GRACE + 10)
        exit_time = time.monotonic() - stopped_at
        self.assertLessEqual(exit_time, GRACE)
        self.assertEqual(0, victim.popen.returncode)
        if handed_back:
            scenario.sim.configure(api_delay=0)
        actions = scenario.wait_terminal(checks, 30)
        scenario.assert_succeeded(actions)
        survivors = [p for p in self.deployment.engines if p.running]
        ran_elsewhere = set().union(*map(harness.succeeded_on, survivors))
        if handed_back:
            self.assertEqual(held, held & ran_elsewhere)
            self.assertIn(STOPPED_REQUEUED, victim.log())
        else:
            self.assertEqual(held, held & harness.succeeded_on(victim))
        self.assertNotIn(victim_id, scenario.db.services())
        scenario.assert_nodes_settled()

    def _gmr_report(self, engine):
        engine.signal(signal.SIGUSR2)
        backends.wait_until(lambda: 'senlin-lite engine' in engine.log(),
                            10, 'Guru Meditation report written')
        log = engine.log()
        self.assertIn('Guru Meditation', log)
        self.assertIn('actions_in_flight', log)
        self.assertTrue(engine.running)


class FailoverPostgreSQLTest(_Failover, base.DaemonTestCase):
    backend = backends.POSTGRESQL


class FailoverMariaDBTest(_Failover, base.DaemonTestCase):
    backend = backends.MYSQL
