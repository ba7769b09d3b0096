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

"""Hands action ids to a bounded pool of worker threads.

The claim (READY -> RUNNING) happens inside the worker, not here: an id
waiting for a worker is still READY in the database, so any engine's
sweep may take it. A semaphore with one permit per worker thread is taken
before submitting; when none is free the id waits in a bounded queue
(``[engine] queue_size``) and the next worker to finish takes it. Beyond
that the id is not taken (it stays READY; the sweep, woken as soon as a
worker frees up, picks it up). Queueing here rather than leaving every
busy-time cast to the sweeps keeps a saturated engine from querying the
database for work each time a worker frees up, and keeps casts spread
over the engines as the broker spread them. futurist's
``check_and_reject`` would look at the executor's backlog, which says
nothing about idle workers; the semaphore counts exactly the work in
flight.

Lock retries are rescheduled, not slept on: ``dispatch_at`` keeps a heap
of (due time, action id) served by one timer thread. The row itself
carries ``not_before``, so if this engine stops the retry is not lost:
another engine's sweep claims it once it is due.

``in_flight()`` names the actions a worker holds (from before its claim
to after its last write), which is how the engine tells an action it is
running from one it claimed and lost track of.
"""

import collections
import heapq
import itertools
import threading
import time

import futurist
from oslo_log import log as logging

from senlin_lite.common import context as senlin_context
from senlin_lite.common import trusts
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.engine.actions import node_actions
from senlin_lite.engine import event

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class Dispatcher(object):
    """Runs actions for the engine ``engine_id``.

    ``interrupted`` is set when the engine stops and its grace period is
    over: running actions see it at their next safe point and hand
    themselves back as READY.
    """

    def __init__(self, engine_id, threads=None, on_capacity=None,
                 queue_size=None):
        self.engine_id = engine_id
        self.threads = threads or CONF.engine.threads
        self.queue_size = (CONF.engine.queue_size if queue_size is None
                           else queue_size)
        self._queue = collections.deque()
        self._queued_ids = set()
        self.interrupted = threading.Event()
        self._on_capacity = on_capacity
        self._slots = threading.BoundedSemaphore(self.threads)
        self._executor = futurist.ThreadPoolExecutor(
            max_workers=self.threads)
        self._cond = threading.Condition()
        self._busy = 0
        self._in_flight = collections.Counter()
        self._accepting = True
        self._rejected = False
        self._timers = []
        self._seq = itertools.count()
        self._timer_thread = None

    @property
    def busy(self):
        return self._busy

    @property
    def accepting(self):
        return self._accepting

    def dispatch(self, action_id, queue=True):
        """Start or queue a worker for ``action_id``; False if neither.

        ``queue=False`` (the sweep) only takes a free worker: READY ids
        found in the database are every engine's to take, and queueing
        them here would hold them back from an idle peer. An id already
        queued or running here is left to that: a second worker would
        only lose the claim to the first (after waiting for its
        transaction). An id already queued here is not queued twice.
        """
        if not self._accepting:
            return False
        if not queue:
            with self._cond:
                if (action_id in self._queued_ids or
                        action_id in self._in_flight):
                    return True
        if not self._slots.acquire(blocking=False):
            with self._cond:
                if not queue:
                    self._rejected = True  # wake the sweep when one frees
                    return False
                if action_id in self._queued_ids:
                    return True
                if len(self._queue) >= self.queue_size:
                    self._rejected = True
                    LOG.debug('All %d workers busy and %d actions queued; '
                              'action %s stays READY', self.threads,
                              len(self._queue), action_id)
                    return False
                self._queue.append(action_id)
                self._queued_ids.add(action_id)
            # A worker may have finished between the two steps.
            self._start_queued()
            return True
        return self._submit(action_id)

    def _submit(self, action_id):
        """Run ``action_id`` on a worker; the caller holds a slot."""
        with self._cond:
            self._busy += 1
            self._in_flight[action_id] += 1
        try:
            self._executor.submit(self._work, action_id)
        except Exception:
            LOG.exception('Could not submit action %s', action_id)
            self._release(action_id)
            return False
        return True

    def _start_queued(self):
        """Give free workers to queued ids."""
        while self._slots.acquire(blocking=False):
            with self._cond:
                action_id = (self._queue.popleft()
                             if self._queue and self._accepting else None)
                self._queued_ids.discard(action_id)
            if action_id is None:
                self._slots.release()
                return
            self._submit(action_id)

    def dispatch_at(self, action_id, due):
        """Dispatch ``action_id`` once the epoch time ``due`` has passed."""
        with self._cond:
            if not self._accepting:
                return
            heapq.heappush(self._timers, (due, next(self._seq), action_id))
            if self._timer_thread is None:
                self._timer_thread = threading.Thread(
                    target=self._run_timers, name='engine-retry-timer',
                    daemon=True)
                self._timer_thread.start()
            self._cond.notify_all()

    def _run_timers(self):
        while True:
            with self._cond:
                due_ids = self._pop_due_timers()
                if due_ids is None:
                    return
            for action_id in due_ids:
                self.dispatch(action_id)

    def _pop_due_timers(self):
        """Wait for due timers (lock held); None once stopping."""
        while self._accepting:
            now = time.time()
            if self._timers and self._timers[0][0] <= now:
                due = []
                while self._timers and self._timers[0][0] <= now:
                    due.append(heapq.heappop(self._timers)[2])
                self._cond.notify_all()
                return due
            wait = self._timers[0][0] - now if self._timers else None
            self._cond.wait(wait)
        return None

    def _work(self, action_id):
        try:
            context = senlin_context.get_admin_context()
            start = self._start(context, action_id)
            if start is None:
                return
            # The action runs for the user who asked for it (their stored
            # context and trust), not with the engine's admin context.
            record = start.action
            node_actions.create(trusts.action_context(record), record,
                                self, start).execute()
        except Exception:
            # Execution errors end the action FAILED inside execute(); what
            # reaches here is a database failure while recording it. The
            # engine hands such an action back once it sees it (reaper).
            LOG.exception('Engine failure while running action %s',
                          action_id)
        finally:
            self._release(action_id)

    def _start(self, context, action_id):
        """Claim, lock and start event in one transaction; None if lost."""
        try:
            start = db_api.action_start(context, action_id, self.engine_id,
                                        event.start_wanted())
        except Exception as exc:
            if not db_api.is_unavailable(exc):
                raise
            # Still READY (or, if the commit was cut, RUNNING for us with
            # no worker: the reaper hands it back).
            LOG.warning('Database unavailable, action %s not claimed: %s',
                        action_id, exc)
            return None
        if start is None:
            LOG.debug('Action %s taken by another engine or not READY',
                      action_id)
        return start

    def _release(self, action_id):
        self._slots.release()
        with self._cond:
            self._busy -= 1
            self._in_flight[action_id] -= 1
            if self._in_flight[action_id] <= 0:
                del self._in_flight[action_id]
            wake = self._rejected and self._accepting
            self._rejected = False
        self._start_queued()
        with self._cond:
            self._cond.notify_all()
        if wake and self._on_capacity is not None:
            self._on_capacity()

    def in_flight(self):
        """Ids of the actions a worker of this engine holds now."""
        with self._cond:
            return set(self._in_flight)

    def queued(self):
        with self._cond:
            return len(self._queue)

    def pending_timers(self):
        with self._cond:
            return len(self._timers)

    def wait_idle(self, timeout=None, include_timers=True):
        """Block until no action runs (and no retry is scheduled).

        Returns True when idle, False if ``timeout`` passed first.
        """
        def idle():
            return (self._busy == 0 and not self._queue and
                    not (include_timers and self._timers))
        with self._cond:
            return self._cond.wait_for(idle, timeout)

    def stop_accepting(self):
        """Take no new work; scheduled retries stay READY in the DB."""
        with self._cond:
            self._accepting = False
            self._timers = []
            self._queue.clear()
            self._queued_ids.clear()
            self._cond.notify_all()

    def drain(self, timeout):
        """Wait up to ``timeout`` seconds for running actions to end."""
        return self.wait_idle(max(0.0, timeout), include_timers=False)

    def interrupt(self):
        """Make running actions stop at their next safe point."""
        if self._busy:
            LOG.warning('Interrupting %d running action(s)', self._busy)
        self.interrupted.set()

    def close(self):
        """Release the pool; workers still blocked finish on their own."""
        self._executor.shutdown(wait=False)
