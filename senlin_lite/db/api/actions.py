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

"""Action queries: lists, the sweep, finish, abandon, cancel.

The claim and start of an action are in ``action_starts``.
"""

import functools

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db.api import action_ends
from senlin_lite.db.api import action_starts
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import events
from senlin_lite.db.api import node_locks
from senlin_lite.db.api import nodes
from senlin_lite.db import models

REASON_ABANDONED = 'The action was abandoned.'
REASON_CANCELLED = 'Action execution cancelled'


@_base.reader
def action_get(context, action_id, project_safe=True):
    query = _base.scoped(context.session.query(models.Action),
                         models.Action, context, project_safe)
    return query.filter(models.Action.id == action_id).first()


@_base.reader
def action_find(context, identity, project_safe=True):
    return _base.find(context, models.Action, 'action', identity,
                      project_safe=project_safe)


@_base.reader
def action_get_all(context, filters=None, limit=None, marker=None,
                   sort=None, project_safe=True):
    query = _base.scoped(context.session.query(models.Action),
                         models.Action, context, project_safe)
    query = _base.filter_in(query, models.Action, filters)
    return _base.paginate(context, query, models.Action, limit, marker,
                          sort).all()


@_base.reader
def action_get_status(context, action_id):
    """(status, control, owner) of an action: what a safe point needs."""
    return context.session.query(
        models.Action.status, models.Action.control,
        models.Action.owner).filter(models.Action.id == action_id).first()


def _build_ready_ids(settled=False):
    """The sweep's SELECT of READY ids that may run, oldest first.

    ``settled`` adds a bound on created_at (``ready_created``), for the
    periodic sweep to leave new actions to the engine their cast goes to.
    """
    col = models.Action.__table__.c
    criteria = [action_starts.claimable(
        _base.param(col.not_before, 'ready_due'))]
    if settled:
        criteria.append(
            col.created_at <= _base.param(col.created_at, 'ready_created'))
    return sa.select(col.id).where(*criteria).order_by(
        col.created_at, col.id).limit(
            sa.bindparam('ready_limit', type_=sa.Integer))


# Prebuilt: saturated engines sweep every half second, and building the
# query each time cost more than running it.
_READY_IDS = _build_ready_ids()
_SETTLED_READY_IDS = _build_ready_ids(settled=True)


@_base.core_reader
def action_ids_ready(context, limit, now=None, created_before=None):
    """Ids of READY actions that may run now, oldest first (the sweep).

    With ``created_before`` (a datetime), only the actions created by then.
    """
    params = {'ready_due': now or utils.now_epoch(), 'ready_limit': limit}
    statement = _READY_IDS
    if created_before is not None:
        statement = _SETTLED_READY_IDS
        params['ready_created'] = created_before
    rows = _base.core(context).execute(statement, params)
    return [row.id for row in rows]


@_base.retry
@_base.writer
def action_update(context, action_id, values):
    values = dict(values, updated_at=utils.utcnow())
    context.session.query(models.Action).filter(
        models.Action.id == action_id).update(values,
                                              synchronize_session=False)


def action_finish(context, action, status, reason, node_values=None,
                  event_values=(), outputs=None, delete_node=False):
    """End an action: status, node changes, events, lock release, at once.

    ``action`` is the action row as claimed. ``node_values`` (may hold
    ``status``; the updated_at rule of contract 3.12 applies) are written
    to the target node if it still exists; ``delete_node`` removes the
    node row instead. Only an action still RUNNING for the engine that
    claimed it is ended: one that was force-cancelled meanwhile keeps its
    CANCELLED status (the node values still apply), and one that another
    engine took over (contract 3.11) is left to that engine entirely.
    Returns False in that last case, else True.
    """
    params = {'end_id': action.id, 'end_owner': action.owner,
              'end_status': status, 'end_reason': reason,
              'end_at': utils.now_epoch(), 'end_updated': utils.utcnow()}
    if outputs is not None:
        params['end_outputs'] = outputs
    node_values = nodes.stamped(dict(node_values or {}))
    if not delete_node and engine_statements.usable():
        if action_ends.write(action_ends.Finish(
                action.id, action.owner, action.target, status, reason,
                params['end_at'], params['end_updated'], outputs,
                node_values, tuple(event_values))):
            return True
        # Nothing written: cancelled by force or taken over (below).
    return _finish_in_transaction(context, action, params, node_values,
                                  event_values, delete_node)


@_base.retry
@_base.core_writer
def _finish_in_transaction(context, action, params, node_values,
                           event_values, delete_node):
    ended = _base.core(context).execute(
        _finish_statement('end_outputs' in params), params).rowcount
    if not ended and not _was_cancelled(context, action.id):
        return False
    if delete_node:
        table = models.Node.__table__
        _base.core(context).execute(
            sa.delete(table).where(table.c.id == action.target))
        events.insert_events(context, event_values)
        return True
    node_locks.release_node(context, action.target, action.id, node_values)
    events.insert_events(context, event_values)
    return True


@functools.lru_cache(maxsize=2)
def _finish_statement(with_outputs):
    """The UPDATE that ends an action still RUNNING for its claimer."""
    table = models.Action.__table__
    col = table.c
    values = {'status': _base.param(col.status, 'end_status'),
              'status_reason': _base.param(col.status_reason, 'end_reason'),
              'end_time': _base.param(col.end_time, 'end_at'),
              'owner': None,
              'updated_at': _base.param(col.updated_at, 'end_updated')}
    if with_outputs:
        values['outputs'] = _base.param(col.outputs, 'end_outputs')
    return sa.update(table).where(
        col.id == _base.param(col.id, 'end_id'),
        _base.no_index(col.status) == consts.ACTION_RUNNING,
        _base.no_index(col.owner) == _base.param(col.owner, 'end_owner')
    ).values(**values)


def _was_cancelled(context, action_id):
    table = models.Action.__table__
    status = _base.core(context).execute(
        sa.select(table.c.status).where(table.c.id == action_id)).scalar()
    return status == consts.ACTION_CANCELLED


@_base.retry
@_base.writer
def action_abandon(context, action, not_before, data, event_values=(),
                   reason=REASON_ABANDONED):
    """RUNNING -> READY, to run again at ``not_before`` (contract 3.8).

    Also used to hand an action back (engine stopping, database lost):
    a node lock the action holds is freed, the node's action slot is
    kept. Like ``action_finish``, only touches an action still RUNNING
    for the engine that claimed it; returns False otherwise.
    """
    abandoned = context.session.query(models.Action).filter(
        models.Action.id == action.id,
        _base.no_index(models.Action.status) == consts.ACTION_RUNNING,
        _base.no_index(models.Action.owner) == action.owner).update(
            {'status': consts.ACTION_READY, 'owner': None,
             'start_time': None, 'status_reason': reason,
             'not_before': not_before, 'data': data,
             'updated_at': utils.utcnow()}, synchronize_session=False)
    if not abandoned:
        return False
    node_locks.unlock_node(context, action.target, action.id)
    events.insert_events(context, event_values)
    return True


@_base.retry
@_base.writer
def action_cancel(context, action_id, force=False):
    """Cancel an action (contract 3.9); returns the action row.

    A READY action is cancelled at once; a RUNNING one is signalled and
    stops at its next safe point; ``force`` ends any action now and frees
    the node lock it holds.
    """
    action = context.session.query(models.Action).filter(
        models.Action.id == action_id).with_for_update().first()
    if action is None:
        raise exception.ResourceNotFound(type='action', id=action_id)
    status = action.status
    if not force and status not in consts.ACTION_CANCELLABLE_STATUSES:
        raise exception.ActionImmutable(
            id=action_id[:8], actual=status,
            expected=str(consts.ACTION_CANCELLABLE_STATUSES))
    if force or status != consts.ACTION_RUNNING:
        reason = ('Action execution force cancelled' if force else
                  '%s [%s] cancelled' % (action.action, action.id[:8]))
        _end_cancelled(context, action, reason)
    else:
        action.control = consts.SIGNAL_CANCEL
        action.updated_at = utils.utcnow()
    return action


def _end_cancelled(context, action, event_reason):
    action.status = consts.ACTION_CANCELLED
    action.status_reason = REASON_CANCELLED
    action.control = consts.SIGNAL_CANCEL
    action.end_time = utils.now_epoch()
    action.owner = None
    action.updated_at = utils.utcnow()
    node = context.session.get(models.Node, action.target)
    if node is not None:
        events.event_create(context, events.node_event(
            node, action, 'ERROR', consts.EVENT_PHASE_ERROR, event_reason))
        node_locks.release_node(context, action.target, action.id)
