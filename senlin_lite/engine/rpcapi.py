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

"""Client side of the engine RPC API, used by the API service.

API version history:

* 1.0 - start_action(action_id) cast; get_revision() call.
* 1.1 - start_actions(action_ids) cast: several READY actions, one message.
"""

import collections
import threading
import time

from oslo_log import log as logging

from senlin_lite.common import context as senlin_context
from senlin_lite.common import messaging
from senlin_lite import conf

CONF = conf.CONF
LOG = logging.getLogger(__name__)

RPC_API_VERSION = '1.1'
CAST_RETRIES = 1
# Most action ids one start_actions cast carries.
MAX_IDS_PER_CAST = 64


class EngineAPI:
    """Casts and calls to whichever engine listens on the topic.

    After a failed cast, casts pause for ``[engine] cast_retry_backoff``
    seconds: with the broker down, each would cost the request a
    connection attempt, and the sweep of the engines runs the stored
    actions anyway. The first cast after the pause tries again.
    """

    def __init__(self, timeout=None):
        self._client = messaging.get_rpc_client(
            CONF.engine.topic, RPC_API_VERSION,
            version_cap=CONF.upgrade_levels.engine, timeout=timeout)
        self._lock = threading.Lock()
        self._paused_until = None
        self._sender = None

    def _may_cast(self):
        with self._lock:
            if self._paused_until is None:
                return True
            now = time.monotonic()
            if now < self._paused_until:
                return False
            # This caller probes the broker; the others keep skipping.
            self._paused_until = now + CONF.engine.cast_retry_backoff
            return True

    def _cast_done(self, ok):
        with self._lock:
            if ok:
                if self._paused_until is not None:
                    LOG.info('Casts to the engines work again')
                self._paused_until = None
            else:
                self._paused_until = (time.monotonic() +
                                      CONF.engine.cast_retry_backoff)

    def _guarded_cast(self, what, send):
        """Run ``send`` unless casts are paused; see the class docstring."""
        if not self._may_cast():
            LOG.debug('Casts paused after a failure; %s left to the '
                      'engines\' sweep', what)
            return False
        try:
            send()
        except Exception:
            self._cast_done(False)
            raise
        self._cast_done(True)
        return True

    def start_action(self, context, action_id):
        """Ask one engine to run an action that is already READY.

        Fire and forget: if the cast is lost or skipped, an engine's
        sweep claims the action later. Returns False when the cast was
        skipped (casts are paused); raises if the cast failed.
        """
        def send():
            # A bounded retry: with the broker down the caller must not
            # hang; the action row is already durable.
            cctxt = self._client.prepare(version='1.0', retry=CAST_RETRIES)
            cctxt.cast(context, 'start_action', action_id=action_id)
        return self._guarded_cast('action %s is' % action_id, send)

    def start_actions(self, context, action_ids):
        """Ask one engine to run several READY actions; as start_action.

        An engine capped at 1.0 (rolling upgrade) gets one start_action
        cast per id instead.
        """
        def send():
            if self._client.can_send_version('1.1'):
                cctxt = self._client.prepare(version='1.1',
                                             retry=CAST_RETRIES)
                cctxt.cast(context, 'start_actions',
                           action_ids=list(action_ids))
                return
            cctxt = self._client.prepare(version='1.0', retry=CAST_RETRIES)
            for action_id in action_ids:
                cctxt.cast(context, 'start_action', action_id=action_id)
        return self._guarded_cast('actions %s are' % ', '.join(action_ids),
                                  send)

    def announce(self, action_id):
        """Cast ``action_id`` soon, from this process's sender thread.

        Returns at once; see CastSender.
        """
        self._get_sender().add(action_id)

    def connect(self):
        """Have the sender thread open the broker connection now.

        A new API process otherwise opens it with its first cast, in the
        middle of its first burst of requests, whose CPU it takes (about
        6 ms of each process's, doc/source/admin/performance.rst). The
        connection is opened by an empty ``start_actions`` cast, which
        engines take and ignore. Returns at once.
        """
        self._get_sender(connect=True)

    def _get_sender(self, connect=False):
        with self._lock:
            if self._sender is None:
                self._sender = CastSender(self, connect=connect)
            return self._sender

    def get_revision(self, context):
        cctxt = self._client.prepare(version='1.0')
        return cctxt.call(context, 'get_revision')


class CastSender:
    """Sends the start casts of one API process from one thread.

    Ids announced while a cast is on its way, or within ``[engine]
    cast_batch_window`` seconds of the previous cast, go together in the
    next message, so under load one publish (and one message for an
    engine to take) serves several requests. The first id after a quiet
    window goes at once. No request waits for the broker: its action is
    already committed READY, and what a lost or skipped cast would have
    started an engine's sweep starts instead. The thread is created on
    first use, after any fork of the process.
    """

    def __init__(self, engine_api, max_ids=MAX_IDS_PER_CAST, connect=False):
        self._engine_api = engine_api
        # Open the broker connection before the first id comes.
        self._connect = connect
        self._max_ids = max_ids
        self._pending = collections.deque()
        self._cond = threading.Condition()
        self._sending = False
        self._last_cast = None
        self._thread = threading.Thread(target=self._run,
                                        name='engine-cast-sender',
                                        daemon=True)
        self._thread.start()

    def add(self, action_id):
        with self._cond:
            self._pending.append(action_id)
            # The sender waits for a first id, or for a full message.
            # Waking it for any other id only cost the request a switch
            # to that thread and back (3 % of an API worker's CPU).
            if len(self._pending) in (1, self._max_ids):
                self._cond.notify_all()

    def wait_sent(self, timeout=None):
        """Block until every announced id was cast or given up on."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._pending and not self._sending, timeout)

    def _next_batch(self):
        with self._cond:
            self._sending = False
            self._cond.notify_all()
            self._cond.wait_for(lambda: self._pending)
            self._wait_for_window()
            count = min(len(self._pending), self._max_ids)
            batch = [self._pending.popleft() for _ in range(count)]
            self._sending = True
            self._last_cast = time.monotonic()
            return batch

    def _wait_for_window(self):
        """Gather ids until the window since the last cast is over."""
        if self._last_cast is None:
            return
        due = self._last_cast + CONF.engine.cast_batch_window
        while len(self._pending) < self._max_ids:
            left = due - time.monotonic()
            if left <= 0:
                return
            self._cond.wait(left)

    def _run(self):
        # The cast names actions only; each row carries the context it
        # runs with, so the message goes without any user's credentials.
        context = senlin_context.get_admin_context()
        if self._connect:
            self._open_connection(context)
        while True:
            batch = self._next_batch()
            try:
                self._engine_api.start_actions(context, batch)
            except Exception:
                LOG.warning('Could not cast start_actions for %d action(s) '
                            '(%s); an engine sweep will pick them up',
                            len(batch), ', '.join(batch), exc_info=True)

    def _open_connection(self, context):
        try:
            self._engine_api.start_actions(context, [])
        except Exception as exc:
            LOG.warning('Could not reach the message broker (%s); casts '
                        'will try again, and the engines\' sweep starts '
                        'the actions meanwhile', exc)
