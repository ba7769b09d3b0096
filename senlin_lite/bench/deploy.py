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

"""Start a deployment to measure: simulator, API and N engines."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import requests


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _script(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def family(pid):
    """A process and its descendants (the API forks its workers)."""
    pids = [pid]
    for task in os.listdir('/proc/%d/task' % pid):
        with open('/proc/%d/task/%s/children' % (pid, task)) as f:
            for child in f.read().split():
                pids.extend(family(int(child)))
    return pids


def peak_rss_mb(pid):
    """Largest VmHWM among a process and its children, in MiB."""
    return max(_status_kb(p, 'VmHWM') for p in family(pid)) / 1024.0


def rss_mb(pid):
    return max(_status_kb(p, 'VmRSS') for p in family(pid)) / 1024.0


def cpu_seconds(pid):
    """User + system CPU time of a process and its children so far."""
    return sum(own_cpu_seconds(p) for p in family(pid))


def own_cpu_seconds(pid, proc='/proc'):
    """User + system CPU time of one process so far (OSError if gone)."""
    with open(os.path.join(proc, str(pid), 'stat')) as f:
        # The command name, in parentheses, may hold spaces and ')'.
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def _status_kb(pid, key):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith(key + ':'):
                return int(line.split()[1])
    return 0


class Deployment:
    """The daemons as subprocesses, configured through one file."""

    def __init__(self, db_url, transport_url, engines=2, threads=32,
                 sim_api_delay=0.0, api_workers=0, engine_nice=None,
                 api_threads=None):
        self.workdir = tempfile.mkdtemp(prefix='senlin-lite-bench-')
        self.api_port, self.sim_port = _free_port(), _free_port()
        self.url = 'http://127.0.0.1:%d' % self.api_port
        self.sim_url = 'http://127.0.0.1:%d' % self.sim_port
        self.config = os.path.join(self.workdir, 'senlin_lite.conf')
        nice = ('' if engine_nice is None else
                'nice_priority = %d\n' % engine_nice)
        # Unset, the API keeps its own default ([senlin_api] threads).
        api_threads = ('' if api_threads is None else
                       'threads = %d\n' % api_threads)
        with open(self.config, 'w') as f:
            f.write(
                '[DEFAULT]\ntransport_url = %s\ncloud_backend = '
                'openstack_test\nserver_poll_interval = 0.05\n'
                'periodic_interval = 5\n[database]\nconnection = %s\n'
                '[senlin_api]\nbind_host = 127.0.0.1\nbind_port = %d\n'
                'auth_strategy = noauth\nworkers = %d\n%s'
                '[engine]\nthreads = %d\n%s[nova_sim]\nendpoint = %s\n'
                'port = %d\napi_delay = %s\nbuild_delay = 0\n'
                'reboot_delay = 0\nrebuild_delay = 0\ndelete_delay = 0\n'
                % (transport_url, db_url, self.api_port, api_workers,
                   api_threads, threads, nice, self.sim_url, self.sim_port,
                   sim_api_delay))
        self.engine_count = engines
        self.processes = {}

    def start(self):
        try:
            return self._start()
        except BaseException:
            # Started in sessions of their own, the daemons would not see
            # the terminal's Ctrl-C: stop those already running.
            self.stop()
            raise

    def _start(self):
        subprocess.run([_script('senlin-lite-manage'), '--config-file',
                        self.config, 'db', 'sync'], check=True,
                       capture_output=True)
        self._spawn('sim', 'senlin-lite-nova-sim',
                    self.sim_url + '/sim/config')
        self._spawn('api', 'senlin-lite-api', self.url + '/')
        for index in range(self.engine_count):
            self._spawn('engine%d' % index, 'senlin-lite-engine')
        time.sleep(1)  # engines register and start consuming
        return self

    def _spawn(self, name, script, ready_url=None):
        log = open(os.path.join(self.workdir, name + '.log'), 'wb')
        env = dict(os.environ, OS_DEFAULT__HOST=name)
        # Each daemon in a session of its own, as systemd starts services.
        # With the kernel's autogroups the processes of a session share
        # the CPU as one group, and a nice value ranks a process only
        # within its group: an engine left in the load generator's session
        # would rank below the load generator and the simulator but not
        # below the API, which a service manager starts in a session of
        # its own (senlin_lite.common.priority).
        self.processes[name] = subprocess.Popen(
            [_script(script), '--config-file', self.config], stdout=log,
            stderr=subprocess.STDOUT, env=env,
            start_new_session=True)
        deadline = time.monotonic() + 30
        while ready_url and time.monotonic() < deadline:
            try:
                requests.get(ready_url, timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        if ready_url:
            raise RuntimeError('%s did not start; see %s' % (
                name, self.workdir))

    def pids(self, prefix):
        return [p.pid for n, p in self.processes.items()
                if n.startswith(prefix)]

    def stop(self):
        for process in self.processes.values():
            process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
