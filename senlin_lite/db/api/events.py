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

"""Event queries."""

import sqlalchemy as sa

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db import models


def node_event(node, action, level, phase, reason):
    """Values of an event about ``node`` written for ``action``.

    ``node`` and ``action`` may be models or any object with their
    attributes; ``level`` is a name such as 'INFO' (stored as a number).
    """
    inputs = action.inputs or {}
    name = action.action
    if name == consts.NODE_OPERATION:
        name = inputs.get('operation', name)
    return {
        'id': utils.generate_uuid(), 'timestamp': utils.utcnow(),
        'oid': node.id, 'oname': node.name,
        'otype': consts.NODE_OBJECT_TYPE,
        'cluster_id': node.cluster_id or '',
        'level': str(consts.EVENT_LEVELS[level]),
        'user': action.user, 'project': action.project,
        'action': name, 'status': phase, 'status_reason': reason,
        'meta_data': {},
    }


def start_event(node, action):
    """The start event of ``action`` on ``node``.

    ``engine_statements`` builds the same row in SQL on PostgreSQL.
    """
    return node_event(node, action, 'INFO', consts.EVENT_PHASE_START,
                      action.id[:8])


@_base.retry
@_base.writer
def event_create(context, values):
    event = models.Event(**values)
    event.id = event.id or utils.generate_uuid()
    event.timestamp = event.timestamp or utils.utcnow()
    context.session.add(event)
    return event


_INSERT_EVENT = sa.insert(models.Event.__table__)


def insert_events(context, values_list):
    """Insert already built events in the caller's writer transaction.

    A Core INSERT: the hot path of every action writes one or two events
    and has no use for ORM objects.
    """
    if values_list:
        _base.core(context).execute(_INSERT_EVENT, list(values_list))


@_base.reader
def event_find(context, identity, project_safe=True):
    """By id or id prefix (events have no names)."""
    return _base.find(context, models.Event, 'event', identity,
                      project_safe=project_safe, by_name=False)


@_base.reader
def event_get_all(context, filters=None, limit=None, marker=None, sort=None,
                  project_safe=True):
    query = _base.scoped(context.session.query(models.Event),
                         models.Event, context, project_safe)
    query = _base.filter_in(query, models.Event, filters)
    return _base.paginate(context, query, models.Event, limit, marker, sort,
                          default_keys=('timestamp',)).all()
