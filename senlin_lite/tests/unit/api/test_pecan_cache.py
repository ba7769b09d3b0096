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

import functools
from unittest import mock

from oslotest import base
import pecan
from pecan import core as pecan_core
from pecan import routing as pecan_routing
from pecan import util as pecan_util

from senlin_lite.api import pecan_cache


def _decorated(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        return func(self, *args, **kwargs)
    return wrapper


class Controller:

    def plain(self, node_id, body=None):
        pass

    @_decorated
    def wrapped(self, action_id, *rest, **params):
        pass


class PecanCacheTest(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        pecan_cache.install()

    def test_specs_match_pecan_for_bound_and_decorated_methods(self):
        for method in (Controller().plain, Controller().wrapped,
                       Controller.plain):
            self.assertEqual(tuple(pecan_cache._original(method)),
                             tuple(pecan_core.getargspec(method)))
        self.assertEqual(['self', 'node_id', 'body'],
                         pecan_core.getargspec(Controller().plain).args)

    def test_one_entry_per_function_not_per_bound_method(self):
        first = pecan_core.getargspec(Controller().plain)
        second = pecan_core.getargspec(Controller().plain)
        self.assertIs(first, second)

    def test_install_leaves_pecan_util_alone(self):
        self.assertIs(pecan_cache._original, pecan_util.getargspec)

    def test_custom_routes_still_found_once_per_class(self):
        class Routed:
            @pecan.expose(route='some-route')
            def some_route(self):
                pass

        with mock.patch.object(pecan_cache, '_original_detect',
                               wraps=pecan_cache._original_detect) as detect:
            for _ in range(3):
                pecan_routing._detect_custom_path_segments(Routed())
        detect.assert_called_once()
        self.assertEqual('some_route', pecan_routing.__custom_routes__[
            (Routed, 'some-route')])
