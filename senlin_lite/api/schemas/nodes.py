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

"""Request objects of /v1/nodes."""

from senlin_lite.api.schemas import profiles

NULLABLE_STRING = {'type': ['string', 'null']}

CREATE = {
    'type': 'object',
    'properties': {
        'name': profiles.NAME,
        'profile_id': {'type': 'string'},
        'cluster_id': NULLABLE_STRING,
        'role': NULLABLE_STRING,
        'metadata': profiles.METADATA,
    },
    'required': ['name', 'profile_id'],
    'additionalProperties': False,
}

UPDATE = {
    'type': 'object',
    'properties': {
        'name': profiles.NULLABLE_NAME,
        'profile_id': NULLABLE_STRING,
        'role': NULLABLE_STRING,
        'metadata': profiles.METADATA,
        'tainted': {'type': ['boolean', 'null']},
    },
    'additionalProperties': False,
}

# DELETE /v1/nodes/{id}: the optional body; ``force`` is parsed as a
# boolean flag by the controller before this schema runs.
DELETE = {
    'type': 'object',
    'properties': {
        'force': {},
    },
    'additionalProperties': False,
}

# POST /v1/nodes/{id}/ops: the value of the single operation key.
OPERATION_PARAMS = {'type': ['object', 'null']}
