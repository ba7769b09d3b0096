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

"""senlin-lite-nova-sim: the compute simulator as a standalone server.

Options come from ``[nova_sim]`` in the configuration files and from the
command line: ``--host``, ``--port``, ``--api-delay``, ``--build-delay``,
``--reboot-delay``, ``--rebuild-delay``, ``--delete-delay`` and
``--action-delay`` (also spelled ``--nova_sim-<option>``, oslo.config's
own form for options of a group).
"""

import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging

from senlin_lite.sim import opts as sim_opts
from senlin_lite.sim import server as sim_server

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def translate_aliases(args):
    """Rewrite ``--build-delay 2`` / ``--port=1`` to oslo.config's flags."""
    result = []
    for arg in args:
        flag, sep, value = arg.partition('=')
        result.append(sim_opts.CLI_ALIASES.get(flag, flag) + sep + value)
    return result


def parse_args(argv):
    logging.register_options(CONF)
    sim_opts.register_cli_opts(CONF)
    short = sorted(flag for flag in sim_opts.CLI_ALIASES if '-' in flag[2:])
    CONF(translate_aliases(argv[1:]), project='senlin_lite',
         prog='senlin-lite-nova-sim',
         description='The compute simulator: a Nova v2.1 and Glance v2 '
                     'subset with fault injection under /sim.',
         epilog='Short spellings: %s.' % ', '.join(
             ['--host', '--port'] + short))
    logging.setup(CONF, 'senlin_lite')


def serve(stop_event):
    """Run until ``stop_event`` is set; returns the exit code."""
    group = CONF.nova_sim
    simulator = sim_server.SimServer(host=group.host, port=group.port,
                                     **sim_opts.delays_from_conf(CONF))
    try:
        simulator.start()
    except OSError as exc:
        LOG.error('Cannot listen on %s:%s: %s', group.host, group.port, exc)
        return 1
    LOG.info('Nova API at %s, Glance at %s, control API at %s/sim',
             simulator.compute_url, simulator.image_url, simulator.url)
    try:
        while not stop_event.wait(1):
            pass
    finally:
        simulator.stop()
    return 0


def main(argv=None):
    parse_args(argv or sys.argv)
    stop_event = threading.Event()

    def _stop(signum, frame):
        LOG.info('Signal %d received, stopping', signum)
        stop_event.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return serve(stop_event)


if __name__ == '__main__':
    sys.exit(main())
