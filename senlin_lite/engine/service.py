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


"""The engine service: RPC server, worker pool, heartbeat and sweep.

Embeddable (the all-in-one process runs it next to the API on the
``fake:/`` transport) and the core of ``senlin-lite-engine``::

    service = EngineService().start()
    signal.signal(signal.SIGTERM, lambda *a: service.stop())
    service.wait()

One background thread ("engine-ticker") writes the heartbeat every
``periodic_interval`` seconds and sweeps READY actions that may run now:
actions whose cast was lost, that arrived while every worker was busy, or
whose lock-retry time has come on an engine that stopped. The sweep also
runs at start and whenever a worker frees up after a refusal.
"""

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
from senlin_lite.engine import rpcapi

CONF = conf.CONF
LOG = logging.getLogger(__name__)


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
        self._context = senlin_context.get_admin_context()
        self._rpc_server = None
        self._ticker = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._stopped = threading.Event()
        self._state_lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------

    def start(self):
        """Register, listen and begin sweeping. Returns self."""
        db_api.service_create(self._context, self.engine_id, self.host,
                              consts.ENGINE_BINARY, self.topic)
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

    def stop(self, graceful=True):
        """Stop listening and sweeping, let running actions finish.

        Running actions get ``[engine] stop_grace_period`` seconds
        (none unless ``graceful``); those still running are then
        interrupted at their next safe point and handed back as READY
        for another engine. Idempotent.
        """
        with self._state_lock:
            if self._stopping.is_set():
                return
            self._stopping.set()
        if self._rpc_server is not None:
            self._stop_rpc_server()
        self._wake.set()
        if self._ticker is not None:
            self._ticker.join(timeout=10)
        grace = CONF.engine.stop_grace_period if graceful else 0
        if not self.dispatcher.shutdown(grace):
            LOG.warning('Engine %s stopped with actions still running',
                        self.engine_id)
        try:
            db_api.service_delete(self._context, self.engine_id)
        except Exception:
            LOG.exception('Could not remove service record %s',
                          self.engine_id)
        self._stopped.set()
        LOG.info('Engine %s stopped', self.engine_id)

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
        """oslo.service's SIGHUP hook: nothing to reload."""

    # -- periodic work ---------------------------------------------------

    def wake_sweep(self):
        """Ask the ticker thread to sweep now (cheap, thread-safe)."""
        self._wake.set()

    def _tick_loop(self):
        interval = CONF.periodic_interval
        next_beat = time.monotonic() + interval
        next_sweep = 0.0
        while not self._stopping.is_set():
            now = time.monotonic()
            if now >= next_beat:
                self._guarded(self.heartbeat)
                next_beat = now + interval
            if self._wake.is_set() or now >= next_sweep:
                self._wake.clear()
                self._guarded(self.sweep)
                next_sweep = now + interval
            self._wake.wait(max(0.0, min(next_beat, next_sweep) -
                                time.monotonic()))

    @staticmethod
    def _guarded(func):
        try:
            func()
        except Exception:
            LOG.exception('Periodic task %s failed', func.__name__)

    def heartbeat(self):
        """Refresh this engine's service row; re-create it if removed."""
        if not db_api.service_heartbeat(self._context, self.engine_id):
            LOG.warning('Service record %s was removed; registering again',
                        self.engine_id)
            db_api.service_create(self._context, self.engine_id, self.host,
                                  consts.ENGINE_BINARY, self.topic)

    def sweep(self):
        """Dispatch READY actions that may run now; returns how many."""
        if not self.dispatcher.accepting:
            return 0
        ids = db_api.action_ids_ready(self._context, CONF.engine.sweep_batch)
        count = 0
        for action_id in ids:
            if not self.dispatcher.dispatch(action_id):
                break
            count += 1
        if count:
            LOG.debug('Sweep dispatched %d READY action(s)', count)
        return count

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
