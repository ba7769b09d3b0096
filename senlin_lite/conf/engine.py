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

"""Options of the engine service ([engine])."""

from oslo_config import cfg

engine_group = cfg.OptGroup('engine', title='Engine service options')

engine_opts = [
    cfg.IntOpt('threads', default=64, min=1,
               help='Size of the worker pool that runs actions in one '
                    'engine. Senlin used 1000; actions here wait on I/O, '
                    'so a pool a little larger than the database '
                    'connection pool is enough.'),
    cfg.IntOpt('queue_size', default=256, min=0,
               help='Action ids an engine keeps waiting for a free worker '
                    'when all are busy. They stay READY in the database '
                    'while they wait, so another engine\'s sweep may still '
                    'take them; beyond this number they are left to the '
                    'sweeps. 0 takes no cast while every worker is busy.'),
    cfg.IntOpt('claim_batch', default=8, min=1,
               help='Most queued actions an engine claims at once (one '
                    'statement on PostgreSQL). While that many actions '
                    'wait for a worker, the engine claims them once as '
                    'many workers are free, so a saturated engine claims '
                    'in batches instead of once per finished action. '
                    'Capped at a quarter of [engine] threads, so that '
                    'few workers wait for a batch to fill; 1 claims each '
                    'action as soon as one worker is free.'),
    cfg.StrOpt('topic', default='senlin-lite-engine',
               help='RPC topic engines listen on.'),
    cfg.IntOpt('sweep_batch', mutable=True, default=100, min=1,
               help='Most READY actions one sweep claims.'),
    cfg.FloatOpt('sweep_min_age', mutable=True, default=2.0, min=0,
                 help='Seconds since its creation before the periodic '
                      'sweep takes a READY action (creation times are '
                      'stored to the second, so up to one second less). '
                      'The cast of a new action reaches an engine within '
                      '[engine] cast_batch_window; a sweep taking it '
                      'earlier only makes two engines claim it, and one '
                      'of them do the work for nothing. The sweep when '
                      'the engine starts, and one woken because it '
                      'refused work, take READY actions of any age. 0: '
                      'the periodic sweep does too.'),
    cfg.IntOpt('stop_grace_period', mutable=True, default=30, min=0,
               help='Seconds a stopping engine (SIGTERM) gives its '
                    'running actions, all told. Near the end it interrupts '
                    'those still running and hands them back: READY when '
                    'running them again is safe (NODE_CHECK, or nothing '
                    'changed yet), else FAILED with the node in ERROR.'),
    cfg.IntOpt('nice_priority', min=-20, max=19,
               help='Scheduling priority (nice value) the engine sets for '
                    'itself when it starts, as Swift\'s background daemons '
                    'do. On a host the engines share with the API, a '
                    'positive value (e.g. 10) lets the CPU serve requests '
                    'first while actions wait in the engines\' queues. '
                    'Unset: the priority it was started with. Raising it '
                    '(a negative value) needs CAP_SYS_NICE. An engine that '
                    'leads its own session (as systemd starts services) '
                    'gives its autogroup the same value, so that on '
                    'kernels with autogroup scheduling the priority also '
                    'holds against processes of other sessions.'),
    cfg.IntOpt('cast_retry_backoff', mutable=True, default=10, min=0,
               help='Seconds the API stops casting to the engines after a '
                    'cast failed (message broker unreachable). New actions '
                    'are stored all the same and the engines\' periodic '
                    'sweep runs them; the pause keeps requests from '
                    'waiting on the broker. 0 tries every cast.'),
    cfg.FloatOpt('cast_batch_window', mutable=True, default=0.1, min=0,
                 help='Shortest time, in seconds, between two casts of '
                      'new actions from one API process. A cast goes at '
                      'once when none went in the last window; under load '
                      'the actions submitted meanwhile go together in the '
                      'next cast, which saves the API and the engines '
                      'the cost of one message per action. New actions '
                      'are stored before they are cast, so the window '
                      'delays their start, not the reply to the request. '
                      '0 casts as soon as the previous cast is sent.'),
]

upgrade_group = cfg.OptGroup('upgrade_levels',
                             title='RPC version pins for rolling upgrades')
upgrade_opts = [
    cfg.StrOpt('engine',
               help='Highest engine RPC API version the API may send, '
                    'for mixed-version deployments. Unset: the newest.'),
]


def register_opts(conf):
    conf.register_group(engine_group)
    conf.register_opts(engine_opts, group=engine_group)
    conf.register_group(upgrade_group)
    conf.register_opts(upgrade_opts, group=upgrade_group)


def list_opts():
    return {engine_group: engine_opts, upgrade_group: upgrade_opts}
