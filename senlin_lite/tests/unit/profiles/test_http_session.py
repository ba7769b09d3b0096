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

import http.server
import json
import threading
from unittest import mock

import requests

from senlin_lite.profiles import http_session
from senlin_lite.tests import base


class _Handler(http.server.BaseHTTPRequestHandler):
    """/plain, /set-cookie, /redirect; every reply echoes the request."""

    protocol_version = 'HTTP/1.1'

    def _reply(self, status, extra_headers=()):
        length = int(self.headers.get('Content-Length') or 0)
        body = json.dumps({
            'path': self.path, 'method': self.command,
            'headers': {k.lower(): v for k, v in self.headers.items()},
            'body': self.rfile.read(length).decode()}).encode()
        self.send_response(status)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == '/set-cookie':
            self._reply(200, [('Set-Cookie', 'sticky=backend-2; Path=/')])
        elif self.path == '/redirect':
            self._reply(302, [('Location', '/plain')])
        else:
            self._reply(200)

    do_POST = do_GET

    def log_message(self, *args):
        pass


class APISessionTest(base.TestCase):

    def setUp(self):
        super().setUp()
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.url = 'http://127.0.0.1:%d' % server.server_address[1]
        plain = requests.Session()
        plain.trust_env = False
        plain.headers['User-Agent'] = 'senlin-lite-test'
        self.session = http_session.api_session(plain)
        self.addCleanup(self.session.close)

    def call(self, method, path, **kwargs):
        kwargs.setdefault('allow_redirects', False)  # as keystoneauth
        return self.session.request(method, self.url + path, **kwargs)

    def test_a_plain_call_goes_out_as_requests_would_send_it(self):
        with mock.patch.object(requests.Session, 'request') as general:
            resp = self.call('POST', '/plain?x=1', params={'y': '2'},
                             json={'server': {}}, timeout=5,
                             headers={'X-Auth-Token': 'secret',
                                      'Accept': None})
        general.assert_not_called()
        self.assertEqual(200, resp.status_code)
        seen = resp.json()
        self.assertEqual('/plain?x=1&y=2', seen['path'])
        self.assertEqual({'server': {}}, json.loads(seen['body']))
        self.assertEqual('secret', seen['headers']['x-auth-token'])
        self.assertEqual('senlin-lite-test', seen['headers']['user-agent'])
        self.assertEqual('application/json', seen['headers']['content-type'])
        self.assertNotIn('accept', seen['headers'])
        self.assertGreater(resp.elapsed.total_seconds(), 0)
        self.assertEqual('POST', resp.request.method)

    def test_a_cookie_a_response_sets_is_sent_back(self):
        self.call('GET', '/set-cookie')
        seen = self.call('GET', '/plain').json()
        self.assertEqual('sticky=backend-2', seen['headers']['cookie'])

    def test_followed_redirects_take_the_general_path(self):
        resp = self.call('GET', '/redirect', allow_redirects=True)
        self.assertEqual('/plain', resp.json()['path'])
        self.assertEqual([302], [r.status_code for r in resp.history])

    def test_environment_lookups_take_the_general_path(self):
        self.session.trust_env = True
        with mock.patch.object(requests.Session, 'request') as general:
            self.call('GET', '/plain')
        general.assert_called_once()

    def test_credentials_in_the_url_take_the_general_path(self):
        url = self.url.replace('http://', 'http://user:pass@') + '/plain'
        seen = self.session.request('GET', url,
                                    allow_redirects=False).json()
        self.assertTrue(seen['headers']['authorization'].startswith('Basic '))
