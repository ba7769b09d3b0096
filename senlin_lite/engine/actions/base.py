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

"""One claimed action, from its start event to its single final write.

The life of an action in a worker (contract 3.6, with senlin_lite's
improvements of section 0):

1. in the claim's transaction (``db_api.action_start``): take the node
   lock (forced for delete and operation), read the node, write the start
   event; a pending cancel ends the action at once; a busy lock hands
   the action back to READY with a retry time (``not_before``) instead
   of sleeping in the worker (3.8);
3. run the handler of a subclass; the profile calls ``guard`` at its
   safe points, where a cancel request, the deadline or a stopping engine
   interrupt the work;
4. one ``db_api.action_finish`` writes the action's end, the node's final
   values, the end event and the lock release together.

When the work is cut short by something other than the action itself
(the engine stops, the database goes away) the action is handed back as
READY if running it again from the start is safe: an idempotent action
(NODE_CHECK), or one that has not begun to change its node. Any other
ends FAILED with its node in ERROR, as ``db_api.engine_take_over`` does
for an engine that died. A database outage never loses the result: the
final write waits for the database to come back. Every write is fenced
by the claim: an action another engine took over is left to it.

Every status change is checked by the action's copy of the state machine
before it is written.
"""

import time

from oslo_log import log as logging

from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.engine.actions import states
from senlin_lite.engine import event
from senlin_lite.engine import notifications

CONF = conf.CONF
LOG = logging.getLogger(__name__)

REASON_SUCCEEDED = 'Action completed successfully.'
REASON_FAILED = 'Action execution failed'
REASON_LOCK = 'Failed in locking node'
REASON_TIMEOUT = 'TIMEOUT'
REASON_ENGINE_STOPPED = db_api.FAILED_REASONS[db_api.CAUSE_STOPPED]
REASON_DB_LOST = 'Database unavailable when executing this action.'
REASON_DB_LOST_REQUEUED = ('Database unavailable when executing this '
                           'action; queued to run again.')

# Seconds between two reads of the action row by ``guard``.
SIGNAL_POLL_INTERVAL = 0.3
# Seconds before an engine tries again an action it handed back.
HANDBACK_RETRY_DELAY = 1.0


class EngineStopping(Exception):
    """The engine is shutting down: hand the action back as READY."""


class Result(object):
    """What a handler returns: its verdict and the node's final values.

    ``reason`` is the handler's own text: the end event shows it, and a
    failed action also stores it as its status_reason.
    """

    def __init__(self, ok, reason, node_values=None, delete_node=False,
                 outputs=None):
        self.ok = ok
        self.reason = reason
        self.node_values = node_values
        self.delete_node = delete_node
        self.outputs = outputs


class _Outcome(object):
    """How the action ends: a machine event plus what to write."""

    def __init__(self, fsm_event, reason, events=(), node_values=None,
                 delete_node=False, outputs=None, retry_at=None, data=None):
        self.fsm_event = fsm_event
        self.reason = reason
        self.events = list(events)
        self.node_values = node_values
        self.delete_node = delete_node
        self.outputs = outputs
        self.retry_at = retry_at
        self.data = data


class Action(object):
    """An action an engine has claimed; subclasses define ``handle()``.

    ``engine`` is the dispatcher that runs it: it provides ``engine_id``,
    the ``interrupted`` event and ``dispatch_at`` for lock retries.
    """

    def __init__(self, context, record, engine, start=None):
        self.context = context
        self.record = record
        self.engine = engine
        self.id = record.id
        self.name = record.action
        self.target = record.target
        self.inputs = dict(record.inputs or {})
        self.data = dict(record.data or {})
        self.fsm = states.ActionMachine(record.status)
        timeout = record.timeout or CONF.default_action_timeout
        self.deadline = (record.start_time or time.time()) + timeout
        self.node = None
        self.node_phrase = None
        self._polled_at = None
        self._ended_elsewhere = False
        # What db_api.action_start found, when the claim took the lock too.
        self._start = start

    # -- the part subclasses provide ------------------------------------

    def handle(self):
        """Do the work; return a Result. Raise nothing on purpose."""
        return Result(False, 'Unsupported action: %s' % self.name)

    # -- safe points -----------------------------------------------------

    def guard(self):
        """A safe point: raise if the action must stop here.

        Cheap enough to call in every poll loop: the deadline is checked
        locally, the action row is read at most every
        SIGNAL_POLL_INTERVAL seconds.
        """
        if self.engine.interrupted.is_set():
            raise EngineStopping()
        if time.time() > self.deadline:
            raise exception.ActionTimeout()
        self.check_signals()

    def check_signals(self, force=False):
        now = time.monotonic()
        if (not force and self._polled_at is not None and
                now - self._polled_at < SIGNAL_POLL_INTERVAL):
            return
        self._polled_at = now
        try:
            row = db_api.action_get_status(self.context, self.id)
        except Exception as exc:
            if not db_api.is_unavailable(exc):
                raise
            # Keep working: the result waits for the database (_record).
            LOG.warning('Database unavailable at a safe point of action '
                        '%s: %s', self.id, exc)
            return
        if row is not None and (row.status != consts.ACTION_RUNNING or
                                row.owner != self.record.owner):
            # Force-cancelled, or taken over by a peer, while we ran.
            self._ended_elsewhere = True
            raise exception.ActionCancelled()
        if row is None or row.control == consts.SIGNAL_CANCEL:
            raise exception.ActionCancelled()

    # -- node status helpers for handlers ---------------------------------

    def set_node_status(self, status, reason, phrase=None, **values):
        """Write a visible node status now (e.g. RECOVERING).

        ``phrase`` (e.g. 'Recovery') names the work in progress: if the
        action ends abnormally the node is put in ERROR with a reason
        built from it rather than left in a transitional status.

        Written only while this action holds the node lock; if it does
        not, the action must still be running here (a forced action may
        have taken the lock, contract 3.7), else it stops now.
        """
        if not db_api.node_set_status(self.context, self.target, status,
                                      reason, lock_action_id=self.id,
                                      **values):
            self.check_signals(force=True)
            db_api.node_set_status(self.context, self.target, status,
                                   reason, **values)
        self.node_phrase = phrase if status in \
            consts.NODE_TRANSITIONAL_STATUSES else None

    def _interrupted_node_values(self, what, exc):
        """Node values when the handler was cut short by ``exc``.

        A transitional status becomes ERROR; a server the profile created
        but had not reported yet (``exc.resource_id``) is recorded so that
        it is not orphaned.
        """
        values = {}
        if self.node_phrase is not None:
            values = {'status': consts.NODE_ERROR,
                      'status_reason': '%s %s' % (self.node_phrase, what)}
        resource_id = getattr(exc, 'resource_id', None)
        if resource_id:
            values['physical_id'] = resource_id
        return values or None

    # -- execution -------------------------------------------------------

    def execute(self):
        """Run to the end and record the result; return the status.

        Never raises on the action's account; a database error while
        recording the result propagates.
        """
        outcome = self._outcome()
        self._record(outcome)
        notifications.notify_events(self.context, self.id, outcome.events,
                                    self.node)
        return self.fsm.status

    def _outcome(self):
        try:
            return self._run()
        except exception.ActionCancelled as exc:
            return self._cancelled(exc)
        except exception.ActionTimeout as exc:
            return self._timed_out(exc)
        except EngineStopping as exc:
            return self._engine_stopping(exc)
        except Exception as exc:
            if db_api.is_unavailable(exc):
                return self._database_lost(exc)
            LOG.exception('Action %s (%s) failed unexpectedly',
                          self.id, self.name)
            return self._failed_unexpectedly(exc)

    def _run(self):
        start = self._start or db_api.action_begin(
            self.context, self.record, self.engine.engine_id,
            event.start_wanted())
        self.node = start.node
        if self.node is None:
            return _Outcome(states.FAIL, "The node '%s' could not be "
                            "found." % self.target)
        self._polled_at = time.monotonic()  # the claim just read the row
        if self.record.control == consts.SIGNAL_CANCEL:
            raise exception.ActionCancelled()
        notifications.notify_events(self.context, self.id, start.events,
                                    self.node)
        if not start.locked:
            return self._lock_busy()
        self.guard()
        return self._from_result(self.handle())

    def _from_result(self, result):
        if result.ok:
            return _Outcome(
                states.SUCCEED, REASON_SUCCEEDED,
                event.end(self.node, self.record, result.reason),
                result.node_values, result.delete_node, result.outputs)
        reason = result.reason or REASON_FAILED
        return _Outcome(states.FAIL, reason,
                        event.error(self.node, self.record, reason),
                        result.node_values, outputs=result.outputs)

    def _lock_busy(self):
        retries = int(self.data.get('retries') or 0)
        if retries >= CONF.lock_retry_times:
            return _Outcome(states.FAIL, REASON_LOCK, event.error(
                self.node, self.record, REASON_LOCK))
        self.data['retries'] = retries + 1
        return _Outcome(
            states.ABANDON, REASON_LOCK,
            event.error(self.node, self.record, REASON_LOCK, level='WARN'),
            retry_at=time.time() + CONF.lock_retry_interval, data=self.data)

    def _cancelled(self, exc):
        events = []
        if not self._ended_elsewhere:
            events = event.error(self.node, self.record, '%s [%s] cancelled'
                                 % (self.name, self.id[:8]))
        return _Outcome(states.CANCEL, db_api.REASON_CANCELLED, events,
                        self._interrupted_node_values('cancelled', exc))

    def _timed_out(self, exc):
        return _Outcome(states.TIMEOUT, REASON_TIMEOUT,
                        event.error(self.node, self.record, REASON_TIMEOUT),
                        self._interrupted_node_values('timed out', exc))

    def _failed_unexpectedly(self, exc):
        reason = str(exc) or REASON_FAILED
        values = self._interrupted_node_values('failed: %s' % reason, exc)
        return _Outcome(states.FAIL, reason,
                        event.error(self.node, self.record, reason), values)

    def rerunnable(self, exc=None):
        """Is running this action again from the start safe?

        Yes if it is idempotent, or if it has not changed anything yet.
        Re-running an action whose node is already CREATING, RECOVERING,
        ... is not: a create requires INIT, a half-done RECREATE has a
        new server.
        """
        if self.name in consts.IDEMPOTENT_ACTIONS:
            return True
        return self.node_phrase is None and not getattr(exc, 'resource_id',
                                                        None)

    def _engine_stopping(self, exc):
        """Hand back what may run again; fail the rest, node in ERROR."""
        if self.rerunnable(exc):
            LOG.info('Engine stopping: action %s handed back', self.id)
            return _Outcome(states.ABANDON, db_api.requeued_reason(
                db_api.CAUSE_STOPPED), data=self.data)
        return _Outcome(states.FAIL, REASON_ENGINE_STOPPED,
                        event.error(self.node, self.record,
                                    REASON_ENGINE_STOPPED),
                        self._interrupted_node_values(
                            'interrupted: engine stopped', exc))

    def _database_lost(self, exc):
        """The database went away under the handler: as for a stop."""
        LOG.warning('Database unavailable while running action %s: %s',
                    self.id, exc)
        if self.rerunnable(exc):
            return _Outcome(states.ABANDON, REASON_DB_LOST_REQUEUED,
                            data=self.data)
        return _Outcome(states.FAIL, REASON_DB_LOST,
                        event.error(self.node, self.record, REASON_DB_LOST),
                        self._interrupted_node_values(
                            'failed: database unavailable', exc))

    def _record(self, outcome):
        status = self.fsm.process(outcome.fsm_event)
        if not self._persist(self._write, outcome, status):
            LOG.info('Action %s was taken over by another engine; the '
                     'result of this run is dropped', self.id)
            outcome.events = []
            return
        if outcome.fsm_event == states.ABANDON:
            if outcome.retry_at is None:
                LOG.info('Action %(id)s (%(name)s) handed back: %(reason)s',
                         {'id': self.id, 'name': self.name,
                          'reason': outcome.reason})
            # Try again soon here too, unless stopping; any engine's
            # sweep would take it anyway.
            if not self.engine.interrupted.is_set():
                self.engine.dispatch_at(self.id, outcome.retry_at or
                                        time.time() + HANDBACK_RETRY_DELAY)
            return
        LOG.info('Action %(id)s (%(name)s) %(status)s: %(reason)s',
                 {'id': self.id, 'name': self.name, 'status': status,
                  'reason': outcome.reason})

    def _write(self, outcome, status):
        if outcome.fsm_event == states.ABANDON:
            reason = outcome.reason
            if outcome.retry_at is not None or not reason:
                reason = db_api.REASON_ABANDONED
            return db_api.action_abandon(
                self.context, self.record, outcome.retry_at, outcome.data,
                event_values=outcome.events, reason=reason)
        return db_api.action_finish(
            self.context, self.record, status, outcome.reason,
            node_values=outcome.node_values, event_values=outcome.events,
            outputs=outcome.outputs, delete_node=outcome.delete_node)

    def _persist(self, write, *args):
        """Call ``write`` until the database takes it.

        Gives up (raises) only when the engine is stopping: the engine,
        or a peer once this one is gone, then hands the action back.
        """
        delay = 0.2
        log = LOG.warning
        while True:
            try:
                return write(*args)
            except Exception as exc:
                if (not db_api.is_unavailable(exc) or
                        self.engine.interrupted.is_set()):
                    raise
                log('Database unavailable; action %s will record its end '
                    'when it is back: %s', self.id, exc)
                log = LOG.debug
            if self.engine.interrupted.wait(delay):
                raise EngineStopping()
            delay = min(delay * 2, float(CONF.periodic_interval))
