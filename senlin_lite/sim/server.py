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

"""``SimServer``: the simulator served over real HTTP by cheroot."""

import threading

from cheroot import wsgi as cheroot_wsgi
from oslo_log import log as logging

from senlin_lite.common import wsgi_server
from senlin_lite.sim import app as sim_app

LOG = logging.getLogger(__name__)


class SimServer(object):
    """A compute simulator listening on ``host:port`` (0: any free port).

    ``config`` holds the initial delays (see ``states.DEFAULT_CONFIG``);
    ``reset`` through the control API returns to them. ``start()`` binds
    and serves from a daemon thread, returning once the socket listens;
    ``stop()`` closes it. The simulated cloud is ``self.cloud``.
    """

    def __init__(self, host='127.0.0.1', port=0, threads=32, **config):
        self.app = sim_app.SimApp(**config)
        self.cloud = self.app.cloud
        # Many engines' worker threads call at once: queue their new
        # connections instead of resetting them.
        self._server = wsgi_server.keep_alive(cheroot_wsgi.Server(
            (host, port), self.app, numthreads=threads,
            server_name='senlin-lite-nova-sim', shutdown_timeout=2,
            request_queue_size=wsgi_server.REQUEST_QUEUE_SIZE))
        # How often cheroot's accept loop wakes up; also bounds stop().
        self._server.expiration_interval = 0.1
        self._thread = None

    @property
    def host(self):
        return self._server.bind_addr[0]

    @property
    def port(self):
        return self._server.bind_addr[1]

    @property
    def url(self):
        host = self.host
        if host in ('0.0.0.0', '::'):
            host = '127.0.0.1'
        elif ':' in host:
            host = '[%s]' % host
        return 'http://%s:%d' % (host, self.port)

    @property
    def compute_url(self):
        return self.url + '/v2.1'

    @property
    def image_url(self):
        return self.url + '/image'

    def start(self):
        """Bind, then serve in a daemon thread; returns when listening."""
        if self._thread is not None:
            return self
        started = threading.Event()
        failure = []
        self._thread = threading.Thread(target=self._run, name='nova-sim',
                                        args=(started, failure), daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self._thread = None
            raise failure[0]
        LOG.info('Compute simulator listening on %s', self.url)
        return self

    def _run(self, started, failure):
        # prepare() starts cheroot's worker threads: doing it here makes
        # them daemon threads too, so a forgotten stop() never blocks exit.
        try:
            self._server.prepare()
        except Exception as exc:
            failure.append(exc)
            return
        finally:
            started.set()
        self._server.serve()

    def stop(self):
        if self._thread is None:
            return
        self._server.stop()
        self._thread.join(timeout=5)
        self._thread = None
        LOG.info('Compute simulator on %s stopped', self.url)

    def wait(self):
        """Block until the serving thread ends (after stop())."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
