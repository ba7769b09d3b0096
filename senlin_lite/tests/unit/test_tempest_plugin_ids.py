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

"""Every test of the tempest plugin has an idempotent id of its own.

tempest's ``check-uuid`` (run by ``tox -e tempest``) checks the same in
tempest's environment; this reads the sources instead, so that the unit
tests catch a missing or copied id without tempest installed.
"""

import ast
import os
import uuid

from senlin_lite.tests import base

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..'))
TESTS = os.path.join(TOP, 'senlin_lite_tempest_plugin', 'tests')


def _idempotent_id(function):
    for decorator in function.decorator_list:
        if (isinstance(decorator, ast.Call) and
                getattr(decorator.func, 'attr', None) == 'idempotent_id'):
            return decorator.args[0].value
    return None


def _test_functions():
    for folder, _dirs, files in os.walk(TESTS):
        for name in sorted(files):
            if not (name.startswith('test_') and name.endswith('.py')):
                continue
            path = os.path.join(folder, name)
            with open(path) as f:
                tree = ast.parse(f.read(), path)
            for node in ast.walk(tree):
                if (isinstance(node, ast.FunctionDef) and
                        node.name.startswith('test_')):
                    yield '%s:%s' % (name, node.name), _idempotent_id(node)


class TestIdempotentIds(base.TestCase):

    def test_present_valid_and_unique(self):
        found = list(_test_functions())
        self.assertGreater(len(found), 40)
        missing = [name for name, value in found if value is None]
        self.assertEqual([], missing)
        for name, value in found:
            self.assertEqual(value, str(uuid.UUID(value)), name)
        values = [value for _name, value in found]
        self.assertEqual(len(values), len(set(values)))
