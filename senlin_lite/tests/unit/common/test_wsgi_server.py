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

import http.client

from oslotest import base

from senlin_lite.common import wsgi_server

# More than cheroot's own limit of 10 idle keep-alive connections.
CLIENTS = 25


def hello(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain'),
                              ('Content-Length', '2')])
    return [b'ok']


class KeepAliveTest(base.BaseTestCase):

    def test_many_idle_clients_keep_their_connections(self):
        server = wsgi_server.Server(hello, '127.0.0.1', 0, threads=4)
        host, port = server.start()
        self.addCleanup(server.stop)
        clients = [http.client.HTTPConnection(host, port, timeout=5)
                   for _ in range(CLIENTS)]
        for client in clients:
            self.addCleanup(client.close)
        for _ in range(2):
            for client in clients:  # the others wait, idle, meanwhile
                client.request('GET', '/')
                response = client.getresponse()
                self.assertEqual(b'ok', response.read())
                self.assertFalse(response.will_close)
