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

"""senlin-lite-engine: runs actions; start as many as you like."""

import signal
import sys
import threading

from oslo_log import log as logging
from oslo_reports import guru_meditation_report as gmr
from oslo_reports import opts as gmr_opts

from senlin_lite.common import service
from senlin_lite import conf
from senlin_lite.engine import service as engine_service
from senlin_lite import version

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def main(argv=None):
    gmr_opts.set_defaults(CONF)
    service.prepare_service(argv or sys.argv)
    gmr.TextGuruMeditation.setup_autorun(version, conf=CONF)

    engine = engine_service.EngineService()
    stopping = threading.Event()

    def _stop(signum, frame):
        LOG.info('Signal %d received, stopping the engine.', signum)
        stopping.set()

    def _reload(signum, frame):
        LOG.info('SIGHUP received, reloading mutable options.')
        CONF.mutate_config_files()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGHUP, _reload)
    engine.start()
    LOG.info('senlin-lite-engine %s started on host %s',
             engine.engine_id, CONF.host)
    # Signal handlers run in the main thread, so it waits here rather
    # than blocking inside a library call.
    while not stopping.wait(1):
        pass
    engine.stop(graceful=True)
    engine.wait()
    LOG.info('senlin-lite-engine %s stopped', engine.engine_id)
    return 0


if __name__ == '__main__':
    sys.exit(main())
