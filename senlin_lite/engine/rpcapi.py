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

from senlin_lite.common import messaging
from senlin_lite import conf

CONF = conf.CONF

RPC_API_VERSION = '1.0'
CAST_RETRIES = 2


class EngineAPI:
    """Casts and calls to whichever engine listens on the topic."""

    def __init__(self, timeout=None):
        self._client = messaging.get_rpc_client(
            CONF.engine.topic, RPC_API_VERSION,
            version_cap=CONF.upgrade_levels.engine, timeout=timeout)

    def start_action(self, context, action_id):
        """Ask one engine to run an action that is already READY.

        Fire and forget: if the cast is lost, an engine's sweep claims
        the action later.
        """
        # A bounded retry: with the broker down the request must not hang;
        # the action row is already durable.
        cctxt = self._client.prepare(version='1.0', retry=CAST_RETRIES)
        cctxt.cast(context, 'start_action', action_id=action_id)

    def get_revision(self, context):
        cctxt = self._client.prepare(version='1.0')
        return cctxt.call(context, 'get_revision')
