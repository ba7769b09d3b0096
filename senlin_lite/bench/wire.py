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

"""The load generator's HTTP/1.1 connection: as little work as it takes.

The load generator shares the two cores with the service it measures,
and its 50 client threads share one interpreter lock: every microsecond
it spends on a request is taken from the service, and, in a burst, added
to the latency of the requests behind it in its own process. http.client
cost about 150 microseconds of CPU per request (most of it parsing the
reply's headers with the email package); this connection sends the
request in one write and reads only what the reply needs: its status,
``Content-Length`` and ``Connection``. Replies the service sends (with a
length, or none for 204 and 304) are all it reads; anything else is an
error, not a guess.
"""

import http.client
import socket

_HEADERS_END = b'\r\n\r\n'
_NO_BODY = (204, 304)


class ProtocolError(http.client.HTTPException):
    """A reply this connection does not read (no length, chunked...)."""


class Connection:
    """One keep-alive connection to ``host:port``."""

    def __init__(self, host, port, timeout=60):
        self.host, self.port = host, port
        self._sock = socket.create_connection((host, port), timeout)
        # The request goes in one write; no Nagle delay on the next one.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b''
        self.open = True

    def close(self):
        self.open = False
        self._sock.close()

    def request(self, head, body=b''):
        """Send a request; its reply's (status, body).

        ``head`` is the request line and the headers, without
        Content-Length and the blank line that ends them.
        """
        self._sock.sendall(b'%sContent-Length: %d\r\n\r\n%s'
                           % (head, len(body), body))
        status, length, close = self._read_head()
        reply = self._read(length)
        if close:
            self.close()
        return status, reply

    def _read_head(self):
        while True:
            end = self._buffer.find(_HEADERS_END)
            if end >= 0:
                break
            self._fill()
        head = self._buffer[:end].decode('latin-1')
        self._buffer = self._buffer[end + len(_HEADERS_END):]
        lines = head.split('\r\n')
        try:
            status = int(lines[0].split(' ', 2)[1])
        except (IndexError, ValueError):
            raise ProtocolError('bad status line: %r' % lines[0])
        length, close = None, False
        for line in lines[1:]:
            name, _, value = line.partition(':')
            name = name.strip().lower()
            if name == 'content-length':
                length = int(value)
            elif name == 'connection':
                close = value.strip().lower() == 'close'
            elif name == 'transfer-encoding':
                raise ProtocolError('transfer-encoding %s' % value.strip())
        if length is None:
            if status not in _NO_BODY:
                raise ProtocolError('reply %d without a length' % status)
            length = 0
        return status, length, close

    def _read(self, length):
        while len(self._buffer) < length:
            self._fill()
        data, self._buffer = self._buffer[:length], self._buffer[length:]
        return data

    def _fill(self):
        data = self._sock.recv(65536)
        if not data:
            raise http.client.RemoteDisconnected(
                'connection closed by the server')
        self._buffer += data
