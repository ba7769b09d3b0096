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

"""The end of engine actions as one PostgreSQL statement for several.

An action's end writes its status, its node's values and the release of
the node's lock and slot, and its events. On PostgreSQL that is one
data-modifying statement in autocommit mode (one transaction), and the
ends that an engine's workers reach while one is being written go
together in the next (``group_commit``): a saturated engine's workers
end actions one after another, and a statement and commit for each was
most of what the database did for the engine.

Each action is ended only if it is still RUNNING for the engine that
claimed it; its node's values, the release and its events are written
only if it was. An end that ends nothing (the action was cancelled by
force or taken over) and a node deletion leave the statement to the
usual transaction, which tells those cases apart. MariaDB and SQLite
keep the transactions.
"""

import collections
import functools

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.db.api import _base
from senlin_lite.db.api import engine_statements
from senlin_lite.db.api import group_commit
from senlin_lite.db.api import one_statement
from senlin_lite.db import models

_ACTION = models.Action.__table__
_NODE = models.Node.__table__
_EVENT = models.Event.__table__


class Finish(collections.namedtuple(
        'Finish', 'action_id owner node_id status reason ended_at '
        'updated_at outputs node_values events')):
    """One action's end as ``finish`` writes it.

    ``outputs`` None leaves the action's outputs as they are;
    ``node_values`` are written to the node ``node_id`` as it is
    released; ``events`` is a sequence of event values.
    """

    @property
    def shape(self):
        """What the statement that writes this end depends on."""
        return (self.outputs is not None, tuple(sorted(self.node_values)),
                tuple(tuple(sorted(values)) for values in self.events))


def finish(ends):
    """Write several ends of actions of one ``shape``, at once.

    Each action is ended only if it is still RUNNING for the engine that
    claimed it (``owner``); its node's values, the release of what it
    holds of the node and its events are written only if it was. Returns
    the set of the ids of the actions ended; for the others nothing was
    written.
    """
    with_outputs, node_keys, event_keys = ends[0].shape
    params = {
        'end_id': [end.action_id for end in ends],
        'end_owner': [end.owner for end in ends],
        'end_status': [end.status for end in ends],
        'end_reason': [end.reason for end in ends],
        'end_at': [end.ended_at for end in ends],
        'end_updated': [end.updated_at for end in ends],
        'node_id': [end.node_id for end in ends],
    }
    if with_outputs:
        params['end_outputs'] = [end.outputs for end in ends]
    for key in node_keys:
        params['node_' + key] = [end.node_values[key] for end in ends]
    for index, keys in enumerate(event_keys):
        params['ev%d__action' % index] = [end.action_id for end in ends]
        for key in keys:
            params['ev%d_%s' % (index, key)] = [end.events[index][key]
                                                for end in ends]
    rows = one_statement.execute_all(
        _finish_statement(with_outputs, node_keys, event_keys), params)
    return {row['id'] for row in rows}


@functools.lru_cache(maxsize=64)
def _finish_statement(with_outputs, node_keys, event_keys):
    ends = [('end_id', _ACTION.c.id), ('end_owner', _ACTION.c.owner),
            ('end_status', _ACTION.c.status),
            ('end_reason', _ACTION.c.status_reason),
            ('end_at', _ACTION.c.end_time),
            ('end_updated', _ACTION.c.updated_at),
            ('node_id', _NODE.c.id)]
    if with_outputs:
        ends.append(('end_outputs', _ACTION.c.outputs))
    ends += [('node_' + key, _NODE.c[key]) for key in node_keys]
    given = engine_statements.given('given', ends)
    values = {'status': given.c.end_status,
              'status_reason': given.c.end_reason,
              'end_time': given.c.end_at, 'owner': None,
              'updated_at': given.c.end_updated}
    if with_outputs:
        values['outputs'] = given.c.end_outputs
    ended = sa.update(_ACTION).where(
        _ACTION.c.id == given.c.end_id,
        _base.no_index(_ACTION.c.status) == consts.ACTION_RUNNING,
        _base.no_index(_ACTION.c.owner) == given.c.end_owner,
    ).values(**values).returning(_ACTION.c.id).cte('ended')
    statement = sa.select(ended.c.id).add_cte(
        _release(given, ended, node_keys).cte('released'))
    for index, keys in enumerate(event_keys):
        prefix = 'ev%d_' % index
        # Column names do not begin with "_": no event key is "_action".
        events = engine_statements.given('event%d_given' % index, [
            (prefix + '_action', _ACTION.c.id)] + [
            (prefix + key, _EVENT.c[key]) for key in keys])
        insert = sa.insert(_EVENT).from_select(
            [_EVENT.c[key] for key in keys],
            sa.select(*(events.c[prefix + key] for key in keys)).where(
                events.c[prefix + '_action'] == ended.c.id))
        statement = statement.add_cte(insert.cte('event%d' % index))
    return statement


def _release(given, ended, node_keys):
    """The node UPDATE of the actions ended: values, lock and slot freed.

    As ``node_locks.release_statement``: the lock and the action slot
    are freed only where the ended action holds them.
    """
    col = _NODE.c
    holder = given.c.end_id

    def freed(column):
        return sa.case((column == holder, sa.null()), else_=column)

    values = {key: given.c['node_' + key] for key in node_keys}
    values.update(lock_engine_id=sa.case(
        (col.lock_action_id == holder, sa.null()),
        else_=col.lock_engine_id),
        lock_action_id=freed(col.lock_action_id),
        active_action_id=freed(col.active_action_id))
    return sa.update(_NODE).where(
        col.id == given.c.node_id, given.c.end_id == ended.c.id
    ).values(**values)


def _write_together(ends):
    """Write the ends of several actions; for each, whether it ended.

    One statement per shape, each node in one end per statement (two
    ends of one node, which the node lock makes rare, go in turn). A
    statement that fails for another reason than an unreachable
    database is tried again for each end alone, so that one end does
    not fail the others; the error of an end is its result.
    """
    results = {}
    for group in _groups(ends):
        try:
            ended = _write_at_once(group)
        except Exception as exc:
            if _base.is_unavailable(exc) or len(group) == 1:
                results.update((id(end), exc) for end in group)
                continue
            ended = set()
            for end in group:
                try:
                    ended |= _write_at_once([end])
                except Exception as exc:
                    results[id(end)] = exc
        results.update((id(end), end.action_id in ended) for end in group
                       if id(end) not in results)
    return [results[id(end)] for end in ends]


def _groups(ends):
    groups = {}
    for end in ends:
        rounds = groups.setdefault(end.shape, [])
        for group in rounds:
            if all(other.node_id != end.node_id for other in group):
                group.append(end)
                break
        else:
            rounds.append([end])
    return [group for rounds in groups.values() for group in rounds]


@_base.retry
def _write_at_once(ends):
    return finish(ends)


# What the workers of this process end at the same time goes together.
write = group_commit.GroupCommit(_write_together)
