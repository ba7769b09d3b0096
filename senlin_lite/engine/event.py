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

"""Events the engine records about the nodes its actions touch.

The values are built by ``db_api.node_event``; this module only decides
which levels are kept ([dispatchers] priority, contract 3.15) so that
callers can pass the result straight to a database write.
"""

from senlin_lite.common import consts
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF

_PRIORITY_LEVELS = {
    'critical': consts.EVENT_LEVELS['CRITICAL'],
    'error': consts.EVENT_LEVELS['ERROR'],
    'warning': consts.EVENT_LEVELS['WARN'],
    'info': consts.EVENT_LEVELS['INFO'],
    'debug': consts.EVENT_LEVELS['DEBUG'],
}


def _wanted(level):
    floor = _PRIORITY_LEVELS.get(CONF.dispatchers.priority,
                                 consts.EVENT_LEVELS['INFO'])
    debug = getattr(CONF, 'debug', False)
    if floor <= consts.EVENT_LEVELS['DEBUG'] and not debug:
        floor = consts.EVENT_LEVELS['INFO']
    return consts.EVENT_LEVELS[level] >= floor


def build(node, action, level, phase, reason):
    """A list with the event's values, or an empty list if filtered out.

    ``node`` may be None (the node row is gone): no event is written then.
    """
    if node is None or not _wanted(level):
        return []
    return [db_api.node_event(node, action, level, phase, reason)]


def start_wanted():
    """Whether start events are kept (the database layer builds them)."""
    return _wanted('INFO')


def end(node, action, reason):
    return build(node, action, 'INFO', consts.EVENT_PHASE_END, reason)


def error(node, action, reason, level='ERROR'):
    return build(node, action, level, consts.EVENT_PHASE_ERROR,
                 reason or 'ERROR')


def write(context, values):
    """Write already built events, each in its own short transaction."""
    for item in values:
        db_api.event_create(context, item)
