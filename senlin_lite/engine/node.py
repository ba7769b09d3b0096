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


"""Node status values of contract 3.12 and the engine's door to profiles.

Handlers build the node's final values with ``values``/``error_values``
and reach the node's profile plugin through ``load_profile``; nothing
else in the engine knows how a profile is loaded or what it raises.
"""

import functools

from senlin_lite.common import consts
from senlin_lite.common import context as senlin_context
from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.profiles import environment

# Reasons of contract 3.12.
CHECK_ACTIVE = 'Check: Node is ACTIVE.'
CHECK_NOT_ACTIVE = 'Check: Node is not ACTIVE.'
CHECK_WARNING = ('Check: Physical object is ACTIVE but the node status '
                 'was WARNING. %s')
RECOVER_ACTIVE = 'Recover: Node is ACTIVE.'
NOT_INIT = 'Node must be in INIT status'


def values(status, reason, **extra):
    """Node column values for a status change."""
    result = {'status': status, 'status_reason': reason}
    result.update(extra)
    return result


def active(reason, **extra):
    return values(consts.NODE_ACTIVE, reason, **extra)


def error_values(exc):
    """ERROR with the backend's text, keeping a resource id it reports."""
    result = values(consts.NODE_ERROR, str(exc))
    resource_id = getattr(exc, 'resource_id', None)
    if resource_id:
        result['physical_id'] = resource_id
    return result


def created_values(node, physical_id, data=None):
    return active('Creation succeeded', physical_id=physical_id,
                  created_at=utils.utcnow(),
                  data=merged_data(node, data))


def merged_data(node, extra):
    data = dict(node.data or {})
    data.update(extra or {})
    return data


_PROFILE_CACHE_SIZE = 256


@functools.lru_cache(maxsize=_PROFILE_CACHE_SIZE)
def _profile_record(profile_id):
    """A profile row, read once: its type and spec never change.

    (Only name and metadata can be updated, and profiles do not act on
    them.) A profile in use by a node cannot be deleted.
    """
    record = db_api.profile_get(senlin_context.get_admin_context(),
                                profile_id, project_safe=False)
    if record is None:
        raise exception.ResourceNotFound(type='profile', id=profile_id)
    return record


def load_profile(context, profile_id):
    """The profile plugin instance for a profile row id.

    The profile makes its cloud calls for ``context`` (the action's).
    """
    record = _profile_record(profile_id)
    return environment.get_profile_class(record.type)(
        record, request_context=context)
