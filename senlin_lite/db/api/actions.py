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

"""Action queries: claim, finish, abandon, cancel."""

import functools

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import events
from senlin_lite.db.api import node_locks
from senlin_lite.db.api import nodes
from senlin_lite.db import models

REASON_RUNNING = 'The action is being processed.'
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


def _claimable(now, status=models.Action.status):
    return sa.and_(status == consts.ACTION_READY,
                   sa.or_(models.Action.not_before.is_(None),
                          models.Action.not_before <= now))


def _build_claim():
    """The claiming UPDATE (READY -> RUNNING) of one action, prebuilt."""
    table = models.Action.__table__
    col = table.c
    return sa.update(table).where(
        col.id == _base.param(col.id, 'claim_id'),
        _claimable(_base.param(col.not_before, 'claim_due'),
                   status=_base.no_index(col.status))
    ).values(status=consts.ACTION_RUNNING,
             owner=_base.param(col.owner, 'claim_owner'),
             start_time=_base.param(col.start_time, 'claim_start'),
             status_reason=REASON_RUNNING,
             updated_at=_base.param(col.updated_at, 'claim_updated'))


_CLAIM = _build_claim()
_CLAIM_RETURNING = _CLAIM.returning(models.Action.__table__)
_SELECT_ACTION = _base.row_by_id(models.Action.__table__)


def _claim_params(action_id, engine_id, now):
    return {'claim_id': action_id, 'claim_due': now, 'claim_start': now,
            'claim_owner': engine_id, 'claim_updated': utils.utcnow()}


def _claim_row(context, params):
    """Claim an action; its row as claimed, or None if lost.

    One round trip where the database can return the updated row
    (PostgreSQL, SQLite), an UPDATE and a SELECT elsewhere (MariaDB).
    """
    if _base.update_returning():
        return _base.core(context).execute(_CLAIM_RETURNING, params).first()
    if _base.core(context).execute(_CLAIM, params).rowcount != 1:
        return None
    return _base.core(context).execute(
        _SELECT_ACTION, {'row_id': params['claim_id']}).first()


@_base.retry
@_base.writer
def action_claim(context, action_id, engine_id, now=None):
    """READY -> RUNNING for ``engine_id``; the action, or None if lost.

    One conditional UPDATE decides the owner, so an action runs once
    however many casts or sweeps reach it.
    """
    return _claim_row(context, _claim_params(action_id, engine_id,
                                             now or utils.now_epoch()))


class Start(object):
    """How an action began: its row, its node, the lock, the events."""

    def __init__(self, action, node, locked, events=()):
        self.action = action
        self.node = node
        self.locked = locked
        self.events = list(events)


def action_start(context, action_id, engine_id, start_event=False,
                 now=None):
    """Claim an action, take its node lock, write its start event: at once.

    One transaction (on PostgreSQL one statement) instead of four is most
    of an engine's database cost per action. ``start_event`` says whether
    the start event is written. Returns None if the action was not claimed
    (another engine has it, or it is no longer READY), else what
    ``_begin`` says.
    """
    params = _claim_params(action_id, engine_id, now or utils.now_epoch())
    if engine_statements.usable():
        started = _start_at_once(params, engine_id, start_event)
        return None if started is None else Start(*started)
    return _start_in_transaction(context, params, engine_id, start_event)


@_base.retry
def _start_at_once(params, engine_id, start_event):
    return engine_statements.start(_CLAIM, params, engine_id, start_event)


@_base.retry
@_base.core_writer
def _start_in_transaction(context, params, engine_id, start_event):
    action = _claim_row(context, params)
    if action is None:
        return None
    return _begin(context, action, engine_id, start_event)


@_base.retry
@_base.writer
def action_begin(context, action, engine_id, start_event=False):
    """``action_start`` for an action this engine has already claimed."""
    return _begin(context, action, engine_id, start_event)


def _begin(context, action, engine_id, start_event):
    """Lock the node and write the start event of a claimed action.

    The action and node are read-only rows (attribute access, as on the
    models), which saves building ORM objects on the hot path.

    * ``node`` is None if the target node is gone;
    * a cancel requested before the claim leaves the lock alone
      (``locked`` False, no start event): the caller ends the action;
    * otherwise the start event (``events.start_event``) is written if
      ``start_event`` asks for it, whether or not the lock was free, and
      the node is read after the lock UPDATE so that it shows what the
      previous holder left. Delete and operation take the lock whoever
      holds it (contract 3.7).
    """
    if action.control == consts.SIGNAL_CANCEL:
        return Start(action, node_locks.node_row(context, action.target),
                     False)
    locked, node = node_locks.lock_node_row(
        context, action.target, action.id, engine_id,
        action.action in consts.FORCED_LOCK_ACTIONS)
    if node is None:
        return Start(action, None, False)
    started = [events.start_event(node, action)] if start_event else []
    events.insert_events(context, started)
    return Start(action, node, locked, started)


def _build_ready_ids(settled=False):
    """The sweep's SELECT of READY ids that may run, oldest first.

    ``settled`` adds a bound on created_at (``ready_created``), for the
    periodic sweep to leave new actions to the engine their cast goes to.
    """
    col = models.Action.__table__.c
    criteria = [_claimable(_base.param(col.not_before, 'ready_due'))]
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
        release, release_params = node_locks.release_statement(
            action.target, action.id, node_values)
        if _finish_at_once(_finish_statement(outputs is not None), params,
                           release, release_params, tuple(event_values)):
            return True
        # Nothing written: cancelled by force or taken over (below).
    return _finish_in_transaction(context, action, params, node_values,
                                  event_values, delete_node)


@_base.retry
def _finish_at_once(end, params, release, release_params, event_values):
    return engine_statements.finish(end, params, release, release_params,
                                    event_values)


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
