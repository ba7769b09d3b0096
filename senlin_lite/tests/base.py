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

"""Base test case: oslotest with the global configuration reset."""

from oslotest import base

from senlin_lite.tests import fixtures as senlin_fixtures


class TestCase(base.BaseTestCase):
    """A test with a clean CONF; ``self.flags(name=value, group=None)``."""

    def setUp(self):
        super().setUp()
        self._config = self.useFixture(senlin_fixtures.Config())

    def flags(self, group=None, **overrides):
        for name, value in overrides.items():
            self._config.config(group=group, **{name: value})


class DBTestCase(TestCase):
    """A test with its own migrated SQLite database."""

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(senlin_fixtures.Database())
