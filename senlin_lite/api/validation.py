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

"""Validation of request objects (contract 1.7, steps 2 and 3).

Phase A reproduces the field coercion of Senlin's request objects (first
error wins, fields in schema order): non-nullable fields given null,
names, and JSON maps given as strings. Phase B runs the JSON schema and
reports one error, preferring a missing required key (alphabetically
first), then an unexpected key, then anything else.

Schemas mark names with ``"x-kind": "name"``; a property is nullable when
its ``type`` allows ``null``.
"""

import json
import re

import jsonschema

from senlin_lite.common import exception

NAME_MAX = 255
_NAME_RE = re.compile(r'^[a-zA-Z0-9\u4e00-\u9fa5._~-]+$')

_RANK = {'required': 0, 'additionalProperties': 1}


def bad_request(message):
    return exception.HTTPBadRequest(message=message)


def check_name(value):
    if len(value) < 1:
        raise bad_request('The value for the name field must be at least 1 '
                          'characters long.')
    if len(value) > NAME_MAX:
        raise bad_request('The value for the name field must be less than '
                          '%d characters long.' % NAME_MAX)
    if not _NAME_RE.match(value):
        raise bad_request(
            "The value for the 'name' (%s) contains illegal characters. It "
            'must contain only alphanumeric or "_-.~" characters and must '
            'start with letter.' % value)


def _types(prop):
    kind = prop.get('type', [])
    return [kind] if isinstance(kind, str) else list(kind)


def _coerce_field(name, prop, value):
    types = _types(prop)
    if value is None:
        if types and 'null' not in types:
            raise bad_request("Field `%s' cannot be None" % name)
        return
    if prop.get('x-kind') == 'name' and isinstance(value, str):
        check_name(value)
    elif 'object' in types and isinstance(value, str):
        try:
            json.loads(value)
        except ValueError:
            raise bad_request('The value (%s) is not a valid JSON.' % value)


def phase_a(data, schema):
    if not isinstance(data, dict):
        return
    for name, prop in schema.get('properties', {}).items():
        if name in data:
            _coerce_field(name, prop, data[name])


def _error_key(error):
    return (_RANK.get(error.validator, 2), len(error.absolute_path),
            error.message)


def phase_b(data, schema):
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(data), key=_error_key)
    if errors:
        raise bad_request(errors[0].message)


def validate(data, schema):
    """Check a request object; raise HTTPBadRequest on the first error."""
    phase_a(data, schema)
    phase_b(data, schema)
    return data
