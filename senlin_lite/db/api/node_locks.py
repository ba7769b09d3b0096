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

"""The node lock and the release of what an action holds of a node.

Functions without a transaction decorator run in the caller's writer
transaction (the engine's start and finish transactions).
"""

import functools

import sqlalchemy as sa

from senlin_lite.db.api import _base
from senlin_lite.db import models


def lock_node(context, node_id, action_id, engine_id, forced=False):
    """Take the node lock in the caller's transaction; True if held.

    Re-entrant for the same action. ``forced`` (delete, operation)
    overwrites any holder (contract 3.7).
    """
    return _base.core(context).execute(
        _lock_statement(forced, returning=False),
        _lock_params(node_id, action_id, engine_id)).rowcount == 1


def _lock_params(node_id, action_id, engine_id):
    return {'lock_node': node_id, 'lock_action': action_id,
            'lock_engine': engine_id}


@functools.lru_cache(maxsize=4)
def _lock_statement(forced, returning):
    table = models.Node.__table__
    col = table.c
    action = _base.param(col.lock_action_id, 'lock_action')
    query = sa.update(table).where(col.id == _base.param(col.id, 'lock_node'))
    if not forced:
        query = query.where(sa.or_(col.lock_action_id.is_(None),
                                   col.lock_action_id == action))
    query = query.values(
        lock_action_id=action,
        lock_engine_id=_base.param(col.lock_engine_id, 'lock_engine'))
    return query.returning(table) if returning else query


_SELECT_NODE = _base.row_by_id(models.Node.__table__)


def node_row(context, node_id):
    """The node's row (read-only, attribute access), or None."""
    return _base.core(context).execute(
        _SELECT_NODE, {'row_id': node_id}).first()


def lock_node_row(context, node_id, action_id, engine_id, forced=False):
    """``lock_node``, then the node's row as it is after the lock UPDATE.

    Returns (locked, row); row is None if the node is gone. Where the
    database returns updated rows, taking a free lock is one round trip.
    """
    if _base.update_returning():
        row = _base.core(context).execute(
            _lock_statement(forced, returning=True),
            _lock_params(node_id, action_id, engine_id)).first()
        if row is not None:
            return True, row
        return False, node_row(context, node_id)
    locked = lock_node(context, node_id, action_id, engine_id, forced)
    return locked, node_row(context, node_id)


@_base.retry
@_base.writer
def node_lock_acquire(context, node_id, action_id, engine_id, forced=False):
    """Take the node lock for an action in a transaction of its own."""
    return lock_node(context, node_id, action_id, engine_id, forced)


def unlock_node(context, node_id, action_id):
    """Free the node lock if this action holds it (caller's transaction)."""
    context.session.query(models.Node).filter(
        models.Node.id == node_id,
        models.Node.lock_action_id == action_id).update(
            {'lock_action_id': None, 'lock_engine_id': None},
            synchronize_session=False)


def release_node(context, node_id, action_id, values=None):
    """Write ``values`` and free what this action holds of the node.

    The lock and the action slot are freed only if this action holds
    them; one UPDATE does it all, in the caller's writer transaction.
    """
    _base.core(context).execute(*release_statement(node_id, action_id,
                                                   values))


def release_statement(node_id, action_id, values=None):
    """``release_node``'s prebuilt UPDATE and its parameters.

    MySQL assigns left to right and later assignments see the new
    values, so the lock's engine column is cleared before the lock
    itself is tested and cleared.
    """
    params = {'release_node': node_id, 'release_action': action_id}
    params.update(('release_%s' % key, value)
                  for key, value in (values or {}).items())
    return _release_statement(tuple(sorted(values or ()))), params


@functools.lru_cache(maxsize=32)
def _release_statement(keys):
    """release_node's UPDATE for node values named ``keys``."""
    table = models.Node.__table__
    col = table.c
    holder = _base.param(col.lock_action_id, 'release_action')

    def freed(column, held_by):
        return sa.case((held_by == holder, sa.null()), else_=column)

    assignments = [(col[key], _base.param(col[key], 'release_%s' % key))
                   for key in keys]
    assignments += [
        (col.lock_engine_id, freed(col.lock_engine_id, col.lock_action_id)),
        (col.lock_action_id, freed(col.lock_action_id, col.lock_action_id)),
        (col.active_action_id, freed(col.active_action_id,
                                     col.active_action_id)),
    ]
    return sa.update(table).where(
        col.id == _base.param(col.id, 'release_node')).ordered_values(
            *assignments)
