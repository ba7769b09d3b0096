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

"""The database API: the only place where senlin_lite talks SQL.

Every function takes a RequestContext first and opens (or joins) an
oslo.db enginefacade reader or writer transaction.
"""

from senlin_lite.db.api import _base
from senlin_lite.db.api import action_starts
from senlin_lite.db.api import actions
from senlin_lite.db.api import events
from senlin_lite.db.api import node_locks
from senlin_lite.db.api import nodes
from senlin_lite.db.api import profiles
from senlin_lite.db.api import services
from senlin_lite.db.api import takeover

dispose = _base.dispose
fill_pool = _base.fill_pool
is_unavailable = _base.is_unavailable
get_engine = _base.get_engine
action_get = actions.action_get
action_find = actions.action_find
action_get_all = actions.action_get_all
action_get_status = actions.action_get_status
action_claim = action_starts.action_claim
action_start = action_starts.action_start
actions_start = action_starts.actions_start
action_begin = action_starts.action_begin
action_ids_ready = actions.action_ids_ready
action_update = actions.action_update
action_finish = actions.action_finish
action_abandon = actions.action_abandon
action_cancel = actions.action_cancel
REASON_RUNNING = action_starts.REASON_RUNNING
REASON_ABANDONED = actions.REASON_ABANDONED
REASON_CANCELLED = actions.REASON_CANCELLED
node_event = events.node_event
event_create = events.event_create
event_find = events.event_find
event_get_all = events.event_get_all
node_get = nodes.node_get
node_find = nodes.node_find
node_get_all = nodes.node_get_all
node_count_by_profile = nodes.node_count_by_profile
node_create = nodes.node_create
node_set_status = nodes.node_set_status
node_update = nodes.node_update
node_delete = nodes.node_delete
action_create_for_node = nodes.action_create_for_node
node_action_submit = nodes.node_action_submit
node_action_warm_up = nodes.node_action_warm_up
node_lock_acquire = node_locks.node_lock_acquire
release_node = node_locks.release_node
profile_create = profiles.profile_create
profile_find = profiles.profile_find
profile_get = profiles.profile_get
profile_get_all = profiles.profile_get_all
profile_update = profiles.profile_update
profile_delete = profiles.profile_delete
service_create = services.service_create
service_heartbeat = services.service_heartbeat
service_delete = services.service_delete
service_get_all = services.service_get_all
service_update = services.service_update
service_ids_dead = services.service_ids_dead
engine_take_over = takeover.engine_take_over
take_over_unregistered = takeover.take_over_unregistered
action_claims_of = takeover.action_claims_of
action_hand_back = takeover.action_hand_back
CAUSE_DIED = takeover.CAUSE_DIED
CAUSE_STOPPED = takeover.CAUSE_STOPPED
CAUSE_FAILURE = takeover.CAUSE_FAILURE
FAILED_REASONS = takeover.FAILED_REASONS
requeued_reason = takeover.requeued_reason
HANDBACK_REQUEUED = takeover.REQUEUED
HANDBACK_FAILED = takeover.FAILED
