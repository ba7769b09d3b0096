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

"""Options of the [DEFAULT] group that shape how actions run."""

import socket

from oslo_config import cfg

service_opts = [
    cfg.StrOpt('host', default=socket.gethostname(),
               sample_default='<hostname>',
               help='Name of this host: the RPC server name of the engine '
                    'and the publisher of its notifications.'),
    cfg.IntOpt('periodic_interval', mutable=True, default=60, min=1,
               help='Seconds between two heartbeats, sweeps and '
                    'dead-engine checks of an engine. The sweep claims '
                    'READY actions whose cast was lost; the check takes '
                    'over the actions of engines that stopped sending '
                    'heartbeats.'),
    cfg.IntOpt('service_down_time', mutable=True, default=0, min=0,
               help='Seconds after its last heartbeat when an engine is '
                    'considered dead and its running actions are taken '
                    'over (re-queued if idempotent, else failed). 0 means '
                    '2 x periodic_interval. Keep it above '
                    'periodic_interval, and the hosts\' clocks in sync.'),
]

action_opts = [
    cfg.IntOpt('default_action_timeout', mutable=True, default=3600, min=1,
               help='Seconds an action may run before it is stopped and '
                    'marked FAILED with the reason TIMEOUT.'),
    cfg.IntOpt('lock_retry_times', mutable=True, default=3, min=0,
               help='How many times an action whose node is locked by '
                    'another action is rescheduled before it fails.'),
    cfg.IntOpt('lock_retry_interval', mutable=True, default=10, min=0,
               help='Seconds before a rescheduled action is tried again.'),
    cfg.IntOpt('max_actions_per_batch', default=0, min=0,
               help='Kept for compatibility with Senlin; senlin_lite does '
                    'not throttle node actions.'),
    cfg.IntOpt('batch_interval', default=3, min=0,
               help='Seconds to pause between delete and create when a '
                    'node is recovered by RECREATE.'),
    cfg.BoolOpt('name_unique', default=False,
                help='Refuse a profile or node whose name is already used '
                     'in the same project.'),
]

backend_opts = [
    cfg.StrOpt('cloud_backend', default='openstack',
               choices=[('openstack', 'Nova through openstacksdk, '
                         'authenticated with keystoneauth options.'),
                        ('openstack_test', 'The compute simulator, '
                         'senlin-lite-nova-sim, at [nova_sim] endpoint.')],
               help='Which compute service profiles talk to.'),
    cfg.IntOpt('default_nova_timeout', mutable=True, default=600, min=1,
               help='Seconds to wait for a server to reach the state an '
                    'operation expects.'),
    cfg.FloatOpt('server_poll_interval', mutable=True, default=1.0, min=0.01,
                 help='Seconds between two polls of a server while waiting '
                      'for it to change state.'),
]

ALL_OPTS = service_opts + action_opts + backend_opts


def register_opts(conf):
    conf.register_opts(ALL_OPTS)


def list_opts():
    return {'DEFAULT': ALL_OPTS}
