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

"""Actions whose engine is gone: hand them back or end them (3.11).

An action RUNNING for an engine that died, stopped or lost track of it
has no worker any more. Running it again from the start is safe when it
is idempotent (NODE_CHECK) or has not begun to change its node: every
handler writes a transitional node status (CREATING, RECOVERING, ...)
under its node lock before it asks the cloud for any change. Such an
action goes back to READY; any other ends FAILED with the cause as its
reason, and its node leaves the transitional status for ERROR with a
reason saying what was interrupted, so that no node is left RECOVERING
or CREATING with nothing running. Either way the node lock is freed; a
re-queued action keeps the node's action slot, since it is still the
node's active action.

Every function is one transaction that locks the rows it decides on
(``SELECT ... FOR UPDATE``; SQLite serialises writers anyway) and only
touches actions still RUNNING for the engine in question, so two live
engines that race to take over the same dead one do the work once.
"""

import collections

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db import models

CAUSE_DIED = 'died'
CAUSE_STOPPED = 'stopped'
CAUSE_FAILURE = 'failure'

FAILED_REASONS = {
    CAUSE_DIED: 'Engine died when executing this action.',
    CAUSE_STOPPED: 'Engine stopped when executing this action.',
    CAUSE_FAILURE: 'Engine failure when executing this action.',
}
REQUEUED_SUFFIX = ' queued to run again.'

REQUEUED = 'REQUEUED'
FAILED = 'FAILED'

_PHRASES = {
    consts.NODE_CREATING: 'Creation',
    consts.NODE_UPDATING: 'Update',
    consts.NODE_DELETING: 'Deletion',
    consts.NODE_RECOVERING: 'Recovery',
    consts.NODE_OPERATING: 'Operation',
}

# One decision: the action and node rows as written, the verdict
# (REQUEUED or FAILED) and the reason stored on the action.
HandBack = collections.namedtuple('HandBack', 'action node verdict reason')

# Claim times are compared with this tolerance (numeric 18,6 columns).
_START_TIME_SLACK = 0.001


def requeued_reason(cause):
    return FAILED_REASONS[cause][:-1] + ';' + REQUEUED_SUFFIX


def interrupted_phrase(node, action=None):
    """'Recovery', "Operation 'reboot'", ... for a node's status."""
    phrase = _PHRASES.get(node.status, 'Work')
    if node.status == consts.NODE_OPERATING and action is not None:
        operation = (action.inputs or {}).get('operation')
        if operation:
            phrase = "Operation '%s'" % operation
    return phrase


def _running(context, *criteria):
    return context.session.query(models.Action).filter(
        models.Action.status == consts.ACTION_RUNNING,
        *criteria).order_by(models.Action.id).with_for_update().all()


def _locked_node(context, node_id):
    return context.session.query(models.Node).filter(
        models.Node.id == node_id).with_for_update().first()


def _touched(action, node):
    """Has ``action`` begun to change its node?"""
    return (node is not None and node.lock_action_id == action.id and
            node.status in consts.NODE_TRANSITIONAL_STATUSES)


def _unlock(node, action_id, free_slot):
    if node is None:
        return
    if node.lock_action_id == action_id:
        node.lock_action_id = None
        node.lock_engine_id = None
    if free_slot and node.active_action_id == action_id:
        node.active_action_id = None


def _hand_back(context, action, cause):
    node = _locked_node(context, action.target)
    now = utils.utcnow()
    action.owner = None
    action.updated_at = now
    if (action.action in consts.IDEMPOTENT_ACTIONS or
            not _touched(action, node)):
        reason = requeued_reason(cause)
        action.status = consts.ACTION_READY
        action.status_reason = reason
        action.start_time = None
        action.not_before = None
        _unlock(node, action.id, free_slot=False)
        return HandBack(action, node, REQUEUED, reason)
    reason = FAILED_REASONS[cause]
    node.status_reason = '%s interrupted: engine %s' % (
        interrupted_phrase(node, action), cause)
    node.status = consts.NODE_ERROR
    node.updated_at = now
    action.status = consts.ACTION_FAILED
    action.status_reason = reason
    action.end_time = utils.now_epoch()
    _unlock(node, action.id, free_slot=True)
    return HandBack(action, node, FAILED, reason)


def _free_stray_locks(context, engine_id, cause):
    """Locks an engine still holds for no RUNNING action of its own."""
    stray = context.session.query(models.Node).filter(
        models.Node.lock_engine_id == engine_id).with_for_update().all()
    for node in stray:
        if node.status in consts.NODE_TRANSITIONAL_STATUSES:
            node.status_reason = '%s interrupted: engine %s' % (
                interrupted_phrase(node), cause)
            node.status = consts.NODE_ERROR
            node.updated_at = utils.utcnow()
        node.lock_action_id = None
        node.lock_engine_id = None
    return len(stray)


@_base.retry
@_base.writer
def engine_take_over(context, service_id, cutoff):
    """Resolve the work of an engine whose heartbeat is older than cutoff.

    Hands back or fails its RUNNING actions, frees its node locks and
    deletes its service row, in one transaction. Returns the list of
    HandBack, or None if the engine is not (or no longer) dead: another
    engine took it over first, or it came back.
    """
    service = context.session.query(models.Service).filter(
        models.Service.id == service_id,
        models.Service.updated_at < cutoff).with_for_update().first()
    if service is None:
        return None
    results = [_hand_back(context, action, CAUSE_DIED) for action in
               _running(context, models.Action.owner == service_id)]
    _free_stray_locks(context, service_id, CAUSE_DIED)
    context.session.delete(service)
    return results


@_base.retry
@_base.writer
def take_over_unregistered(context, started_before):
    """RUNNING actions whose owner has no service row at all.

    An engine is registered before it claims anything and its heartbeat
    registers it again if its row is removed, so an owner without a row
    for longer than the claim's age (``started_before``, epoch seconds)
    is gone. Returns the list of HandBack.
    """
    registered = sa.select(models.Service.id)
    actions = _running(context, models.Action.owner.is_not(None),
                       models.Action.owner.not_in(registered),
                       models.Action.start_time < started_before)
    return [_hand_back(context, action, CAUSE_DIED) for action in actions]


@_base.reader
def action_claims_of(context, owner):
    """(id, start_time) of every action RUNNING for engine ``owner``."""
    rows = context.session.query(
        models.Action.id, models.Action.start_time).filter(
            models.Action.status == consts.ACTION_RUNNING,
            models.Action.owner == owner)
    return [(row.id, row.start_time) for row in rows]


@_base.retry
@_base.writer
def action_hand_back(context, action_id, owner, cause, start_time=None):
    """Hand back (or fail) one action RUNNING for ``owner``.

    ``start_time`` (the claim's) makes sure a later claim of the same
    action is left alone. Returns the HandBack, or None if the action is
    no longer RUNNING for ``owner``.
    """
    criteria = [models.Action.id == action_id,
                models.Action.owner == owner]
    if start_time is not None:
        criteria.append(models.Action.start_time.between(
            start_time - _START_TIME_SLACK, start_time + _START_TIME_SLACK))
    actions = _running(context, *criteria)
    if not actions:
        return None
    return _hand_back(context, actions[0], cause)
