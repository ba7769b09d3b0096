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

An id is claimed (READY -> RUNNING, with its node lock and start event)
only once a worker is free for it; an id waiting for a worker is still
READY in the database, so any engine's sweep may take it. A semaphore
with one permit per worker thread is taken before the claim; when none
is free the id waits in a bounded queue (``[engine] queue_size``).
Beyond that the id is not taken (it stays READY; the sweep, woken as soon
as a worker frees up, picks it up). Queueing here rather than leaving
every busy-time cast to the sweeps keeps a saturated engine from
querying the database for work each time a worker frees up, and keeps
casts spread over the engines as the broker spread them. futurist's
``check_and_reject`` would look at the executor's backlog, which says
nothing about idle workers; the semaphore counts exactly the work in
flight.

Ids are claimed several at a time, in one statement on PostgreSQL: those
of one cast that free workers can take, and queued ids once
``claim_batch`` workers are free (``[engine] claim_batch``, at most a
quarter of the pool). A saturated engine's workers free up one at a
time; claiming for each alone cost a statement per action, and most of
an engine's database work.

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
        # At most a quarter of the workers wait for a batch to fill.
        self.claim_batch = max(1, min(CONF.engine.claim_batch,
                                      self.threads // 4))
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
        """Start or queue a worker for ``action_id``; False if neither."""
        return self.dispatch_many([action_id], queue) == 1

    def dispatch_many(self, action_ids, queue=True):
        """Start or queue workers for ``action_ids``; how many were taken.

        Ids that free workers take at once are claimed together (one
        statement on PostgreSQL); with ``queue`` the others wait in the
        queue, behind those already there.

        ``queue=False`` (the sweep) only takes free workers: READY ids
        found in the database are every engine's to take, and queueing
        them here would hold them back from an idle peer. An id already
        queued or running here is left to that (and counted as taken): a
        second worker would only lose the claim to the first. An id
        already queued here is not queued twice.
        """
        if not self._accepting:
            return 0
        taken, batch = 0, []
        with self._cond:
            for action_id in dict.fromkeys(action_ids):
                if action_id in self._queued_ids or (
                        not queue and action_id in self._in_flight):
                    taken += 1
                elif not self._queue and self._take_slot(action_id):
                    batch.append(action_id)
                    taken += 1
                elif queue and len(self._queue) < self.queue_size:
                    self._queue.append(action_id)
                    self._queued_ids.add(action_id)
                    taken += 1
                else:
                    self._rejected = True  # wake the sweep when one frees
                    LOG.debug('All %d workers busy and %d actions queued; '
                              'action %s stays READY', self.threads,
                              len(self._queue), action_id)
                    if not queue:
                        break
        self._claim_and_run(batch)
        # Workers may have finished meanwhile.
        self._start_queued()
        return taken

    def _take_slot(self, action_id):
        """Reserve a worker for ``action_id`` if one is free (lock held)."""
        if not self._slots.acquire(blocking=False):
            return False
        self._busy += 1
        self._in_flight[action_id] += 1
        return True

    def _claim_and_run(self, action_ids):
        """Claim ``action_ids`` (a slot held for each) and run them."""
        if not action_ids:
            return
        started = self._start(action_ids)
        claimed = set()
        for start in started:
            claimed.add(start.action.id)
            try:
                self._executor.submit(self._work, start)
            except Exception:
                LOG.exception('Could not submit action %s', start.action.id)
                self._release(start.action.id, start_queued=False)
        for action_id in action_ids:
            if action_id not in claimed:
                self._release(action_id, start_queued=False)

    def _start_queued(self):
        """Give free workers to queued ids, ``claim_batch`` at a time.

        While at least ``claim_batch`` ids wait, they are claimed once as
        many workers are free: a saturated engine, whose workers free up
        one by one, then claims in batches rather than one id each time.
        """
        while True:
            with self._cond:
                if not self._accepting or not self._queue:
                    return
                want = min(len(self._queue), self.claim_batch)
                if self.threads - self._busy < want:
                    return
                batch = []
                while len(batch) < want and self._take_slot(
                        self._queue[0]):
                    action_id = self._queue.popleft()
                    self._queued_ids.discard(action_id)
                    batch.append(action_id)
            if not batch:
                return
            self._claim_and_run(batch)

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

    def _work(self, start):
        action_id = start.action.id
        try:
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

    def _start(self, action_ids):
        """Claim, lock and start event at once; the Starts of those won."""
        context = senlin_context.get_admin_context()
        try:
            started = db_api.actions_start(context, action_ids,
                                           self.engine_id,
                                           event.start_wanted())
        except Exception as exc:
            if not db_api.is_unavailable(exc):
                LOG.exception('Could not claim actions %s',
                              ', '.join(action_ids))
                return []
            # Still READY (or, if the commit was cut, RUNNING for us with
            # no worker: the reaper hands it back).
            LOG.warning('Database unavailable, actions %s not claimed: %s',
                        ', '.join(action_ids), exc)
            return []
        if len(started) < len(action_ids):
            LOG.debug('%d of %d actions taken by another engine or not '
                      'READY', len(action_ids) - len(started),
                      len(action_ids))
        return started

    def _release(self, action_id, start_queued=True):
        self._slots.release()
        with self._cond:
            self._busy -= 1
            self._in_flight[action_id] -= 1
            if self._in_flight[action_id] <= 0:
                del self._in_flight[action_id]
            wake = self._rejected and self._accepting
            self._rejected = False
        if start_queued:
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
