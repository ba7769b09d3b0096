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


"""The engine service: RPC server, worker pool, heartbeat, sweep, reaper.

Embeddable (the all-in-one process runs it next to the API on the
``fake:/`` transport) and the core of ``senlin-lite-engine``::

    service = EngineService().start()
    signal.signal(signal.SIGTERM, lambda *a: service.stop())
    service.wait()

One background thread ("engine-ticker") writes the heartbeat every
``periodic_interval`` seconds and, on the same schedule, sweeps READY
actions that may run now (actions whose cast was lost, that arrived while
every worker was busy, or whose lock-retry time has come on an engine
that stopped) and runs the reaper (``engine.reaper``), which takes over
the work of dead engines. The sweep also runs at start and whenever a
worker frees up after a refusal.

The reaper only runs once this engine has itself reached the database
for a whole ``service_down_time``: after a database outage every
heartbeat is old, and a peer must first get the chance to beat again.

``stop()`` keeps the heartbeat going while running actions finish, so
that peers do not take a stopping engine for a dead one.
"""

import datetime
import threading
import time

from oslo_log import log as logging

from senlin_lite.common import consts
from senlin_lite.common import context as senlin_context
from senlin_lite.common import messaging
from senlin_lite.common import utils
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.engine import dispatcher as engine_dispatcher
from senlin_lite.engine import manager as engine_manager
from senlin_lite.engine import reaper as engine_reaper
from senlin_lite.engine import rpcapi

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# Least seconds between two sweeps asked for by wake_sweep().
WOKEN_SWEEP_SPACING = 0.5

# Seconds, at most, kept at the end of the stop grace period for handing
# back what is still running and deregistering.
STOP_RESERVE = 2.0
# Seconds, at most, running actions get to reach a safe point once
# interrupted.
STOP_INTERRUPT_WINDOW = 5.0


class EngineService(object):
    """One engine: ``start()``, ``stop(graceful=True)``, ``wait()``.

    ``engine_id`` (a new UUID per start) is the ``service`` row id and
    the owner id written on the actions this engine runs.
    """

    def __init__(self, host=None, topic=None, threads=None):
        self.engine_id = utils.generate_uuid()
        self.host = host or CONF.host
        self.topic = topic or CONF.engine.topic
        self.dispatcher = engine_dispatcher.Dispatcher(
            self.engine_id, threads=threads, on_capacity=self.wake_sweep)
        self.manager = engine_manager.EngineManager(self.dispatcher,
                                                    self.wake_sweep)
        self.reaper = engine_reaper.Reaper(self.engine_id, self.dispatcher)
        self._context = senlin_context.get_admin_context()
        self._rpc_server = None
        self._ticker = None
        self._db_ok_since = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._ticking_done = threading.Event()
        self._stopped = threading.Event()
        self._state_lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------

    def start(self):
        """Register, listen and begin sweeping. Returns self."""
        self._register()
        self._db_ok_since = time.monotonic()
        self._rpc_server = messaging.get_rpc_server(
            self.topic, self.host, [self.manager], rpcapi.RPC_API_VERSION)
        self._rpc_server.start()
        self._ticker = threading.Thread(target=self._tick_loop,
                                        name='engine-ticker', daemon=True)
        self._ticker.start()
        LOG.info('Engine %(id)s started on host %(host)s, topic %(topic)s, '
                 '%(threads)d workers',
                 {'id': self.engine_id, 'host': self.host,
                  'topic': self.topic, 'threads': self.dispatcher.threads})
        return self

    def _register(self):
        db_api.service_create(self._context, self.engine_id, self.host,
                              consts.ENGINE_BINARY, self.topic)

    def stop(self, graceful=True):
        """Stop taking work, let running actions finish, deregister.

        Running actions get ``[engine] stop_grace_period`` seconds (none
        unless ``graceful``), all told: near its end those still running
        are interrupted at their next safe point, and what is left is
        handed back in the database (READY if it may run again, else
        FAILED with its node in ERROR). The heartbeat goes on meanwhile.
        Idempotent.
        """
        with self._state_lock:
            if self._stopping.is_set():
                return
            self._stopping.set()
        began = time.monotonic()
        grace = float(CONF.engine.stop_grace_period) if graceful else 0.0
        LOG.info('Engine %s stopping; running actions get %ss',
                 self.engine_id, grace)
        self._wake.set()  # the ticker: heartbeat only from now on
        if self._rpc_server is not None:
            self._stop_rpc_server()
        self.dispatcher.stop_accepting()
        self._quietly(db_api.service_update, self._context, self.engine_id,
                      {'disabled': True, 'disabled_reason': 'stopping'})
        if not self._finish_running(began, grace):
            self._quietly(self.reaper.hand_back_lost,
                          db_api.CAUSE_STOPPED, False)
        self._ticking_done.set()
        self._wake.set()
        if self._ticker is not None:
            self._ticker.join(timeout=10)
        self._quietly(db_api.service_delete, self._context, self.engine_id)
        self.dispatcher.close()
        self._stopped.set()
        LOG.info('Engine %s stopped after %.1fs', self.engine_id,
                 time.monotonic() - began)

    def _finish_running(self, began, grace):
        """Drain, then interrupt; True if no action is left running."""
        window = min(STOP_INTERRUPT_WINDOW, max(0.5, grace / 4.0))
        reserve = min(STOP_RESERVE, grace / 5.0)
        deadline = max(began + grace - reserve, began + window)
        if self.dispatcher.drain(deadline - window - time.monotonic()):
            return True
        self.dispatcher.interrupt()
        if self.dispatcher.drain(deadline - time.monotonic()):
            return True
        LOG.warning('Engine %s: %d action(s) did not stop in time; handing '
                    'them back', self.engine_id, self.dispatcher.busy)
        return False

    @staticmethod
    def _quietly(func, *args):
        try:
            return func(*args)
        except Exception as exc:
            LOG.warning('%s failed: %s', func.__name__, exc)

    def _stop_rpc_server(self):
        try:
            self._rpc_server.stop()
            self._rpc_server.wait()
        except Exception:
            LOG.exception('Error while stopping the RPC server')

    def wait(self):
        """Block until ``stop()`` has completed."""
        while not self._stopped.wait(1.0):
            pass

    def reset(self):
        """After a SIGHUP reload: apply the new periodic settings now."""
        LOG.info('Engine %(id)s: periodic_interval %(interval)ss, '
                 'service_down_time %(down)ss, stop_grace_period %(grace)ss',
                 {'id': self.engine_id, 'interval': CONF.periodic_interval,
                  'down': engine_reaper.service_down_time(),
                  'grace': CONF.engine.stop_grace_period})
        self._wake.set()

    # -- periodic work ---------------------------------------------------

    def wake_sweep(self):
        """Ask the ticker thread to sweep now (cheap, thread-safe)."""
        self._wake.set()

    def _tick_loop(self):
        """Heartbeat, sweep and reap, each every periodic_interval.

        The interval is read on every turn, so a reload applies at once.
        While the engine stops, only the heartbeat goes on.
        """
        last_beat = time.monotonic()
        last_sweep = last_reap = None
        pending = False
        while not self._ticking_done.is_set():
            now = time.monotonic()
            interval = CONF.periodic_interval
            if now >= last_beat + interval:
                self.heartbeat()
                last_beat = now
            woken = self._wake.is_set() or pending
            self._wake.clear()
            due = last_beat + interval
            if not self._stopping.is_set():
                # A saturated engine is woken each time a worker frees up;
                # one sweep per WOKEN_SWEEP_SPACING is enough.
                pending = woken and last_sweep is not None and (
                    now < last_sweep + WOKEN_SWEEP_SPACING)
                # The first sweep takes every READY action: what a peer
                # handed back when it stopped has no cast on its way.
                if (woken and not pending) or last_sweep is None:
                    self._guarded(self.sweep)
                    last_sweep = now
                elif now >= last_sweep + interval:
                    self._guarded(self.sweep_settled)
                    last_sweep = now
                if last_reap is None or now >= last_reap + interval:
                    if self._guarded(self.reap):
                        self._guarded(self.sweep)
                    last_reap = now
                due = min(due, last_sweep + interval, last_reap + interval)
                if pending:
                    due = min(due, last_sweep + WOKEN_SWEEP_SPACING)
            self._wake.wait(max(0.0, due - time.monotonic()))

    @staticmethod
    def _guarded(func):
        try:
            return func()
        except Exception as exc:
            if db_api.is_unavailable(exc):
                LOG.warning('Periodic task %s: database unavailable: %s',
                            func.__name__, exc)
            else:
                LOG.exception('Periodic task %s failed', func.__name__)

    def heartbeat(self):
        """Refresh this engine's service row; re-create it if removed.

        Returns whether the database was reached.
        """
        try:
            if not db_api.service_heartbeat(self._context, self.engine_id):
                LOG.warning('Service record %s was removed; registering '
                            'again', self.engine_id)
                self._register()
        except Exception as exc:
            if self._db_ok_since is not None:
                LOG.warning('Heartbeat of engine %s failed: %s',
                            self.engine_id, exc)
            self._db_ok_since = None
            return False
        if self._db_ok_since is None:
            LOG.info('Heartbeat of engine %s written again', self.engine_id)
            self._db_ok_since = time.monotonic()
        return True

    def sweep(self, min_age=0.0):
        """Dispatch READY actions that may run now; returns how many.

        ``min_age``: leave those created less than that many seconds ago.
        """
        if not self.dispatcher.accepting:
            return 0
        created_before = None
        if min_age > 0:
            created_before = utils.utcnow() - datetime.timedelta(
                seconds=min_age)
        ids = db_api.action_ids_ready(self._context, CONF.engine.sweep_batch,
                                      created_before=created_before)
        count = self.dispatcher.dispatch_many(ids, queue=False)
        if count:
            LOG.debug('Sweep dispatched %d READY action(s)', count)
        return count

    def sweep_settled(self):
        """The periodic sweep: new actions are left to their casts."""
        return self.sweep(CONF.engine.sweep_min_age)

    def reap(self):
        """Take over for dead engines; returns how many actions re-queued.

        Skipped until this engine has reached the database for a whole
        service_down_time (see the module's docstring).
        """
        since = self._db_ok_since
        if (since is None or time.monotonic() - since <
                engine_reaper.service_down_time()):
            return 0
        return self.reaper.run()

    # -- introspection ---------------------------------------------------

    def report(self):
        """A dict describing this engine (the Guru Meditation section)."""
        since = self._db_ok_since
        return {
            'engine_id': self.engine_id, 'host': self.host,
            'topic': self.topic, 'stopping': self._stopping.is_set(),
            'workers': self.dispatcher.threads,
            'busy_workers': self.dispatcher.busy,
            'queued_actions': self.dispatcher.queued(),
            'actions_in_flight': sorted(self.dispatcher.in_flight()),
            'lock_retries_scheduled': self.dispatcher.pending_timers(),
            'database_reachable_for': (
                '%.0fs' % (time.monotonic() - since) if since is not None
                else 'no (heartbeat failing)'),
        }

    # -- for tests and the all-in-one process ------------------------------

    def wait_idle(self, timeout=30.0):
        """Wait until this engine has nothing left to do.

        Idle: no action running, no lock retry scheduled, no READY action
        that may run now. Returns False if ``timeout`` passed first.
        """
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if not self.dispatcher.wait_idle(remaining):
                return False
            if db_api.action_ids_ready(self._context, 1):
                self.wake_sweep()
                time.sleep(0.02)
                continue
            # A worker that claimed an action after the first check is
            # still counted as busy: look once more.
            if self.dispatcher.wait_idle(0):
                return True
