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

"""senlin-lite-bench: measure node-action throughput against the floor.

Examples::

    # against a running service (e.g. senlin-lite-aio)
    senlin-lite-bench --url http://127.0.0.1:8777 --nodes 100 --actions 5000

    # start API + 2 engines + simulator on PostgreSQL and RabbitMQ, and
    # measure the database's floor in the same run
    senlin-lite-bench --start --db-url postgresql+psycopg2://... \\
        --transport-url rabbit://guest:guest@127.0.0.1:5672/ --floor

It prints one JSON line.
"""

import argparse
import gc
import json
import os
import statistics
import sys
import uuid

from senlin_lite.bench import dbserver
from senlin_lite.bench import deploy
from senlin_lite.bench import floor
from senlin_lite.bench import host
from senlin_lite.bench import load


def _parser():
    parser = argparse.ArgumentParser(prog='senlin-lite-bench',
                                     description=__doc__.split('\n')[1])
    parser.add_argument('--url', help='API endpoint of a running service.')
    parser.add_argument('--nodes', type=int, default=100)
    parser.add_argument('--actions', type=int, default=5000)
    parser.add_argument('--concurrency', type=int, default=50)
    parser.add_argument('--ramp-up', type=float, default=0.0,
                        metavar='SECONDS',
                        help='Start the client threads one by one over '
                             'this many seconds instead of all at once. '
                             'Every POST is still counted.')
    parser.add_argument('--poll-interval', type=float,
                        default=load.POLL_INTERVAL,
                        help='Seconds between two looks for ended actions '
                             '(default %(default)s).')
    parser.add_argument('--recover-every', type=int, default=0,
                        help='Make every Nth action a recover (REBOOT).')
    parser.add_argument('--start', action='store_true',
                        help='Start the daemons instead of using --url.')
    parser.add_argument('--engines', type=int, default=2)
    parser.add_argument('--threads', type=int, default=32,
                        help='Worker pool size of each started engine.')
    parser.add_argument('--api-workers', type=int, default=0)
    parser.add_argument('--api-threads', type=int,
                        help='[senlin_api] threads of the started API '
                             '(default: the API\'s own).')
    parser.add_argument('--engine-nice', type=int, default=19,
                        help='[engine] nice_priority of the started engines: '
                             'the API shares their host. -1: leave unset.')
    parser.add_argument('--sim-api-delay', type=float, default=0.0,
                        help='Seconds the simulator waits on every call.')
    parser.add_argument('--db-url', help='Database of the started '
                        'service, and of the floor measurement.')
    parser.add_argument('--transport-url',
                        default='rabbit://guest:guest@127.0.0.1:5672/')
    parser.add_argument('--floor', action='store_true',
                        help='Also measure the database floor (--db-url).')
    parser.add_argument('--latency-log', metavar='FILE',
                        help='Write every POST\'s send time and latency '
                             'to FILE, one line each, to see when slow '
                             'requests happened.')
    parser.add_argument('--rss-at', default='',
                        help='Comma list of action counts at which to '
                             'sample the RSS of started processes.')
    return parser


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _cpu(deployment):
    """CPU seconds so far: this load generator's, and the daemons'."""
    own = os.times()
    seconds = {'bench': own.user + own.system}
    if deployment is not None:
        seconds.update((name, deploy.cpu_seconds(p.pid))
                       for name, p in deployment.processes.items())
    return seconds


def _rss(deployment):
    return {name: round(deploy.rss_mb(p.pid), 1)
            for name, p in deployment.processes.items()
            if name != 'sim'}


def _add_host_cpu(result, key, before, after):
    shares = host.cpu_shares(before, after)
    if shares is not None:
        result[key] = shares


def _floor(args):
    load.vacuum(args.db_url)
    return floor.Floor(args.db_url, args.nodes, args.actions,
                       args.concurrency).run()


def _add_floors(result, before, after):
    """The floor measured before and after the load, and their mean.

    The host's speed can change within a minute; the service's run lies
    between the two measurements, so their mean is what it is compared
    with (``fraction_of_floor``).
    """
    result.update(after)
    result['floor_before_actions_per_s'] = before['floor_actions_per_s']
    result['floor_after_actions_per_s'] = after['floor_actions_per_s']
    result['floor_actions_per_s'] = round(
        (before['floor_actions_per_s'] + after['floor_actions_per_s']) / 2, 1)
    result['floor_seconds'] = round(
        before['floor_seconds'] + after['floor_seconds'], 3)
    result['fraction_of_floor'] = round(
        result['e2e_actions_per_s'] / result['floor_actions_per_s'], 3)


def measure(args, url, deployment=None):
    """Run the load; returns (results, floor measured just before it).

    The floor is None without --floor.
    """
    client = load.Client(url, project='bench-%s' % uuid.uuid4().hex[:6])
    nodes = load.create_nodes(client, args.nodes, 'bench')
    samples = {}
    marks = {int(x) for x in args.rss_at.split(',') if x}

    def on_progress(done):
        if deployment is not None and done in marks:
            samples[str(done)] = _rss(deployment)

    watch = None
    floor_before = _floor(args) if args.floor else None
    if args.db_url:
        # After the floor too: it deletes its rows, leaving dead ones.
        load.vacuum(args.db_url)
        watch = load.DatabaseWatch(args.db_url, client.headers['X-Project-Id'])
    server = dbserver.ServerCPU.for_url(
        args.db_url, exclude=[watch.backend_pid] if watch else [])
    if server is not None:
        server.start()
    # A full collection in this process would hold back every client
    # thread and count as POST latency; what exists now outlives the run.
    gc.collect()
    gc.freeze()
    cpu_before, host_before = _cpu(deployment), host.cpu_ticks()
    try:
        run = load.LoadRun(client, nodes, args.actions, args.concurrency,
                           args.recover_every, on_progress, watch,
                           ramp_up=args.ramp_up,
                           poll_interval=args.poll_interval).run()
    finally:
        gc.unfreeze()
    cpu_after, host_after = _cpu(deployment), host.cpu_ticks()
    server_seconds = server.seconds() if server is not None else None
    if args.latency_log:
        run.write_latency_log(args.latency_log)
    if watch is not None:
        watch.close()
    failed = client.action_ids(['FAILED', 'CANCELLED']) & set(run.action_ids)
    lost = client.action_ids(load.ACTIVE_STATUSES) & set(run.action_ids)
    latencies = [x * 1000 for x in run.latencies]
    result = {
        'nodes': args.nodes, 'actions': args.actions,
        'concurrency': args.concurrency, 'accepted': len(run.action_ids),
        'http_errors': len(run.errors),
        'post_p50_ms': round(statistics.median(latencies), 2),
        'post_p95_ms': round(_percentile(latencies, 0.95), 2),
        'post_p99_ms': round(_percentile(latencies, 0.99), 2),
        'accepted_per_s': round(len(run.action_ids) /
                                (run.posted - run.started), 1),
        'e2e_actions_per_s': round(run.done / (run.ended - run.started), 1),
        'failed': len(failed), 'not_terminal': len(lost),
    }
    # Where the time goes: CPU milliseconds per action, by process.
    result['cpu_ms_per_action'] = {
        name: round(1000 * (cpu_after[name] - cpu_before[name]) /
                    max(run.done, 1), 2) for name in cpu_after}
    if server_seconds is not None:
        result['cpu_ms_per_action']['database'] = round(
            1000 * server_seconds / max(run.done, 1), 2)
    _add_host_cpu(result, 'host_cpu_pct', host_before, host_after)
    if deployment is not None:
        result['peak_rss_mb'] = {
            name: round(deploy.peak_rss_mb(p.pid), 1)
            for name, p in deployment.processes.items() if name != 'sim'}
        if samples:
            result['rss_mb_at'] = samples
    return result, floor_before


def main(argv=None):
    args = _parser().parse_args(argv)
    if not args.start and not args.url:
        _parser().error('give --url or --start')
    if (args.start or args.floor) and not args.db_url:
        _parser().error('--start and --floor need --db-url')
    deployment = None
    if args.start:
        deployment = deploy.Deployment(
            args.db_url, args.transport_url, engines=args.engines,
            threads=args.threads, sim_api_delay=args.sim_api_delay,
            api_workers=args.api_workers, api_threads=args.api_threads,
            engine_nice=None if args.engine_nice < 0 else args.engine_nice,
        ).start()
    try:
        result, floor_before = measure(
            args, deployment.url if deployment else args.url, deployment)
    finally:
        if deployment is not None:
            deployment.stop()
            # Kept: where to look when a run surprises.
            print('senlin-lite-bench: the daemons\' configuration and logs '
                  'are in %s' % deployment.workdir, file=sys.stderr)
    if args.floor:
        host_before = host.cpu_ticks()
        after = _floor(args)
        _add_host_cpu(result, 'floor_host_cpu_pct', host_before,
                      host.cpu_ticks())
        _add_floors(result, floor_before, after)
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main())
