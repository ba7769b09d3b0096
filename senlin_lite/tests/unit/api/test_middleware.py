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

"""oslo.middleware's CORS and proxy headers, as the API pipelines run them.

``senlin_lite.api.middleware`` keeps their behaviour, looks up once
what oslo.middleware asked ``inspect`` on every request, and hands the
requests a middleware leaves alone to the application untouched.
"""

import inspect
from unittest import mock

import webob
import webob.dec
import webtest

from senlin_lite.api import middleware
from senlin_lite.tests import base

ORIGIN = 'http://dashboard.example.com'


class _Recorder:
    """A WSGI application that keeps what it was called with."""

    def __init__(self, status='202 Accepted'):
        self.status = status
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append((environ, start_response))
        start_response(self.status, [('Content-Length', '0')])
        return [b'']


@webob.dec.wsgify
def _echo(req):
    return webob.Response(json_body={'scheme': req.scheme,
                                     'host': req.host})


class CORSTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.app = webtest.TestApp(middleware.CORS(_echo, {
            'allowed_origin': ORIGIN, 'allow_methods': 'GET,POST',
            'allow_headers': 'X-Auth-Token,OpenStack-API-Version'}))

    def test_a_request_from_an_allowed_origin_is_told_so(self):
        resp = self.app.get('/v1/nodes', headers={'Origin': ORIGIN})
        self.assertEqual(ORIGIN, resp.headers['Access-Control-Allow-Origin'])

    def test_other_origins_get_no_cors_headers(self):
        resp = self.app.get('/v1/nodes',
                            headers={'Origin': 'http://elsewhere.example'})
        self.assertNotIn('Access-Control-Allow-Origin', resp.headers)

    def test_preflight_is_answered_by_the_middleware(self):
        resp = self.app.options('/v1/nodes', headers={
            'Origin': ORIGIN, 'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'OpenStack-API-Version'})
        self.assertEqual(200, resp.status_int)
        self.assertEqual('POST', resp.headers['Access-Control-Allow-Methods'])
        self.assertEqual('OpenStack-API-Version',
                         resp.headers['Access-Control-Allow-Headers'])

    def test_a_request_without_origin_reaches_the_app_as_it_came(self):
        app = _Recorder()
        environ = webob.Request.blank('/v1/nodes/n1/actions',
                                      method='POST').environ
        start_response = mock.Mock()
        body = middleware.CORS(app, {'allowed_origin': ORIGIN})(
            environ, start_response)
        self.assertEqual([b''], body)
        self.assertEqual([(environ, start_response)], app.calls)
        start_response.assert_called_once_with(
            '202 Accepted', [('Content-Length', '0')])

    def test_a_preflight_without_origin_is_still_answered(self):
        # oslo.middleware answers every OPTIONS itself, 200 instead of
        # the application's 404, with an Origin header or not.
        app = webtest.TestApp(middleware.CORS(
            _Recorder('404 Not Found'), {'allowed_origin': ORIGIN}))
        self.assertEqual(200, app.options('/v1/nodes').status_int)

    def test_the_signature_is_inspected_once_per_class(self):
        middleware._takes_request.cache_clear()
        with mock.patch.object(inspect, 'signature',
                               wraps=inspect.signature) as signature:
            for _ in range(3):
                self.app.get('/v1/nodes', headers={'Origin': ORIGIN})
        self.assertEqual(1, signature.call_count)


class HTTPProxyToWSGITest(base.TestCase):

    def _app(self, parsing):
        return webtest.TestApp(middleware.HTTPProxyToWSGI(
            _echo, {'enable_proxy_headers_parsing': parsing}))

    def test_the_proxy_headers_give_scheme_and_host(self):
        resp = self._app(True).get('/', headers={
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Host': 'cloud.example.com'})
        self.assertEqual({'scheme': 'https', 'host': 'cloud.example.com'},
                         resp.json)

    def test_ignored_unless_enabled(self):
        resp = self._app(False).get('/', headers={
            'X-Forwarded-Proto': 'https'})
        self.assertEqual('http', resp.json['scheme'])

    def test_disabled_it_hands_the_request_on_as_it_came(self):
        app = _Recorder()
        environ = webob.Request.blank('/', headers={
            'X-Forwarded-Proto': 'https'}).environ
        start_response = mock.Mock()
        middleware.HTTPProxyToWSGI(
            app, {'enable_proxy_headers_parsing': False})(environ,
                                                          start_response)
        self.assertEqual([(environ, start_response)], app.calls)
        self.assertEqual('http', environ['wsgi.url_scheme'])


class RequestIdTest(base.TestCase):
    """Ours answers as oslo.middleware's RequestId does."""

    GLOBAL_ID = 'req-0b0e5a2c-9d3f-4c1e-8a7b-6f5e4d3c2b1a'

    def _both(self, app, **headers):
        answers = []
        for middleware_class in (middleware.RequestId,
                                 middleware.request_id.RequestId):
            recorder = _Recorder() if app is None else app
            resp = webtest.TestApp(middleware_class(recorder)).get(
                '/', headers=headers)
            environ = recorder.calls[-1][0] if app is None else None
            answers.append((resp, environ))
        return answers

    def test_every_answer_names_the_request_id_the_app_saw(self):
        for resp, environ in self._both(None):
            req_id = environ['openstack.request_id']
            self.assertRegex(req_id, middleware.request_id.ID_FORMAT)
            self.assertEqual([req_id],
                             resp.headers.getall('x-openstack-request-id'))
            self.assertNotIn('openstack.global_request_id', environ)

    def test_a_valid_inbound_id_becomes_the_global_request_id(self):
        for header, kept in ((self.GLOBAL_ID, True), ('bogus', False)):
            for resp, environ in self._both(
                    None, **{'X-Openstack-Request-Id': header}):
                self.assertEqual(
                    kept, environ.get('openstack.global_request_id') ==
                    self.GLOBAL_ID)
                self.assertNotEqual(header,
                                    resp.headers['x-openstack-request-id'])

    def test_an_id_the_app_set_is_kept(self):
        def app(environ, start_response):
            start_response('200 OK', [('X-OpenStack-Request-Id', 'mine'),
                                      ('Content-Length', '0')])
            return [b'']
        for resp, _environ in self._both(app):
            self.assertEqual(['mine'],
                             resp.headers.getall('x-openstack-request-id'))
