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

"""Request objects of /v1/profiles."""

NAME = {'type': 'string', 'x-kind': 'name'}
NULLABLE_NAME = {'type': ['string', 'null'], 'x-kind': 'name'}
METADATA = {'type': ['object', 'null']}

CREATE = {
    'type': 'object',
    'properties': {
        'name': NAME,
        'spec': {'type': 'object'},
        'metadata': METADATA,
    },
    'required': ['name', 'spec'],
    'additionalProperties': False,
}

UPDATE = {
    'type': 'object',
    'properties': {
        'name': NULLABLE_NAME,
        'metadata': METADATA,
    },
    'additionalProperties': False,
}

VALIDATE = {
    'type': 'object',
    'properties': {
        'spec': {'type': 'object'},
    },
    'required': ['spec'],
    'additionalProperties': False,
}
