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

"""The load generator's HTTP connection against a scripted server."""

import socket
import threading

from oslotest import base

from senlin_lite.bench import load
from senlin_lite.bench import wire


class ScriptedServer:
    """Answers each request read with the next reply of ``replies``.

    A reply of None closes the connection instead. Every request read
    (its bytes) is kept in ``requests``.
    """

    def __init__(self, replies):
        self.replies = list(replies)
        self.requests = []
        self.connections = 0
        self._sock = socket.socket()
        self._sock.bind(('127.0.0.1', 0))
        self._sock.listen(8)
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while self.replies:
            conn, _ = self._sock.accept()
            self.connections += 1
            with conn:
                self._answer(conn)

    def _answer(self, conn):
        data = b''
        while self.replies:
            while b'\r\n\r\n' not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, data = data.partition(b'\r\n\r\n')
            length = int(head.lower().split(b'content-length: ')[1]
                         .split(b'\r\n')[0])
            while len(data) < length:
                data += conn.recv(65536)
            self.requests.append(head + b'\r\n\r\n' + data[:length])
            data = data[length:]
            reply = self.replies.pop(0)
            if reply is None:
                return
            conn.sendall(reply)

    def close(self):
        self._sock.close()


def _reply(status, body=b'', headers=()):
    lines = ['HTTP/1.1 %s' % status] + list(headers)
    if body is not None:
        lines.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(lines) + '\r\n\r\n').encode() + (body or b'')


class ConnectionTest(base.BaseTestCase):

    def serve(self, *replies):
        server = ScriptedServer(replies)
        self.addCleanup(server.close)
        conn = wire.Connection('127.0.0.1', server.port, timeout=5)
        self.addCleanup(conn.close)
        return server, conn

    def test_two_requests_on_one_connection(self):
        server, conn = self.serve(
            _reply('202 Accepted', b'{"action": "a1"}',
                   ['Content-Type: application/json']),
            _reply('200 OK', b'{}'))
        self.assertEqual((202, b'{"action": "a1"}'),
                         conn.request(b'POST /v1/x HTTP/1.1\r\n', b'{}'))
        self.assertEqual((200, b'{}'),
                         conn.request(b'GET /v1/y HTTP/1.1\r\n'))
        self.assertEqual(1, server.connections)
        self.assertEqual(b'POST /v1/x HTTP/1.1\r\nContent-Length: 2\r\n'
                         b'\r\n{}', server.requests[0])

    def test_no_content_has_no_body(self):
        _, conn = self.serve(_reply('204 No Content', None))
        self.assertEqual((204, b''),
                         conn.request(b'DELETE /v1/x HTTP/1.1\r\n'))

    def test_connection_close_is_honoured(self):
        _, conn = self.serve(_reply('200 OK', b'ok', ['Connection: close']))
        self.assertEqual((200, b'ok'), conn.request(b'GET / HTTP/1.1\r\n'))
        self.assertFalse(conn.open)

    def test_a_reply_it_cannot_read_is_an_error(self):
        _, conn = self.serve(_reply('200 OK', None,
                                    ['Transfer-Encoding: chunked']))
        self.assertRaises(wire.ProtocolError, conn.request,
                          b'GET / HTTP/1.1\r\n')

    def test_a_reply_without_length_is_an_error(self):
        _, conn = self.serve(_reply('200 OK', None))
        self.assertRaises(wire.ProtocolError, conn.request,
                          b'GET / HTTP/1.1\r\n')


class ClientTest(base.BaseTestCase):

    def test_a_closed_keep_alive_connection_is_replaced_once(self):
        # The first connection answers once, then closes at the next
        # request, as a server dropping an idle connection does.
        server = ScriptedServer([_reply('200 OK', b'{"n": 1}'), None,
                                 _reply('202 Accepted', b'{"action": "a"}')])
        self.addCleanup(server.close)
        client = load.Client('http://127.0.0.1:%d' % server.port,
                             project='p1')
        self.assertEqual({'n': 1}, client.call('GET', '/v1/nodes').json())
        resp = client.call('POST', '/v1/nodes/n1/actions', {'check': {}})
        self.assertEqual((202, {'action': 'a'}), (resp.status_code,
                                                  resp.json()))
        self.assertEqual(2, server.connections)
        sent = server.requests[-1]
        self.assertTrue(sent.startswith(
            b'POST /v1/nodes/n1/actions HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n'
            % server.port), sent)
        for header in (b'X-Project-Id: p1', b'X-Roles: member',
                       b'OpenStack-API-Version: clustering 1.14',
                       b'Content-Length: 13'):
            self.assertIn(header + b'\r\n', sent)
        self.assertTrue(sent.endswith(b'\r\n\r\n{"check": {}}'), sent)
