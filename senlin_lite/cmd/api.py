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

The HTTP side is granian: its Rust runtime accepts connections, parses
requests and keeps idle keep-alive connections, so Python runs only the
WSGI application, in ``[senlin_api] threads`` threads per process.
cheroot, used before, did all of that in Python: on a 2-core host it
cost 0.26 ms of CPU per request with 50 keep-alive clients against 0.03
ms for granian (``doc/source/admin/performance.rst``).

This process parses the configuration and sets up logging, then forks
``[senlin_api] workers`` processes; each builds the application and its
database pool after the fork. uwsgi or mod_wsgi can serve
``senlin_lite.wsgi.api:application`` instead.
"""

import importlib.util
import logging as py_logging
import os
import sys

from granian import constants as granian_constants
from granian import log as granian_log
from granian import server as granian_server
from oslo_log import log as logging

from senlin_lite.api import app as api_app
from senlin_lite.api import hooks
from senlin_lite.api import node_actions
from senlin_lite.common import service
from senlin_lite.common import wsgi_server
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# granian's own messages go to the root logger, as oslo.log set it up.
GRANIAN_LOGGING = {'loggers': {
    '_granian': {'handlers': [], 'propagate': True},
    'granian.access': {'handlers': [], 'propagate': True},
}}


class _ThreadsAdvice(py_logging.Filter):
    """Drops granian's advice against more Python threads than cores.

    It assumes threads that compute; ours mostly wait for the database,
    and with 2 per process the benchmark's requests queued behind those
    waits.
    """

    ADVICE = 'Configuration allows spawning up to'

    def filter(self, record):
        return not str(record.msg).startswith(self.ADVICE)


def load_worker_app(target=None):
    """The WSGI application of one worker process, built after the fork."""
    app = api_app.load_app()
    # Before the first request, so it finds the pool open and warm, and
    # the broker connection open or on its way.
    db_api.fill_pool(warm_up=node_actions.warm_up)
    hooks.engine_api().connect()
    service.freeze_startup_objects()
    LOG.info('senlin-lite-api worker %(pid)s serving http://%(host)s:'
             '%(port)s (auth: %(auth)s, %(threads)d threads)',
             {'pid': os.getpid(), 'host': CONF.senlin_api.bind_host,
              'port': CONF.senlin_api.bind_port,
              'auth': CONF.senlin_api.auth_strategy,
              'threads': CONF.senlin_api.threads})
    return app


def build_server(workers):
    """The granian server of ``workers`` processes, not started."""
    return granian_server.MPServer(
        target='senlin_lite.cmd.api:load_worker_app',
        address=CONF.senlin_api.bind_host,
        port=CONF.senlin_api.bind_port,
        interface=granian_constants.Interfaces.WSGI,
        http=granian_constants.HTTPModes.http1,
        websockets=False,
        workers=workers,
        blocking_threads=CONF.senlin_api.threads,
        blocking_threads_idle_timeout=CONF.senlin_api.thread_idle_timeout,
        # A deep accept backlog: bursts of new connections must queue,
        # not be reset.
        backlog=wsgi_server.REQUEST_QUEUE_SIZE,
        log_level=(granian_log.LogLevels.debug
                   if getattr(CONF, 'debug', False)
                   else granian_log.LogLevels.info),
        log_dictconfig=GRANIAN_LOGGING,
        process_name=process_name())


def process_name():
    """``senlin-lite-api`` in ps and top, if setproctitle is installed.

    granian refuses to start when asked for a name it cannot set.
    """
    if importlib.util.find_spec('setproctitle') is None:
        return None
    return 'senlin-lite-api'


def main(argv=None):
    service.prepare_service(argv or sys.argv)
    conf.database.size_pool(CONF, CONF.senlin_api.threads + 1)
    workers = CONF.senlin_api.workers or os.cpu_count() or 1
    py_logging.getLogger('_granian').addFilter(_ThreadsAdvice())
    LOG.info('senlin-lite-api starting %(workers)d worker(s) on '
             'http://%(host)s:%(port)s',
             {'workers': workers, 'host': CONF.senlin_api.bind_host,
              'port': CONF.senlin_api.bind_port})
    build_server(workers).serve(target_loader=load_worker_app)
    return 0


if __name__ == '__main__':
    sys.exit(main())
