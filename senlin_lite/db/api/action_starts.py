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

"""The claim and start of actions: READY -> RUNNING, node lock, event.

One conditional UPDATE decides the owner of an action, so an action runs
once however many casts or sweeps reach it.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import events
from senlin_lite.db.api import node_locks
from senlin_lite.db import models

REASON_RUNNING = 'The action is being processed.'


def claimable(now, status=models.Action.status):
    return sa.and_(status == consts.ACTION_READY,
                   sa.or_(models.Action.not_before.is_(None),
                          models.Action.not_before <= now))


def _build_claim(many=False):
    """The claiming UPDATE (READY -> RUNNING), prebuilt.

    Of the action ``claim_id``, or with ``many`` of the actions whose ids
    are the list ``claim_ids``.
    """
    table = models.Action.__table__
    col = table.c
    if many:
        chosen = col.id == sa.any_(sa.bindparam(
            'claim_ids', type_=postgresql.ARRAY(col.id.type)))
    else:
        chosen = col.id == _base.param(col.id, 'claim_id')
    return sa.update(table).where(
        chosen,
        claimable(_base.param(col.not_before, 'claim_due'),
                  status=_base.no_index(col.status))
    ).values(status=consts.ACTION_RUNNING,
             owner=_base.param(col.owner, 'claim_owner'),
             start_time=_base.param(col.start_time, 'claim_start'),
             status_reason=REASON_RUNNING,
             updated_at=_base.param(col.updated_at, 'claim_updated'))


_CLAIM = _build_claim()
_CLAIM_MANY = _build_claim(many=True)
_CLAIM_RETURNING = _CLAIM.returning(models.Action.__table__)
_SELECT_ACTION = _base.row_by_id(models.Action.__table__)


def _claim_params(engine_id, now, **chosen):
    """The claim's parameters; ``chosen``: claim_id or claim_ids."""
    now = now or utils.now_epoch()
    return dict(chosen, claim_due=now, claim_start=now,
                claim_owner=engine_id, claim_updated=utils.utcnow())


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
    return _claim_row(context, _claim_params(engine_id, now,
                                             claim_id=action_id))


class Start(object):
    """How an action began: its row, its node, the lock, the events."""

    def __init__(self, action, node, locked, events=()):
        self.action = action
        self.node = node
        self.locked = locked
        self.events = list(events)


def actions_start(context, action_ids, engine_id, start_event=False,
                  now=None):
    """``action_start`` for several actions; a list of the Starts made.

    On PostgreSQL one statement claims them all; elsewhere each action
    has its transaction. Actions not claimed are left out.
    """
    if not engine_statements.usable():
        return [start for start in (
            action_start(context, action_id, engine_id, start_event, now)
            for action_id in action_ids) if start is not None]
    params = _claim_params(engine_id, now, claim_ids=list(action_ids))
    return [Start(*started) for started in
            _start_many(params, engine_id, start_event)]


@_base.retry
def _start_many(params, engine_id, start_event):
    return engine_statements.start(_CLAIM_MANY, params, engine_id,
                                   start_event)


def action_start(context, action_id, engine_id, start_event=False,
                 now=None):
    """Claim an action, take its node lock, write its start event: at once.

    One transaction (on PostgreSQL one statement) instead of four is most
    of an engine's database cost per action. ``start_event`` says whether
    the start event is written. Returns None if the action was not claimed
    (another engine has it, or it is no longer READY), else what
    ``_begin`` says.
    """
    if engine_statements.usable():
        started = actions_start(context, [action_id], engine_id,
                                start_event, now)
        return started[0] if started else None
    params = _claim_params(engine_id, now, claim_id=action_id)
    return _start_in_transaction(context, params, engine_id, start_event)


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
