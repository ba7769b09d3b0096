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

"""Query strings of the list endpoints (contract 1.7, 1.8; vectors 18-26)."""

from senlin_lite.tests.unit.api import base

COLLECTIONS = ('profiles', 'nodes', 'actions', 'events')


class TestListQueries(base.APITestCase):

    def test_unknown_parameter(self):
        # Vector 18.
        for name in COLLECTIONS:
            resp = self.get('/v1/%s?bogus=foo' % name, status=None)
            self.assertBadRequest(resp, 'Invalid parameter bogus')

    def test_limit(self):
        # Vectors 19 and 20.
        for name in COLLECTIONS:
            resp = self.get('/v1/%s?limit=not-int' % name, status=None)
            self.assertBadRequest(
                resp, "The value for limit must be an integer: 'not-int'.")
            resp = self.get('/v1/%s?limit=-5' % name, status=None)
            self.assertBadRequest(resp,
                                  "Value must be >= 0 for field 'limit'.")

    def test_global_project(self):
        # Vectors 21 and 22.
        for name in COLLECTIONS:
            resp = self.get('/v1/%s?global_project=True' % name, status=None)
            self.assertError(resp, 403, 'Forbidden',
                             'You are not authorized to complete this '
                             'operation.')
            resp = self.get('/v1/%s?global_project=not-bool' % name,
                            status=None)
            self.assertBadRequest(
                resp, "Invalid value 'not-bool' specified for "
                      "'global_project'")
        self.get('/v1/nodes?global_project=true', roles='admin')
        self.get('/v1/nodes?global_project=FALSE')

    def test_forbidden_comes_after_schema_checks(self):
        resp = self.get('/v1/nodes?global_project=true&limit=x',
                        status=None)
        self.assertBadRequest(
            resp, "The value for limit must be an integer: 'x'.")

    def test_sort(self):
        # Vector 23.
        resp = self.get('/v1/actions?sort=bad-sort', status=None)
        self.assertBadRequest(resp,
                              "Unsupported sort key 'bad-sort' for 'sort'.")
        resp = self.get('/v1/nodes?sort=name:up', status=None)
        self.assertBadRequest(resp, "Unsupported sort dir 'up' for 'sort'.")
        resp = self.get('/v1/nodes?sort=name,:asc', status=None)
        self.assertBadRequest(resp, "Missing sort key for 'sort'.")
        self.get('/v1/nodes?sort=name:desc,status')

    def test_marker(self):
        # Vector 24.
        resp = self.get('/v1/nodes?marker=bad-marker', status=None)
        self.assertBadRequest(
            resp, "The value for marker is not a valid UUID: 'bad-marker'.")

    def test_enum_filters(self):
        # Vector 25.
        resp = self.get('/v1/nodes?status=%5B%27bad-status%27%5D',
                        status=None)
        self.assertBadRequest(resp, "Field value ['bad-status'] is invalid")
        resp = self.get('/v1/events?level=LOUD', status=None)
        self.assertBadRequest(resp, 'Field value LOUD is invalid')
        resp = self.get('/v1/events?action=NODE_DANCE', status=None)
        self.assertBadRequest(resp, 'Field value NODE_DANCE is invalid')
        resp = self.get('/v1/actions?status=ACTIVE', status=None)
        self.assertBadRequest(resp, 'Field value ACTIVE is invalid')

    def test_node_cluster_filter(self):
        # Vector 26.
        resp = self.get('/v1/nodes?cluster_id=fake', status=None)
        self.assertBadRequest(resp, 'Cannot find the given cluster: fake.',
                              'BadRequest')

    def test_filters_paging_and_sorting(self):
        profile = self.make_profile()
        ids = {name: self.make_node(profile.id, name=name)[0].id
               for name in ('b', 'a', 'c')}
        resp = self.get('/v1/nodes?sort=name:desc')
        self.assertEqual(['c', 'b', 'a'],
                         [n['name'] for n in resp.json['nodes']])
        resp = self.get('/v1/nodes?name=a&name=c&sort=name')
        self.assertEqual(['a', 'c'], [n['name'] for n in resp.json['nodes']])
        resp = self.get('/v1/nodes?sort=name&limit=1&marker=%s' % ids['a'])
        self.assertEqual(['b'], [n['name'] for n in resp.json['nodes']])
        self.assertEqual([], self.get('/v1/nodes?limit=0').json['nodes'])
        resp = self.get('/v1/nodes?status=ACTIVE&status=ERROR')
        self.assertEqual(3, len(resp.json['nodes']))
