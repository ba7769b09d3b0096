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

"""senlin-lite-aio as a user meets it: the README's commands, as written."""

import json
import os
import re
import shlex
import signal
import subprocess
import time

import fixtures
import requests
from testtools import content

from senlin_lite.tests.functional.daemons import base

README = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..',
                      'README.rst')
AIO_URL = 'http://127.0.0.1:8777'


def readme_curl_lines():
    with open(README) as f:
        return [line.strip() for line in f
                if line.strip().startswith('curl ')]


class TestAllInOne(base.DaemonTestCase):

    def setUp(self):
        super().setUp()
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.state_dir = os.path.join(self.workdir, 'senlin-lite-state')

    def start_aio(self):
        log_path = os.path.join(self.workdir, 'aio-%d.log' % time.time_ns())
        process = base.Process(
            'aio', [base.console_script('senlin-lite-aio'), '--state-dir',
                    self.state_dir], log_path)
        self.addCleanup(process.stop)
        self.addOnException(lambda exc_info: self.addDetail(
            'aio.log', content.text_content(process.log())))
        # The socket accepts before the start-up line is logged, so wait
        # for both: a user is told the address once it answers.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(AIO_URL + '/', timeout=2)
            except requests.ConnectionError:
                time.sleep(0.1)
                continue
            if 'API listening on' in process.log():
                return process
            time.sleep(0.1)
        raise AssertionError('senlin-lite-aio did not start:\n' +
                             process.log())

    def wait_action(self, action_id):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            action = requests.get(AIO_URL + '/v1/actions/' + action_id,
                                  timeout=5).json()['action']
            if action['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
                return action
            time.sleep(0.1)
        raise AssertionError('action %s did not finish' % action_id)

    def run_curl(self, line):
        argv = shlex.split(line)
        argv[1:1] = ['-i']  # keep the status line and headers
        out = subprocess.run(argv, capture_output=True, text=True,
                             check=True).stdout
        head, _, body = out.replace('\r\n', '\n').partition('\n\n')
        status = int(head.split()[1])
        return status, head, json.loads(body) if body.strip() else None

    def test_readme_commands_work_as_written(self):
        process = self.start_aio()
        log = process.log()
        self.assertIn('listening on http://127.0.0.1:8777', log)
        self.assertIn('Compute simulator listening on', log)

        lines = readme_curl_lines()
        self.assertEqual(4, len(lines), lines)
        status, _, body = self.run_curl(lines[0])
        self.assertEqual(201, status, body)
        self.assertEqual('os.nova.server-1.0', body['profile']['type'])

        status, head, body = self.run_curl(lines[1])
        self.assertEqual(202, status, body)
        create_id = re.search(r'/v1/actions/([0-9a-f-]+)', head).group(1)
        self.assertEqual('SUCCEEDED', self.wait_action(create_id)['status'])

        status, _, body = self.run_curl(lines[2])
        self.assertEqual(202, status, body)
        check = self.wait_action(body['action'])
        self.assertEqual('SUCCEEDED', check['status'])

        status, _, body = self.run_curl(lines[3])
        self.assertEqual(200, status)
        self.assertEqual({'NODE_CREATE', 'NODE_CHECK'},
                         {a['action'] for a in body['actions']})

        # Data survives a restart, and SIGTERM stops the process cleanly.
        process.signal(signal.SIGTERM)
        self.assertEqual(0, process.popen.wait(30))
        self.start_aio()
        nodes = requests.get(AIO_URL + '/v1/nodes', timeout=5).json()
        self.assertEqual(['ACTIVE'], [n['status'] for n in nodes['nodes']])
