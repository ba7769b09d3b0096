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

"""Property and operation-parameter schemas of profile types.

A schema object does two jobs: it checks a value, raising ``SchemaError``
with the exact text of the API contract (section 2.4, steps 4-5, and
section 2.7, rule 7), and it renders itself as the JSON shown by
``GET /v1/profile-types/{type}`` (section 2.3).
"""

import json

from oslo_utils import strutils


class SchemaError(ValueError):
    """A value does not match its schema; ``str()`` is the message."""


class AllowedValues(object):
    """The value must be one of a fixed list (compared as given)."""

    def __init__(self, values):
        self.values = list(values)

    def validate(self, value):
        if value not in self.values:
            raise SchemaError("'%s' must be one of the allowed values: %s"
                              % (value, ', '.join(map(str, self.values))))

    def to_dict(self):
        return {'type': 'AllowedValues', 'constraint': list(self.values)}


class Schema(object):
    """Base of the typed schemas; subclasses set TYPE and ``resolve``."""

    TYPE = None

    def __init__(self, description=None, default=None, required=False,
                 updatable=False, schema=None, constraints=None):
        self.description = description
        self.default = default
        self.required = required
        self.updatable = updatable
        self.schema = schema
        self.constraints = list(constraints or [])

    def resolve(self, value):
        """Return ``value`` converted to this type or raise SchemaError."""
        raise NotImplementedError()

    def validate(self, value):
        """Check a spec property value; return the converted value."""
        result = self.resolve(value)
        for constraint in self.constraints:
            constraint.validate(result)
        return result

    def validate_param(self, value):
        """Check an operation parameter value (contract 2.7, rule 7)."""
        return self.validate(value)

    def to_dict(self, property_schema=True):
        """Render as contract section 2.3 shows it.

        Operation parameters (``property_schema=False``) carry no
        ``updatable`` key.
        """
        doc = {'type': self.TYPE}
        if self.description is not None:
            doc['description'] = self.description
        if self.default is not None:
            doc['default'] = self.default
        doc['required'] = self.required
        if property_schema:
            doc['updatable'] = self.updatable
        sub = self._sub_schema_dict(property_schema)
        if sub is not None:
            doc['schema'] = sub
        if self.constraints:
            doc['constraints'] = [c.to_dict() for c in self.constraints]
        return doc

    def _sub_schema_dict(self, property_schema):
        return None


class String(Schema):
    TYPE = 'String'

    def resolve(self, value):
        if value is None or isinstance(value, (dict, list)):
            raise SchemaError("The value '%s' is not a valid string."
                              % value)
        return value if isinstance(value, str) else str(value)

    def validate_param(self, value):
        if not isinstance(value, str):
            raise SchemaError('value is not a string')
        return super().validate_param(value)


class Integer(Schema):
    TYPE = 'Integer'

    def resolve(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise SchemaError("The value '%s' is not a valid Integer" % value)


class Number(Schema):
    TYPE = 'Number'

    def resolve(self, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            for convert in (int, float):
                try:
                    return convert(value.strip())
                except ValueError:
                    pass
        raise SchemaError("The value '%s' is not a valid Number" % value)


class Boolean(Schema):
    TYPE = 'Boolean'

    def resolve(self, value):
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return strutils.bool_from_string(value, strict=True)
            except ValueError:
                pass
        raise SchemaError("The value '%s' is not a valid Boolean" % value)


class Map(Schema):
    """A JSON object; with ``schema`` ({key: Schema}) its keys are checked.

    A JSON string holding an object is accepted too, as Senlin does.
    """

    TYPE = 'Map'

    def resolve(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                pass
        if not isinstance(value, dict):
            raise SchemaError("'%s' is not a Map" % (value,))
        if self.schema is None:
            return dict(value)
        return validate_items(self.schema, value)

    def _sub_schema_dict(self, property_schema):
        if self.schema is None:
            return None
        return {key: item.to_dict(property_schema)
                for key, item in self.schema.items()}


class List(Schema):
    """A JSON array; with ``schema`` (one Schema) each item is checked."""

    TYPE = 'List'

    def resolve(self, value):
        if not isinstance(value, (list, tuple)):
            raise SchemaError("'%s' is not a List" % (value,))
        if self.schema is None:
            return list(value)
        return [self.schema.validate(item) for item in value]

    def _sub_schema_dict(self, property_schema):
        if self.schema is None:
            return None
        return {'*': self.schema.to_dict(property_schema)}


def validate_items(schemas, data):
    """Validate a mapping against ``{key: Schema}``; return the values.

    Known keys first, in schema order (required ones must be present),
    then unknown keys, in the order the data gives them.
    """
    result = {}
    for key, item in schemas.items():
        if key in data:
            result[key] = item.validate(data[key])
        elif item.required:
            raise SchemaError("Required spec item '%s' not provided" % key)
    for key in data:
        if key not in schemas:
            raise SchemaError("Unrecognizable spec item '%s'" % key)
    return result


def resolve_defaults(schemas, data):
    """Given values plus defaults for the absent keys (no validation)."""
    result = {key: item.default for key, item in schemas.items()}
    result.update(data or {})
    return result


class Operation(object):
    """An operation of a profile type and the schema of its parameters."""

    def __init__(self, description, parameters=None):
        self.description = description
        self.parameters = dict(parameters or {})

    def to_dict(self):
        return {'description': self.description,
                'parameters': {name: item.to_dict(property_schema=False)
                               for name, item in self.parameters.items()}}

    def validate(self, params):
        """Check operation parameters (contract 2.7, rule 7).

        Unknown names first, then each declared parameter in order.
        """
        if not isinstance(params, dict):
            raise SchemaError('Operation parameters should be a map')
        for name in params:
            if name not in self.parameters:
                raise SchemaError("Unrecognizable parameter '%s'" % name)
        for name, item in self.parameters.items():
            if name in params:
                item.validate_param(params[name])
            elif item.required:
                raise SchemaError("Required parameter '%s' not provided"
                                  % name)
