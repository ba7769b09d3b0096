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

"""An action's start and its end as one PostgreSQL statement each.

The engine's start (claim, node lock, start event) and finish (action
end, node values and release, events) were transactions of five and six
round trips: the pool's ping, BEGIN, three statements, COMMIT. Profiles
put them at two fifths of an engine's CPU, most of it in the client
layers around each round trip. As for the API's submit
(``one_statement``), each becomes one data-modifying statement run in
autocommit mode, which PostgreSQL makes one transaction:

* start: the claim UPDATE returns the action; the lock UPDATE takes the
  node only from the claimed row, unless a cancel was asked for; the
  start event is inserted from the claimed action and the node as the
  Python builder (``events.start_event``) would make it;
* finish: the action's end UPDATE returns its id, and the node release
  and the events are written only if it did.

A finish that ends nothing (the action was cancelled by force or taken
over) and a node deletion leave the statement to the usual transaction,
which tells those cases apart. MariaDB and SQLite keep the transactions.
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
    """Claim, lock and start event at once; None if the claim was lost.

    ``claim`` is the prebuilt claiming UPDATE and ``claim_params`` its
    parameters. Returns (action, node, locked, events) with the action
    and node as read-only rows (node None if it is gone) and the start
    event's values, as written, in ``events``.
    """
    params = dict(claim_params, lock_engine=engine_id,
                  ev_id=utils.generate_uuid(), ev_timestamp=utils.utcnow(),
                  ev_meta_data={})
    values = one_statement.execute(_start_statement(claim, with_event),
                                   params)
    if values is None:
        return None
    action = _part(values, 'a_', _ACTION)
    node = _part(values, 'n_', _NODE) if values['n_id'] else None
    locked = values['locked'] is not None
    started = []
    if with_event and values['event'] is not None:
        # What the statement wrote, for notifications.
        started.append(dict(events.start_event(node, action),
                            id=params['ev_id'],
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
    columns.append(locked.c.id.label('locked'))
    source = claimed.outerjoin(snap, snap.c.id == claimed.c.target
                               ).outerjoin(locked, sa.true())
    if with_event:
        started = _start_event(claimed, snap, locked, node_value,
                               not_cancelled)
        columns.append(started.c.id.label('event'))
        source = source.outerjoin(started, sa.true())
    return sa.select(*columns).select_from(source)


def _start_event(claimed, snap, locked, node_value, not_cancelled):
    """INSERT of the start event, as ``events.start_event`` builds it."""
    operation = sa.cast(claimed.c.inputs, postgresql.JSON)[
        'operation'].astext
    action_name = sa.case(
        (claimed.c.action == consts.NODE_OPERATION,
         sa.func.coalesce(operation, claimed.c.action)),
        else_=claimed.c.action)
    values = {
        'id': prepared.cast_param(_EVENT.c.id, 'ev_id'),
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
        claimed.join(snap, snap.c.id == claimed.c.target).outerjoin(
            locked, sa.true())).where(not_cancelled)
    return sa.insert(_EVENT).from_select(
        [_EVENT.c[name] for name in names], source
    ).returning(_EVENT.c.id).cte('started')


def finish(end, end_params, release, release_params, event_values):
    """End the action, release its node and write its events at once.

    ``end`` is the prebuilt UPDATE that ends an action still RUNNING for
    its claimer, ``release`` the node UPDATE that writes the node's values
    and frees what the action holds. Returns whether the action was
    ended; if not, nothing was written.
    """
    event_keys = tuple(tuple(sorted(values)) for values in event_values)
    params = dict(end_params, **release_params)
    for index, values in enumerate(event_values):
        params.update(('ev%d_%s' % (index, key), value)
                      for key, value in values.items())
    row = one_statement.execute(
        _finish_statement(end, release, event_keys), params)
    return row is not None


@functools.lru_cache(maxsize=64)
def _finish_statement(end, release, event_keys):
    ended = end.returning(_ACTION.c.id).cte('ended')
    done = sa.exists(sa.select(ended.c.id))
    statement = sa.select(ended.c.id).add_cte(
        release.where(done).cte('released'))
    for index, keys in enumerate(event_keys):
        values = [prepared.cast_param(_EVENT.c[key],
                                      'ev%d_%s' % (index, key))
                  for key in keys]
        insert = sa.insert(_EVENT).from_select(
            [_EVENT.c[key] for key in keys], sa.select(*values).where(done))
        statement = statement.add_cte(insert.cte('event%d' % index))
    return statement
