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

"""Schema classes: the contract's validation messages and rendering."""

from senlin_lite.profiles import schema as s
from senlin_lite.tests import base


class TestTypes(base.TestCase):

    def check(self, item, value, message):
        exc = self.assertRaises(s.SchemaError, item.validate, value)
        self.assertEqual(message, str(exc))

    def test_string(self):
        self.assertEqual('x', s.String().validate('x'))
        self.assertEqual('1', s.String().validate(1))
        self.check(s.String(), None, "The value 'None' is not a valid string.")
        self.check(s.String(), {'a': 1},
                   "The value '{'a': 1}' is not a valid string.")

    def test_integer(self):
        self.assertEqual(3, s.Integer().validate('3'))
        self.check(s.Integer(), 'three',
                   "The value 'three' is not a valid Integer")
        self.check(s.Integer(), True,
                   "The value 'True' is not a valid Integer")
        self.check(s.Integer(), 1.5, "The value '1.5' is not a valid Integer")

    def test_number(self):
        self.assertEqual(1.5, s.Number().validate('1.5'))
        self.check(s.Number(), 'x', "The value 'x' is not a valid Number")

    def test_boolean(self):
        self.assertIs(True, s.Boolean().validate('TRUE'))
        self.assertIs(False, s.Boolean().validate(False))
        self.check(s.Boolean(), 'maybe',
                   "The value 'maybe' is not a valid Boolean")
        self.check(s.Boolean(), 2, "The value '2' is not a valid Boolean")

    def test_map(self):
        self.assertEqual({'a': 1}, s.Map().validate({'a': 1}))
        self.assertEqual({'a': 1}, s.Map().validate('{"a": 1}'))
        self.check(s.Map(), 'abc', "'abc' is not a Map")
        self.check(s.Map(), [1], "'[1]' is not a Map")

    def test_list(self):
        self.assertEqual([1], s.List().validate([1]))
        self.check(s.List(), 'abc', "'abc' is not a List")
        self.check(s.List(), {'a': 1}, "'{'a': 1}' is not a List")

    def test_nested(self):
        item = s.List(schema=s.Map(schema={
            'size': s.Integer(required=True), 'name': s.String()}))
        self.assertEqual([{'size': 1}], item.validate([{'size': '1'}]))
        self.check(item, [{'name': 'a'}],
                   "Required spec item 'size' not provided")
        self.check(item, [{'size': 1, 'bogus': 2}],
                   "Unrecognizable spec item 'bogus'")
        self.check(item, [{'size': 'big'}],
                   "The value 'big' is not a valid Integer")

    def test_known_keys_before_unknown(self):
        schemas = {'a': s.String(required=True), 'b': s.Integer()}
        exc = self.assertRaises(s.SchemaError, s.validate_items, schemas,
                                {'zzz': 1, 'a': 'y', 'b': 'x'})
        self.assertEqual("The value 'x' is not a valid Integer", str(exc))
        exc = self.assertRaises(s.SchemaError, s.validate_items, schemas,
                                {'zzz': 1})
        self.assertEqual("Required spec item 'a' not provided", str(exc))

    def test_allowed_values(self):
        item = s.String(constraints=[s.AllowedValues(['A', 'B'])])
        self.check(item, 'C', "'C' must be one of the allowed values: A, B")
        self.assertEqual('A', item.validate('A'))


class TestRendering(base.TestCase):

    def test_property(self):
        item = s.Boolean('Flag.', default=True)
        self.assertEqual({'type': 'Boolean', 'description': 'Flag.',
                          'default': True, 'required': False,
                          'updatable': False}, item.to_dict())

    def test_list_and_map(self):
        item = s.List('Items.', updatable=True, schema=s.Map('One.', schema={
            'k': s.String('Key.', required=True)}))
        self.assertEqual({
            'type': 'List', 'description': 'Items.', 'required': False,
            'updatable': True,
            'schema': {'*': {
                'type': 'Map', 'description': 'One.', 'required': False,
                'updatable': False,
                'schema': {'k': {'type': 'String', 'description': 'Key.',
                                 'required': True, 'updatable': False}}}},
        }, item.to_dict())

    def test_operation(self):
        op = s.Operation('Reboot.', {'type': s.String(
            'Kind.', default='SOFT',
            constraints=[s.AllowedValues(['SOFT', 'HARD'])])})
        self.assertEqual({'description': 'Reboot.', 'parameters': {'type': {
            'type': 'String', 'description': 'Kind.', 'default': 'SOFT',
            'required': False, 'constraints': [
                {'type': 'AllowedValues', 'constraint': ['SOFT', 'HARD']}],
        }}}, op.to_dict())
        self.assertEqual({'description': 'Stop.', 'parameters': {}},
                         s.Operation('Stop.').to_dict())


class TestOperationParams(base.TestCase):

    def setUp(self):
        super().setUp()
        self.op = s.Operation('x', {
            'type': s.String(constraints=[s.AllowedValues(['SOFT', 'HARD'])]),
            'must': s.String(required=True)})

    def check(self, params, message):
        exc = self.assertRaises(s.SchemaError, self.op.validate, params)
        self.assertEqual(message, str(exc))

    def test_messages(self):
        self.check({'must': 'x', 'zz': 1}, "Unrecognizable parameter 'zz'")
        self.check({'must': 1}, 'value is not a string')
        self.check({'must': 'x', 'type': 'soft'},
                   "'soft' must be one of the allowed values: SOFT, HARD")
        self.check({'type': 'SOFT'}, "Required parameter 'must' not provided")
        self.op.validate({'must': 'x', 'type': 'HARD'})
