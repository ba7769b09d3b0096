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

"""A threaded WSGI server (cheroot) that can run in the foreground or in
a background thread, and stops cleanly."""

import os
import threading

from cheroot import wsgi
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


REQUEST_QUEUE_SIZE = 512

# Idle keep-alive connections a server keeps open. cheroot's default of
# 10 made a server close the connection of nearly every client beyond the
# tenth after each response, so busy clients (the engines' worker
# threads, a load generator, many API clients) reconnected for most
# requests. An idle connection waits in cheroot's selector and costs a
# file descriptor, not a thread.
KEEP_ALIVE_LIMIT = 1024


def keep_alive(server):
    """Let the cheroot ``server`` keep KEEP_ALIVE_LIMIT idle connections."""
    server.keep_alive_conn_limit = KEEP_ALIVE_LIMIT
    return server


def default_threads():
    return max(16, 8 * (os.cpu_count() or 1))


class Server:
    """Serve ``app`` on ``host:port`` (port 0 picks a free one)."""

    def __init__(self, app, host, port, threads=None, name='senlin-lite',
                 reuse_port=False):
        self.name = name
        # A deep accept backlog: bursts of new connections must queue,
        # not be reset.
        self._server = keep_alive(wsgi.Server(
            (host, port), app, numthreads=threads or default_threads(),
            server_name=name, request_queue_size=REQUEST_QUEUE_SIZE,
            reuse_port=reuse_port))
        self._thread = None
        self._prepared = False

    def prepare(self):
        """Bind the socket so that ``address`` is known."""
        if not self._prepared:
            self._server.prepare()
            self._prepared = True
        return self.address

    @property
    def address(self):
        host, port = self._server.bind_addr[:2]
        return host, port

    @property
    def url(self):
        host, port = self.address
        if ':' in host:
            host = '[%s]' % host
        return 'http://%s:%d' % (host, port)

    def start(self):
        """Serve in a daemon thread; returns once the socket is bound."""
        self.prepare()
        self._thread = threading.Thread(target=self._server.serve,
                                        name=self.name, daemon=True)
        self._thread.start()
        return self.address

    def serve_forever(self):
        self.prepare()
        self._server.serve()

    def stop(self):
        self._server.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
