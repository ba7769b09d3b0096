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

"""Finds actions that lost their engine and hands them back (3.11).

Run by every live engine on each tick, for as long as it runs (Senlin
looked only during the first five ticks after a start):

* an engine whose heartbeat is older than ``service_down_time`` is dead:
  ``db_api.engine_take_over`` re-queues its idempotent actions, fails the
  others with their node in ERROR, frees its node locks and removes its
  service row, in one transaction per dead engine;
* an action RUNNING for an engine that has no service row at all (and
  was claimed longer ago than ``service_down_time``) is treated the same;
* an action RUNNING for this very engine that none of its workers holds
  (the worker gave up while the database was away, or a claim committed
  although its answer was lost) is handed back too.

The events of those decisions are written afterwards, through the same
path as every other event of the engine.
"""

import datetime

from oslo_log import log as logging

from senlin_lite.common import context as senlin_context
from senlin_lite.common import utils
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.engine import event
from senlin_lite.engine import notifications

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def service_down_time():
    """Seconds without a heartbeat after which an engine is dead."""
    return CONF.service_down_time or 2 * CONF.periodic_interval


class Reaper(object):
    """Takes over for dead engines on behalf of ``engine_id``."""

    def __init__(self, engine_id, dispatcher):
        self.engine_id = engine_id
        self.dispatcher = dispatcher
        self.context = senlin_context.get_admin_context()

    def run(self):
        """One pass; returns how many actions went back to READY."""
        handed = self.take_over_dead()
        handed += self.take_over_unregistered()
        handed += self.hand_back_lost()
        return sum(1 for item in handed
                   if item.verdict == db_api.HANDBACK_REQUEUED)

    def take_over_dead(self):
        down_time = service_down_time()
        cutoff = utils.utcnow() - datetime.timedelta(seconds=down_time)
        handed = []
        for service_id in db_api.service_ids_dead(self.context, cutoff):
            if service_id == self.engine_id:
                continue
            results = db_api.engine_take_over(self.context, service_id,
                                              cutoff)
            if results is None:
                continue  # a peer was first, or it came back
            LOG.warning('Engine %(id)s sent no heartbeat for %(down)ss: '
                        'took over its %(count)d running action(s)',
                        {'id': service_id, 'down': down_time,
                         'count': len(results)})
            self.report(results)
            handed.extend(results)
        return handed

    def take_over_unregistered(self):
        started_before = utils.now_epoch() - service_down_time()
        results = db_api.take_over_unregistered(self.context,
                                                started_before)
        if results:
            LOG.warning('Took over %d running action(s) of unregistered '
                        'engines', len(results))
            self.report(results)
        return results

    def hand_back_lost(self, cause=db_api.CAUSE_FAILURE, lost_only=True):
        """Hand back actions RUNNING for this engine.

        ``lost_only``: only those no worker of this engine holds (else
        all of them: the engine is about to stop).
        """
        claims = db_api.action_claims_of(self.context, self.engine_id)
        held = self.dispatcher.in_flight() if lost_only else set()
        handed = []
        for action_id, start_time in claims:
            if action_id in held:
                continue
            result = db_api.action_hand_back(self.context, action_id,
                                             self.engine_id, cause,
                                             start_time)
            if result is not None:
                handed.append(result)
        if handed:
            self.report(handed)
        return handed

    def report(self, results):
        """Log each decision and write its event."""
        for item in results:
            LOG.info('Action %(id)s (%(name)s) %(verdict)s: %(reason)s',
                     {'id': item.action.id, 'name': item.action.action,
                      'verdict': item.verdict, 'reason': item.reason})
            level = ('WARN' if item.verdict == db_api.HANDBACK_REQUEUED
                     else 'ERROR')
            values = event.error(item.node, item.action, item.reason,
                                 level=level)
            try:
                event.write(self.context, values)
                notifications.notify_events(self.context, item.action.id,
                                            values, item.node)
            except Exception:
                LOG.exception('Could not record the event of action %s',
                              item.action.id)
