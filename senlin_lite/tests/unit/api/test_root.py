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

"""Versions, microversions, build-info, body handling and error bodies."""

from unittest import mock

from oslo_db import exception as db_exc
import oslo_messaging

from senlin_lite.db import api as db_api
from senlin_lite.engine import rpcapi
from senlin_lite.tests.unit.api import base

VERSION_KEYS = ['id', 'links', 'max_version', 'media-types', 'min_version',
                'status', 'updated']


class TestVersions(base.APITestCase):

    def test_root_lists_versions(self):
        # Vector 1: no identity headers are needed.
        resp = self.app.get('/', status=300)
        versions = resp.json['versions']
        self.assertEqual(1, len(versions))
        self.assertEqual(VERSION_KEYS, sorted(versions[0]))
        self.assertEqual('1.0', versions[0]['id'])
        self.assertEqual('1.0', versions[0]['min_version'])
        self.assertEqual('1.14', versions[0]['max_version'])
        self.assertEqual({'href': 'http://localhost/v1', 'rel': 'self'},
                         versions[0]['links'][0])
        self.assertIn('x-openstack-request-id', resp.headers)

    def test_v1_without_and_with_slash(self):
        # Vector 2.
        for path in ('/v1', '/v1/', '/v1.0'):
            resp = self.app.get(path, status=200)
            self.assertEqual('1.0', resp.json['version']['id'])
            self.assertEqual(VERSION_KEYS, sorted(resp.json['version']))

    def test_unknown_version_is_404(self):
        # Vector 3.
        self.app.get('/vx', headers={'Accept': 'application/json'},
                     status=404)
        self.app.get('/v2/nodes', headers={'Accept': 'application/json'},
                     status=404)

    def test_unknown_version_without_accept_lists_versions(self):
        resp = self.app.get('/vx', headers={'Accept': '*/*'}, status=300)
        self.assertEqual(1, len(resp.json['versions']))

    def test_healthcheck(self):
        self.app.get('/healthcheck', status=200)


class TestMicroversions(base.APITestCase):

    def test_out_of_range(self):
        # Vector 5.
        resp = self.get('/v1/nodes', status=None, version='1.15')
        self.assertError(resp, 406, 'InvalidGlobalAPIVersion',
                         "Version '1.15' is not supported by the API. "
                         "Minimum is '1.0' and maximum is '1.14'.")
        self.assertNotIn('OpenStack-API-Version', resp.headers)

    def test_latest_is_echoed(self):
        # Vector 6.
        resp = self.get('/v1/nodes')
        self.assertEqual('clustering 1.14',
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual('OpenStack-API-Version', resp.headers['Vary'])

    def test_absent_header_means_1_0(self):
        resp = self.get('/v1/nodes', version=None)
        self.assertEqual('clustering 1.0',
                         resp.headers['OpenStack-API-Version'])

    def test_header_forms(self):
        for name, value, echoed in (
                ('OpenStack-API-Version', 'compute 2.1, clustering 1.7',
                 '1.7'),
                ('openstack-api-version', 'clustering 1.3', '1.3'),
                ('OpenStack-API-Version', 'compute 2.1', '1.0')):
            headers = self.headers(version=None)
            headers[name] = value
            resp = self.app.get('/v1/nodes', headers=headers)
            self.assertEqual('clustering ' + echoed,
                             resp.headers['OpenStack-API-Version'],
                             '%s: %s' % (name, value))

    def test_malformed(self):
        resp = self.get('/v1/nodes', status=None, version='1.a')
        self.assertBadRequest(
            resp, "API Version String '1.a' is of invalid format. It must "
                  "be of format 'major.minor'.", 'InvalidAPIVersionString')

    def test_below_method_minimum(self):
        resp = self.post('/v1/profiles/validate', {}, version='1.1')
        self.assertBadRequest(
            resp, "API version '1.1' is not supported on this method.",
            'MethodVersionNotFound')


class TestBuildInfo(base.APITestCase):

    @mock.patch.object(rpcapi.EngineAPI, 'get_revision', return_value='1.0')
    def test_build_info(self, get_revision):
        # Vector 4.
        resp = self.get('/v1/build-info')
        self.assertEqual({'build_info': {'api': {'revision': '1.0'},
                                         'engine': {'revision': '1.0'}}},
                         resp.json)
        get_revision.assert_called_once_with(mock.ANY)

    @mock.patch.object(rpcapi.EngineAPI, 'get_revision',
                       side_effect=oslo_messaging.MessagingTimeout('slow'))
    def test_no_engine(self, get_revision):
        resp = self.get('/v1/build-info', status=None)
        self.assertError(resp, 503, 'ServiceUnavailable',
                         'No senlin-lite engine answered the revision '
                         'request; check that at least one engine is '
                         'running.')
        self.assertEqual('Service Unavailable', resp.json['title'])


class TestBodies(base.APITestCase):

    def _raw(self, path, body, content_type='application/json'):
        return self.app.post(path, body, headers=self.headers(),
                             content_type=content_type, expect_errors=True)

    def test_invalid_json(self):
        resp = self._raw('/v1/profiles', '{"profile": ')
        self.assertBadRequest(
            resp, 'Expecting value: line 1 column 13 (char 12)')

    def test_too_large(self):
        self.flags(max_json_body_size=10, group='senlin_api')
        resp = self._raw('/v1/profiles', '{"profile": {}}')
        self.assertBadRequest(
            resp, 'Request limit exceeded: JSON body size (15 bytes) '
                  'exceeds maximum allowed size (10 bytes).',
            'RequestLimitExceeded')

    def test_not_an_object_is_no_body(self):
        message = ('The server could not comply with the request since it '
                   'is either malformed or otherwise incorrect.')
        for raw in ('[]', ' {"profile": {}}'):
            self.assertBadRequest(self._raw('/v1/profiles', raw), message)
        resp = self._raw('/v1/profiles', '{"profile": {}}',
                         'application/x-www-form-urlencoded')
        self.assertBadRequest(resp, message)

    def test_content_type_parameters_are_ignored(self):
        resp = self._raw('/v1/nodes', '{}',
                         'application/json; charset=UTF-8')
        self.assertBadRequest(resp, "Request body missing 'node' key.")


class TestErrors(base.APITestCase):

    def test_unknown_route_and_method_are_plain_404(self):
        for method, path in (('get', '/v1/bogus'), ('put', '/v1/nodes'),
                             ('post', '/v1/actions'),
                             ('delete', '/v1/events')):
            send = getattr(self.app, method)
            resp = send(path, headers=self.headers(), expect_errors=True)
            self.assertEqual(404, resp.status_int)
            self.assertNotIn('error', resp.text)

    def test_undecodable_url_is_400(self):
        for path in ('/v1/nodes?name=%ff', '/v1/nodes/%ff',
                     '/v1/nodes/%ff/actions'):
            resp = self.get(path, status=None)
            self.assertBadRequest(
                resp, 'The server could not comply with the request since '
                'it is either malformed or otherwise incorrect.')

    @mock.patch.object(db_api, 'node_get_all',
                       side_effect=ValueError('boom'))
    def test_unexpected_error(self, node_get_all):
        resp = self.get('/v1/nodes', status=None)
        self.assertError(resp, 500, 'ValueError', 'boom')
        self.assertNotIn('Traceback', resp.text)
        self.assertEqual('Internal Server Error', resp.json['title'])

    @mock.patch.object(db_api, 'node_get_all',
                       side_effect=db_exc.DBConnectionError('gone'))
    def test_database_unreachable(self, node_get_all):
        resp = self.get('/v1/nodes', status=None)
        self.assertError(resp, 503, 'ServiceUnavailable',
                         'The database is unavailable; the request was '
                         'not processed. Please retry later.')

    def test_request_id_on_errors(self):
        resp = self.get('/v1/nodes/nope', status=404)
        self.assertTrue(
            resp.headers['x-openstack-request-id'].startswith('req-'))


class TestNoAuth(base.APITestCase):

    def test_defaults_to_demo(self):
        self.make_profile()
        self.make_profile(ctx=base.context.RequestContext(
            user_id='demo', project_id='demo'))
        resp = self.app.get('/v1/profiles')
        self.assertEqual(1, len(resp.json['profiles']))
        self.assertEqual('demo', resp.json['profiles'][0]['project'])

    def test_admin_sees_every_project(self):
        self.make_profile()
        self.assertEqual([], self.get('/v1/profiles',
                                      project='p2').json['profiles'])
        resp = self.get('/v1/profiles', project='p2', roles='reader,admin')
        self.assertEqual(1, len(resp.json['profiles']))
