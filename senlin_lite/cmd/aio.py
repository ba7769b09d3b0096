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

"""senlin-lite-aio: the embedded default.

API, one engine and the compute simulator in one process, on a SQLite
file under the state directory, with the in-process RPC transport and
no authentication. For trying senlin_lite out, demos and docs.
"""

import os
import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging

from senlin_lite.api import app as api_app
from senlin_lite.common import messaging
from senlin_lite.common import service
from senlin_lite.common import wsgi_server
from senlin_lite import conf
from senlin_lite.db import migration
from senlin_lite.engine import notifications
from senlin_lite.engine import service as engine_service
from senlin_lite.sim import opts as sim_opts
from senlin_lite.sim import server as sim_server

CONF = conf.CONF
LOG = logging.getLogger(__name__)

cli_opts = [
    cfg.HostAddressOpt('host', dest='aio_host', default='127.0.0.1',
                       help='Address the API and the simulator listen on.'),
    cfg.PortOpt('port', dest='aio_port', default=8777,
                help='Port the API listens on.'),
    cfg.StrOpt('state-dir', dest='aio_state_dir',
               default='./senlin-lite-state',
               help='Directory holding the SQLite database; created if '
                    'missing and reused across restarts.'),
    cfg.PortOpt('sim-port', dest='aio_sim_port', default=8776,
                help='Port of the embedded compute simulator (0: any).'),
]


def _configure(state_dir, sim_url):
    CONF.set_default('connection', 'sqlite:///%s' % os.path.join(
        state_dir, 'senlin_lite.sqlite'), group='database')
    messaging.use_in_process_transport()
    CONF.set_override('auth_strategy', 'noauth', group='senlin_api')
    CONF.set_override('cloud_backend', 'openstack_test')
    CONF.set_override('endpoint', sim_url, group='nova_sim')
    CONF.set_default('server_poll_interval', 0.2)
    CONF.set_default('periodic_interval', 10)


def _start_simulator(host):
    simulator = sim_server.SimServer(
        host=host, port=CONF.aio_sim_port,
        **sim_opts.delays_from_conf(CONF))
    simulator.start()
    LOG.info('Compute simulator listening on %s (control: %s/sim/)',
             simulator.url, simulator.url)
    return simulator


def main(argv=None):
    CONF.register_cli_opts(cli_opts)
    service.prepare_service(argv or sys.argv)
    state_dir = os.path.abspath(CONF.aio_state_dir)
    os.makedirs(state_dir, exist_ok=True)

    simulator = _start_simulator(CONF.aio_host)
    _configure(state_dir, simulator.url)
    migration.upgrade()
    LOG.info('Database: %s', CONF.database.connection)

    engine = engine_service.EngineService()
    engine.start()
    api = wsgi_server.Server(api_app.load_app(), CONF.aio_host,
                             CONF.aio_port, name='senlin-lite-aio')
    host, port = api.start()
    service.freeze_startup_objects()
    LOG.info('senlin-lite-aio API listening on http://%s:%s', host, port)

    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    while not stopping.wait(1):
        pass
    LOG.info('Stopping senlin-lite-aio')
    api.stop()
    engine.stop(graceful=True)
    engine.wait()
    simulator.stop()
    notifications.cleanup()
    messaging.cleanup()
    LOG.info('senlin-lite-aio stopped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
