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

"""The start of engine actions as one PostgreSQL statement.

An engine's start of an action (claim, node lock, start event) was a
transaction of five round trips: the pool's ping, BEGIN, three
statements, COMMIT. As for the API's submit (``one_statement``), it is
one data-modifying statement run in autocommit mode, which PostgreSQL
makes one transaction, and it starts every action a free worker waits
for at once:

* the claim UPDATE returns the actions claimed;
* the lock UPDATE takes each one's node, unless a cancel was asked for;
* the start events are inserted from the claimed actions and their
  nodes as the Python builder (``events.start_event``) would make them.

The lists of values a statement takes (the action ids, their start
events' ids) are PostgreSQL arrays (``given``), so that the text of the
statement, prepared once per connection, is the same whatever their
length. MariaDB and SQLite keep the transactions.
"""

import functools
import types

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db.api import events
from senlin_lite.db.api import one_statement
from senlin_lite.db.api import prepared
from senlin_lite.db import models

_ACTION = models.Action.__table__
_NODE = models.Node.__table__
_EVENT = models.Event.__table__
_INFO = str(consts.EVENT_LEVELS['INFO'])

usable = one_statement.on_postgresql


def start(claim, claim_params, engine_id, with_event):
    """Claim, lock and start event of several actions at once.

    ``claim`` is the prebuilt claiming UPDATE of the actions whose ids
    are the list ``claim_params['claim_ids']``. Returns, for each action
    claimed (those lost are left out), (action, node, locked, events)
    with the action and node as read-only rows (node None if it is gone)
    and the start event's values, as written, in ``events``.
    """
    ids = claim_params['claim_ids']
    event_ids = [utils.generate_uuid() for _ in ids]
    params = dict(claim_params, lock_engine=engine_id, ev_ids=event_ids,
                  ev_timestamp=utils.utcnow(), ev_meta_data={})
    rows = one_statement.execute_all(_start_statement(claim, with_event),
                                     params)
    event_id = dict(zip(ids, event_ids))
    return [_started(values, params, event_id, with_event)
            for values in rows]


def _started(values, params, event_id, with_event):
    action = _part(values, 'a_', _ACTION)
    node = _part(values, 'n_', _NODE) if values['n_id'] else None
    locked = bool(values['locked'])
    started = []
    if (with_event and node is not None and
            action.control != consts.SIGNAL_CANCEL):
        # What the statement wrote, for notifications.
        started.append(dict(events.start_event(node, action),
                            id=event_id[action.id],
                            timestamp=params['ev_timestamp']))
    return action, node, locked, started


def _part(values, prefix, table):
    return types.SimpleNamespace(**{col.name: values[prefix + col.name]
                                    for col in table.c})


@functools.lru_cache(maxsize=4)
def _start_statement(claim, with_event):
    claimed = claim.returning(*_ACTION.c).cte('claimed')
    snap = _NODE.alias('snap')
    not_cancelled = sa.or_(claimed.c.control.is_(None),
                           claimed.c.control != consts.SIGNAL_CANCEL)
    free = sa.or_(_NODE.c.lock_action_id.is_(None),
                  _NODE.c.lock_action_id == claimed.c.id,
                  # Not IN (...): SQLAlchemy re-renders the statement's
                  # text on every run for an expanding IN parameter.
                  *(claimed.c.action == name
                    for name in consts.FORCED_LOCK_ACTIONS))
    locked = sa.update(_NODE).where(
        _NODE.c.id == claimed.c.target, not_cancelled, free
    ).values(
        lock_action_id=claimed.c.id,
        lock_engine_id=_base.param(_NODE.c.lock_engine_id, 'lock_engine')
    ).returning(*_NODE.c).cte('locked')

    # The node as the lock UPDATE left it when it took the lock (the
    # snapshot may predate the previous holder's finish), else as read.
    def node_value(name):
        return sa.case((locked.c.id.is_not(None), locked.c[name]),
                       else_=snap.c[name])

    node_columns = [node_value(col.name) for col in _NODE.c]
    columns = [claimed.c[col.name].label('a_' + col.name)
               for col in _ACTION.c]
    columns += [column.label('n_' + col.name)
                for column, col in zip(node_columns, _NODE.c)]
    # Two actions of one batch may want the same node: the one the lock
    # UPDATE chose holds it.
    columns.append((locked.c.lock_action_id == claimed.c.id).label('locked'))
    source = claimed.outerjoin(snap, snap.c.id == claimed.c.target
                               ).outerjoin(locked,
                                           locked.c.id == claimed.c.target)
    statement = sa.select(*columns).select_from(source)
    if with_event:
        # PostgreSQL runs a data-modifying WITH query whether or not the
        # rest of the statement reads it.
        statement = statement.add_cte(_start_event(
            claimed, snap, locked, node_value, not_cancelled))
    return statement


def _start_event(claimed, snap, locked, node_value, not_cancelled):
    """INSERT of the start event, as ``events.start_event`` builds it."""
    operation = sa.cast(claimed.c.inputs, postgresql.JSON)[
        'operation'].astext
    action_name = sa.case(
        (claimed.c.action == consts.NODE_OPERATION,
         sa.func.coalesce(operation, claimed.c.action)),
        else_=claimed.c.action)
    # The event id given for each action, side by side with its id.
    ids = given('event_ids', [('claim_ids', _ACTION.c.id),
                              ('ev_ids', _EVENT.c.id)])
    values = {
        'id': ids.c.ev_ids,
        'timestamp': prepared.cast_param(_EVENT.c.timestamp, 'ev_timestamp'),
        'oid': snap.c.id,
        'oname': node_value('name'),
        'otype': sa.literal(consts.NODE_OBJECT_TYPE),
        'cluster_id': sa.func.coalesce(node_value('cluster_id'), ''),
        'level': sa.literal(_INFO),
        'user': claimed.c.user,
        'project': claimed.c.project,
        'action': action_name,
        'status': sa.literal(consts.EVENT_PHASE_START),
        'status_reason': sa.func.substr(claimed.c.id, 1, 8),
        'meta_data': prepared.cast_param(_EVENT.c.meta_data, 'ev_meta_data'),
    }
    names = list(values)
    source = sa.select(*(values[name] for name in names)).select_from(
        claimed.join(snap, snap.c.id == claimed.c.target).join(
            ids, ids.c.claim_ids == claimed.c.id).outerjoin(
            locked, locked.c.id == claimed.c.target)).where(not_cancelled)
    return sa.insert(_EVENT).from_select(
        [_EVENT.c[name] for name in names], source
    ).returning(_EVENT.c.id).cte('started')


def given(name, columns):
    """A WITH query of the rows of parameter lists, one list a column.

    ``columns`` are (parameter name, table column) pairs; each parameter
    is a list of values of that column's type, and the query has a
    column of the parameter's name. PostgreSQL's ``unnest`` of several
    arrays sets them side by side.
    """
    lists = [sa.bindparam(key, type_=postgresql.ARRAY(column.type))
             for key, column in columns]
    rows = sa.func.unnest(*lists).table_valued(
        *(sa.column(key, column.type) for key, column in columns)
    ).render_derived(name=name + '_rows')
    return sa.select(rows).cte(name)
