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

"""The engine's RPC endpoint.

API version history: see ``rpcapi``; the version lives there only.
"""

from oslo_log import log as logging
import oslo_messaging as messaging

from senlin_lite import conf
from senlin_lite.engine import rpcapi

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class EngineManager(object):
    """Receives casts and calls on the engine topic.

    ``dispatcher`` runs actions; ``wake_sweep`` asks the engine to look
    for READY actions now (used for a ``start_action`` without an id).
    """

    target = messaging.Target(version=rpcapi.RPC_API_VERSION)
    RPC_API_VERSION = rpcapi.RPC_API_VERSION

    def __init__(self, dispatcher, wake_sweep=None):
        self.dispatcher = dispatcher
        self._wake_sweep = wake_sweep

    def start_action(self, context, action_id=None):
        """Hand an action to a worker and return at once.

        :param context: the caller's RequestContext (unused: the action
            row carries the context it runs with).
        :param action_id: id of a READY action; None means "any".
        :returns: None. Nothing is raised to a cast, so no expected
            exceptions are declared: a busy or stopping engine leaves
            the action READY for the sweep of any engine.
        """
        if action_id is not None:
            # False (all workers busy) needs no answer: the dispatcher
            # wakes the sweep as soon as a worker is free.
            self.dispatcher.dispatch(action_id)
        elif self._wake_sweep is not None:
            self._wake_sweep()

    def start_actions(self, context, action_ids):
        """``start_action`` for each id, in order (API 1.1)."""
        self.dispatcher.dispatch_many(action_ids)

    def get_revision(self, context):
        """The engine revision string shown by build-info.

        :returns: ``[revision] senlin_engine_revision``.
        """
        return CONF.revision.senlin_engine_revision
