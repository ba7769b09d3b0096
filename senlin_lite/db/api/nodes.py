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

"""Node queries, including the node's action slot and lock."""

import functools

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db.api import one_statement
from senlin_lite.db import models


def _with_profile_name(rows):
    nodes = []
    for node, profile_name in rows:
        node.profile_name = profile_name or 'Unknown'
        nodes.append(node)
    return nodes


def _node_query(context, project_safe):
    query = context.session.query(models.Node, models.Profile.name).outerjoin(
        models.Profile, models.Profile.id == models.Node.profile_id)
    return _base.scoped(query, models.Node, context, project_safe)


@_base.reader
def node_get(context, node_id, project_safe=True):
    """The node with ``profile_name`` filled in, or None."""
    rows = _node_query(context, project_safe).filter(
        models.Node.id == node_id).all()
    nodes = _with_profile_name(rows)
    return nodes[0] if nodes else None


@_base.reader
def node_find(context, identity, project_safe=True):
    """By id, name or short id; raises ResourceNotFound/MultipleChoices.

    A UUID that names a node costs one query, the common case.
    """
    if utils.is_uuid_like(identity):
        node = node_get(context, identity, project_safe=project_safe)
        if node is not None:
            return node
    node = _base.find(context, models.Node, 'node', identity,
                      project_safe=project_safe)
    return node_get(context, node.id, project_safe=False)


@_base.reader
def node_get_all(context, filters=None, limit=None, marker=None, sort=None,
                 project_safe=True):
    query = _base.filter_in(_node_query(context, project_safe),
                            models.Node, filters)
    query = _base.paginate(context, query, models.Node, limit, marker, sort,
                           default_keys=('init_at',))
    return _with_profile_name(query.all())


@_base.reader
def node_count_by_profile(context, profile_id):
    return context.session.query(sa.func.count(models.Node.id)).filter(
        models.Node.profile_id == profile_id).scalar()


@_base.retry
@_base.writer
def node_create(context, values, action_values):
    """Insert a node and its NODE_CREATE action in one transaction."""
    node = models.Node(**values)
    node.id = node.id or utils.generate_uuid()
    action = models.Action(**_new_action(action_values, target=node.id))
    node.active_action_id = action.id
    context.session.add(node)
    context.session.flush()
    context.session.add(action)
    return node, action


def stamped(values):
    """Node values with ``updated_at`` set when their status asks for it.

    A new status sets updated_at unless it is one of the statuses that
    keep it (contract 3.12).
    """
    if ('status' in values and
            values['status'] not in consts.NODE_STATUSES_KEEP_UPDATED_AT):
        values.setdefault('updated_at', utils.utcnow())
    return values


@_base.retry
@_base.writer
def node_set_status(context, node_id, status, reason, lock_action_id=None,
                    **values):
    """Record a node status change (contract 3.12's updated_at rule).

    With ``lock_action_id``, only while that action holds the node lock.
    Returns whether the node was changed.
    """
    values = stamped(dict(values, status=status, status_reason=reason))
    query = context.session.query(models.Node).filter(
        models.Node.id == node_id)
    if lock_action_id is not None:
        query = query.filter(models.Node.lock_action_id == lock_action_id)
    return query.update(values, synchronize_session=False) == 1


@_base.retry
@_base.writer
def node_update(context, node_id, values):
    context.session.query(models.Node).filter(
        models.Node.id == node_id).update(values, synchronize_session=False)


@_base.retry
@_base.writer
def node_delete(context, node_id):
    context.session.query(models.Node).filter(
        models.Node.id == node_id).delete(synchronize_session=False)


@_base.retry
@_base.writer
def action_create_for_node(context, node_id, values, exclusive=True):
    """Insert a READY action on a node, atomically.

    With ``exclusive`` (every node action but delete and operation), the
    node's action slot is taken by one conditional UPDATE, so of two racing
    requests exactly one wins; the loser gets ResourceIsLocked when the
    node is locked by a running action, else ActionConflict (contract 3.3).
    Returns the new action (an object not bound to any session).
    """
    return _insert_action(context, node_id, values, exclusive)


def node_action_submit(context, identity, build_values, exclusive=True):
    """Find a node and queue an action on it.

    ``identity`` is an id, name or short id (``node_find``);
    ``build_values(node)`` returns the action's columns. A node named by
    its id, the common case, is looked up and given its action in one
    transaction, without an ORM session (on PostgreSQL, for a caller of
    the node's project, in one statement: ``one_statement``); a name or
    short id is resolved first, in a read transaction of its own. Returns
    the action; read its columns only (the one-statement path gives a
    read-only row, not a model).
    """
    if utils.is_uuid_like(identity):
        action = None
        if one_statement.usable(context):
            action = _submit_one_statement(context, identity, build_values,
                                           exclusive)
        action = action or _submit_to_id(context, identity, build_values,
                                         exclusive)
        if action is not None:
            return action
    node = node_find(context, identity)
    action = _submit_to_id(context, node.id, build_values, exclusive)
    if action is None:  # deleted since it was found
        raise exception.ResourceNotFound(type='node', id=identity)
    return action


class _Found(object):
    """What build_values needs of a node the caller's project owns."""

    def __init__(self, node_id, project):
        self.id = node_id
        self.project = project


@_base.retry
def _submit_one_statement(context, node_id, build_values, exclusive):
    """The action, queued by one statement (PostgreSQL); None if not."""
    node = _Found(node_id, context.project_id)
    # build_values chose the action's id.
    row = _new_action(build_values(node), target=node_id)
    return one_statement.submit(row, node_id, context.project_id, exclusive,
                                _take_slot_statement)


def node_action_warm_up(conn, context, build_values):
    """Run the submit's one statement on ``conn`` for a node that is not.

    Nothing is written. A new process builds and compiles the statement
    on its first submit, holding the interpreter lock meanwhile, and
    each connection prepares and plans it on its first run there: the
    first burst of POSTs after a start waited 40-70 ms for that. Only
    PostgreSQL submits this way; elsewhere it does nothing.
    """
    if not one_statement.usable(context):
        return
    node = _Found(utils.generate_uuid(), context.project_id)
    row = _new_action(build_values(node), target=node.id)
    one_statement.submit(row, node.id, context.project_id, True,
                         _take_slot_statement, conn=conn)


@_base.retry
@_base.core_writer
def _submit_to_id(context, node_id, build_values, exclusive):
    """The new action on the node ``node_id``; None if there is none.

    The id and project are all the action needs of the node: one narrow
    query.
    """
    params = {'find_id': node_id}
    if not context.is_admin:
        params['find_project'] = context.project_id
    if _base.update_returning():
        return _submit_returning(context, params, build_values, exclusive)
    node = _base.core(context).execute(
        _find_statement(scoped=not context.is_admin), params).first()
    if node is None:
        return None
    return _insert_action(context, node.id, build_values(node), exclusive)


def _submit_returning(context, params, build_values, exclusive):
    """As _submit_to_id, the lookup done by the slot's UPDATE ... RETURNING.

    One statement (and round trip) fewer per request where the database
    returns updated rows (PostgreSQL, SQLite; not MariaDB). The new
    action's id is chosen first, as the slot names it.
    """
    db = _base.core(context)
    scoped = 'find_project' in params
    action_id = utils.generate_uuid()
    node = db.execute(_take_slot_statement(scoped, exclusive),
                      dict(params, slot_action=action_id)).first()
    if node is None:
        node = db.execute(_find_statement(scoped), params).first()
        if node is None:
            return None
        _raise_conflict(context, node.id, build_values(node)['action'])
    return _store_action(context, _new_action(
        dict(build_values(node), id=action_id), target=node.id))


@functools.lru_cache(maxsize=4)
def _take_slot_statement(scoped, exclusive):
    """The slot UPDATE of a node found by id; returns its id and project."""
    table = models.Node.__table__
    query = _found_by_id(sa.update(table), scoped)
    return _giving_slot(query, exclusive).returning(table.c.id,
                                                    table.c.project)


@functools.lru_cache(maxsize=2)
def _find_statement(scoped):
    """The id and project of a node by id (in the caller's project)."""
    col = models.Node.__table__.c
    return _found_by_id(sa.select(col.id, col.project), scoped)


def _found_by_id(query, scoped):
    """``query`` on the node ``find_id``, if ``scoped`` in ``find_project``."""
    col = models.Node.__table__.c
    query = query.where(col.id == _base.param(col.id, 'find_id'))
    if scoped:
        query = query.where(
            _base.no_index(col.project) ==
            _base.param(col.project, 'find_project'))
    return query


@functools.lru_cache(maxsize=2)
def _slot_statement(exclusive):
    """The UPDATE that gives the node's action slot to a new action."""
    table = models.Node.__table__
    query = sa.update(table).where(
        table.c.id == _base.param(table.c.id, 'slot_node'))
    return _giving_slot(query, exclusive)


def _giving_slot(query, exclusive):
    """``query``, an UPDATE of nodes, made to set the action slot.

    An exclusive action takes it only from a node with no active action
    and no lock.
    """
    col = models.Node.__table__.c
    if exclusive:
        query = query.where(col.active_action_id.is_(None),
                            col.lock_action_id.is_(None))
    return query.values(
        active_action_id=_base.param(col.active_action_id, 'slot_action'))


_INSERT_ACTION = sa.insert(models.Action.__table__)


def _insert_action(context, node_id, values, exclusive):
    row = _new_action(values, target=node_id)
    taken = _base.core(context).execute(
        _slot_statement(exclusive),
        {'slot_node': node_id, 'slot_action': row['id']}).rowcount
    if taken != 1:
        _raise_conflict(context, node_id, values['action'])
    return _store_action(context, row)


def _store_action(context, row):
    """Insert the complete action ``row``; the action as a model."""
    _base.core(context).execute(_INSERT_ACTION, [row])
    return models.Action(**row)


def _raise_conflict(context, node_id, action_name):
    # A locking read: MariaDB's REPEATABLE READ would otherwise answer from
    # the snapshot of the transaction's first read (the node lookup of
    # _submit_to_id), taken before the winner of the race committed.
    # The failed UPDATE already holds this row's lock there.
    db = _base.core(context)
    node_col = models.Node.__table__.c
    node = db.execute(
        sa.select(node_col.lock_action_id, node_col.active_action_id).where(
            node_col.id == node_id).with_for_update()).first()
    if node is None:
        raise exception.ResourceNotFound(type='node', id=node_id)
    if node.lock_action_id is not None:
        raise exception.ResourceIsLocked(action=action_name, type='node',
                                         id=node_id)
    col = models.Action.__table__.c
    query = sa.select(col.id).where(
        col.target == node_id,
        col.status.in_(consts.ACTION_ACTIVE_STATUSES)).order_by(
            col.created_at, col.id)
    if not context.is_admin:
        query = query.where(col.project == context.project_id)
    ids = [row.id for row in db.execute(query)]
    # The list may come from that older snapshot; the node row does not.
    if node.active_action_id and node.active_action_id not in ids:
        ids.append(node.active_action_id)
    raise exception.ActionConflict(type=action_name, target=node_id,
                                   actions=','.join(ids))


def _new_action(values, target):
    """All the columns of a new READY action.

    Complete, because a Core INSERT applies none of the model's defaults.
    """
    row = dict.fromkeys(c.key for c in models.Action.__table__.columns)
    row.update(values)
    row.update(id=values.get('id') or utils.generate_uuid(), target=target,
               status=consts.ACTION_READY, status_reason='',
               cause=values.get('cause') or consts.ACTION_CAUSE_RPC,
               created_at=utils.utcnow())
    if row['cluster_id'] is None:
        row['cluster_id'] = ''
    if row['interval'] is None:
        row['interval'] = -1
    return row
