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

"""senlin-lite-api: the API service, several processes sharing one port.

Each worker process (cotyledon) runs a threaded WSGI server (cheroot) on
the same address with SO_REUSEPORT, so requests spread over every CPU.
uwsgi or mod_wsgi can serve ``senlin_lite.wsgi.api:application`` instead.
"""

import os
import sys

import cotyledon
from oslo_log import log as logging

from senlin_lite.api import app as api_app
from senlin_lite.common import service
from senlin_lite.common import wsgi_server
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF
LOG = logging.getLogger(__name__)


class APIWorker(cotyledon.Service):
    """One process of the API: builds the app after the fork."""

    name = 'senlin-lite-api'

    def __init__(self, worker_id):
        super().__init__(worker_id)
        self._server = None

    def run(self):
        app = api_app.load_app()
        # Before listening, so the first requests find the pool open.
        db_api.fill_pool()
        self._server = wsgi_server.Server(
            app, CONF.senlin_api.bind_host,
            CONF.senlin_api.bind_port, threads=CONF.senlin_api.threads,
            name='senlin-lite-api', reuse_port=True)
        host, port = self._server.prepare()
        service.freeze_startup_objects()
        LOG.info('senlin-lite-api worker %(pid)s listening on '
                 'http://%(host)s:%(port)s (auth: %(auth)s)',
                 {'pid': os.getpid(), 'host': host, 'port': port,
                  'auth': CONF.senlin_api.auth_strategy})
        self._server.serve_forever()

    def terminate(self):
        if self._server is not None:
            self._server.stop()


def main(argv=None):
    service.prepare_service(argv or sys.argv)
    conf.database.size_pool(CONF, CONF.senlin_api.threads + 1)
    workers = CONF.senlin_api.workers or os.cpu_count() or 1
    manager = cotyledon.ServiceManager()
    manager.add(APIWorker, workers=workers)
    manager.run()
    return 0


if __name__ == '__main__':
    sys.exit(main())
