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

"""senlin-lite-engine: runs actions; start as many as you like.

Signals: SIGTERM/SIGINT stop the engine gracefully (``[engine]
stop_grace_period``); SIGHUP reloads the mutable options of the
configuration files; SIGUSR2 writes a Guru Meditation report (threads,
configuration, and this engine's own state) to stderr, or to a file in
``[oslo_reports] log_dir``.
"""

import logging as std_logging
import os
import signal
import sys
import threading

from oslo_log import log as logging
from oslo_reports import guru_meditation_report as gmr
from oslo_reports.models import with_default_views
from oslo_reports import opts as gmr_opts

from senlin_lite.common import messaging
from senlin_lite.common import priority
from senlin_lite.common import service
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.engine import notifications
from senlin_lite.engine import service as engine_service
from senlin_lite import version

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# Connections for the sweep, reaper and heartbeat, beside the workers'.
SERVICE_CONNECTIONS = 2


def pool_size(threads, cpus=None):
    """The default size of an engine's database connection pool.

    Workers hold a connection only for short transactions, so they share
    a pool of about two connections per CPU (PostgreSQL's rule of thumb
    for a busy pool). More let the engines run more transactions at once
    than the CPUs serve: on a 2-core host with the API, 16 per engine
    doubled the API's median POST latency and did not add throughput
    (doc/source/admin/performance.rst). ``[database] max_pool_size``
    still wins.
    """
    cpus = cpus or os.cpu_count() or 1
    return min(threads, 2 * cpus) + SERVICE_CONNECTIONS


def main(argv=None):
    gmr_opts.set_defaults(CONF)
    service.prepare_service(argv or sys.argv)
    priority.set_priority(CONF.engine.nice_priority, who='engine')
    conf.database.size_pool(CONF, pool_size(CONF.engine.threads))
    gmr.TextGuruMeditation.setup_autorun(version, conf=CONF)

    engine = engine_service.EngineService()
    gmr.TextGuruMeditation.register_section(
        'senlin-lite engine',
        lambda: with_default_views.ModelWithDefaultViews(engine.report()))
    stopping = threading.Event()
    reloading = threading.Event()

    def _stop(signum, frame):
        stopping.set()

    def _reload(signum, frame):
        reloading.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGHUP, _reload)
    db_api.fill_pool()
    engine.start()
    service.freeze_startup_objects()
    LOG.info('senlin-lite-engine %s started on host %s',
             engine.engine_id, CONF.host)
    # Signal handlers only set flags; the work is done here, in the main
    # thread, outside of any handler.
    while not stopping.wait(0.2):
        if reloading.is_set():
            reloading.clear()
            _reload_config(engine)
    LOG.info('Stop signal received, stopping the engine.')
    engine.stop(graceful=True)
    engine.wait()
    notifications.cleanup()
    messaging.cleanup()
    LOG.info('senlin-lite-engine %s stopped', engine.engine_id)
    _exit_now(0)


def _exit_now(code):
    """Exit at once, all state being in the database already.

    futurist joins its pool threads at interpreter exit: idle ones take up
    to a second to notice, and a worker still blocked in a cloud call
    (its action was handed back) would hold the process past the grace
    period.
    """
    std_logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _reload_config(engine):
    LOG.info('SIGHUP received, reloading mutable options.')
    try:
        CONF.mutate_config_files()
    except Exception:
        LOG.exception('Could not reload the configuration files')
        return
    engine.reset()


if __name__ == '__main__':
    sys.exit(main())
