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

"""How resources look on the wire (contract 2.4, 2.5, 2.8, 2.9).

Each function takes a database row and the request's microversion and
returns a plain dict; keys that depend on the version are added or left
out here.
"""

from senlin_lite.api import microversions
from senlin_lite.common import consts
from senlin_lite.common import utils


def profile(row):
    return {
        'id': row.id,
        'name': row.name,
        'type': row.type,
        'spec': row.spec,
        'metadata': row.meta_data,
        'user': row.user,
        'project': row.project,
        'domain': row.domain,
        'created_at': utils.isotime(row.created_at),
        'updated_at': utils.isotime(row.updated_at),
    }


def validated_profile(context, type_key, spec):
    """What POST /v1/profiles/validate answers: nothing is stored."""
    return {
        'id': None,
        'name': 'validated_profile',
        'type': type_key,
        'spec': spec,
        'metadata': None,
        'user': context.user_id,
        'project': context.project_id,
        'domain': context.domain_id,
        'created_at': None,
        'updated_at': None,
    }


def node(row, version, details=None):
    result = {
        'id': row.id,
        'name': row.name,
        'cluster_id': row.cluster_id or '',
        'physical_id': row.physical_id,
        'profile_id': row.profile_id,
        'profile_name': getattr(row, 'profile_name', None) or 'Unknown',
        'user': row.user,
        'project': row.project,
        'domain': row.domain,
        'index': row.index if row.index is not None else -1,
        'role': row.role,
        'init_at': utils.isotime(row.init_at),
        'created_at': utils.isotime(row.created_at),
        'updated_at': utils.isotime(row.updated_at),
        'status': row.status,
        'status_reason': row.status_reason,
        'metadata': row.meta_data if row.meta_data is not None else {},
        'data': row.data or {},
        'dependents': row.dependents or {},
    }
    if version >= microversions.V_TAINTED:
        result['tainted'] = bool(row.tainted)
    if details is not None:
        result['details'] = details
    return result


def action(row, version):
    result = {
        'id': row.id,
        'name': row.name,
        'action': row.action,
        'target': row.target,
        'cause': row.cause,
        'owner': row.owner,
        'interval': row.interval if row.interval is not None else -1,
        'start_time': utils.epoch(row.start_time),
        'end_time': utils.epoch(row.end_time),
        'timeout': row.timeout,
        'status': row.status,
        'status_reason': row.status_reason,
        'inputs': row.inputs or {},
        'outputs': row.outputs or {},
        'data': row.data or {},
        # Node actions never depend on others in senlin_lite.
        'depends_on': [],
        'depended_by': [],
        'user': row.user,
        'project': row.project,
        'created_at': utils.isotime(row.created_at),
        'updated_at': utils.isotime(row.updated_at),
    }
    if version >= microversions.V_ACTION_CLUSTER_ID:
        result['cluster_id'] = row.cluster_id or ''
    return result


def event_level(level):
    try:
        return consts.EVENT_LEVEL_NAMES[int(level)]
    except (KeyError, TypeError, ValueError):
        return level


def event(row):
    return {
        'id': row.id,
        'timestamp': utils.event_time(row.timestamp),
        'oid': row.oid,
        'oname': row.oname,
        'otype': row.otype,
        'cluster_id': row.cluster_id or '',
        'cluster': None,
        'level': event_level(row.level),
        'user': row.user,
        'project': row.project,
        'action': row.action,
        'status': row.status,
        'status_reason': row.status_reason,
        'meta_data': row.meta_data or {},
    }
