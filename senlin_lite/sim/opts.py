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

"""Options of the compute simulator ([nova_sim]).

The same options serve three readers: ``senlin-lite-nova-sim`` (which
also accepts them on its command line), ``senlin-lite-aio`` (which embeds
the simulator) and the ``os.nova.server`` profile, which reads
``endpoint`` when ``[DEFAULT] cloud_backend = openstack_test``.
"""

from oslo_config import cfg

GROUP = cfg.OptGroup(
    'nova_sim', title='Compute simulator options',
    help='The HTTP compute simulator (senlin-lite-nova-sim) that plays '
         'Nova and Glance for the openstack_test cloud backend.')

listen_opts = [
    cfg.HostAddressOpt('host', default='127.0.0.1',
                       help='Address the simulator listens on.'),
    cfg.PortOpt('port', default=8776,
                help='Port the simulator listens on.'),
]

delay_opts = [
    cfg.FloatOpt('api_delay', default=0.0, min=0.0,
                 help='Seconds every Nova or Glance request waits before '
                      'it is handled (simulates a slow API).'),
    cfg.FloatOpt('build_delay', default=1.0, min=0.0,
                 help='Seconds a new server stays in BUILD before it '
                      'becomes ACTIVE.'),
    cfg.FloatOpt('reboot_delay', default=0.5, min=0.0,
                 help='Seconds a server stays in REBOOT or HARD_REBOOT.'),
    cfg.FloatOpt('rebuild_delay', default=1.0, min=0.0,
                 help='Seconds a server stays in REBUILD (rebuild and '
                      'evacuate).'),
    cfg.FloatOpt('delete_delay', default=0.5, min=0.0,
                 help='Seconds between a delete request and the server '
                      'answering 404.'),
    cfg.FloatOpt('action_delay', default=0.5, min=0.0,
                 help='Seconds a start, stop, pause, unpause, suspend, '
                      'resume, rescue or unrescue request takes.'),
]

client_opts = [
    cfg.URIOpt('endpoint', default='http://127.0.0.1:8776',
               schemes=['http', 'https'],
               help='Base URL of the simulator that the os.nova.server '
                    'profile uses when [DEFAULT] cloud_backend is '
                    'openstack_test. Compute is reached at <endpoint>/v2.1 '
                    'and images at <endpoint>/image.'),
]

SERVER_OPTS = listen_opts + delay_opts
ALL_OPTS = SERVER_OPTS + client_opts

# Short command-line spellings accepted by senlin-lite-nova-sim, mapped to
# the flags oslo.config derives for the [nova_sim] group.
CLI_ALIASES = {'--%s' % opt.dest.replace('_', '-'): '--nova_sim-%s' % opt.dest
               for opt in SERVER_OPTS}
CLI_ALIASES.update({'--%s' % opt.dest: '--nova_sim-%s' % opt.dest
                    for opt in SERVER_OPTS})


def register_opts(conf):
    """Register the [nova_sim] options (config file only)."""
    conf.register_group(GROUP)
    conf.register_opts(ALL_OPTS, group=GROUP)


def register_cli_opts(conf):
    """Also expose the listen address and delays on the command line."""
    register_opts(conf)
    conf.register_cli_opts(SERVER_OPTS, group=GROUP)


def delays_from_conf(conf):
    """The simulator configuration dict taken from [nova_sim]."""
    group = conf.nova_sim
    return {opt.dest: getattr(group, opt.dest) for opt in delay_opts}


def list_opts():
    return {GROUP: ALL_OPTS}
