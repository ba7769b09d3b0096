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
"""

import threading
import time

from oslo_log import log as logging

from senlin_lite.common import messaging
from senlin_lite import conf

CONF = conf.CONF
LOG = logging.getLogger(__name__)

RPC_API_VERSION = '1.0'
CAST_RETRIES = 1


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

    def start_action(self, context, action_id):
        """Ask one engine to run an action that is already READY.

        Fire and forget: if the cast is lost or skipped, an engine's
        sweep claims the action later. Returns False when the cast was
        skipped (casts are paused); raises if the cast failed.
        """
        if not self._may_cast():
            LOG.debug('Casts paused after a failure; action %s is left '
                      'to the engines\' sweep', action_id)
            return False
        # A bounded retry: with the broker down the request must not hang;
        # the action row is already durable.
        cctxt = self._client.prepare(version='1.0', retry=CAST_RETRIES)
        try:
            cctxt.cast(context, 'start_action', action_id=action_id)
        except Exception:
            self._cast_done(False)
            raise
        self._cast_done(True)
        return True

    def get_revision(self, context):
        cctxt = self._client.prepare(version='1.0')
        return cctxt.call(context, 'get_revision')
