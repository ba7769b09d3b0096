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

"""The user guide's commands, run as written against senlin-lite-aio.

``doc/source/user/node-actions.rst`` is read block by block: console
blocks give shell commands (``$ `` lines), python blocks scripts, the
yaml block captioned ``clouds.yaml`` a file in the working directory.
They run in page order in one bash session, so variables carry over.
The only change made to them: the aio's default addresses become those
of the aio this test starts on free ports.

The ``openstack cluster`` commands need python-senlinclient 3.1.0, kept
in an environment of its own: ``tox -e osc`` builds it, and
SENLIN_LITE_TEST_OSC (set by .ci/run) names its ``openstack``. Without
it the rest runs and the test then reports a skip.
"""

import os
import re
import subprocess
import sys
import time

import fixtures
import requests
from testtools import content

from senlin_lite.tests.functional.daemons import base

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..', '..'))
GUIDE = os.path.join(TOP, 'doc', 'source', 'user', 'node-actions.rst')
DEFAULT_API = 'http://127.0.0.1:8777'
DEFAULT_SIM = 'http://127.0.0.1:8776'
OSC_SECTION = 'With the openstack command'

_DIRECTIVE = re.compile(r'^\.\. code-block:: (\S+)\s*$')
_UNDERLINE = re.compile(r'^([=\-~^])\1+$')


class Block:

    def __init__(self, language, section, caption, text):
        self.language = language
        self.section = section
        self.caption = caption
        self.text = text

    def commands(self):
        """The ``$`` commands of a console block, continuations joined."""
        result = []
        for line in self.text.splitlines():
            if line.startswith('$ '):
                result.append(line[2:])
            elif result and result[-1].endswith('\\'):
                result[-1] += '\n' + line
        return result


def _indented(lines, start):
    """Options and body of the directive whose content starts at start."""
    options, body, index = {}, [], start
    while index < len(lines) and (not lines[index].strip() or
                                  lines[index].startswith(' ')):
        line = lines[index]
        match = re.match(r'^\s+:(\w+):\s*(.*)$', line)
        if match and not body:
            options[match.group(1)] = match.group(2)
        else:
            body.append(line)
        index += 1
    text = '\n'.join(line[3:] for line in body).strip('\n')
    return options, text


def code_blocks(path=GUIDE):
    with open(path) as f:
        lines = f.read().splitlines()
    blocks, section = [], None
    for index, line in enumerate(lines):
        if (index + 1 < len(lines) and line.strip() and
                _UNDERLINE.match(lines[index + 1]) and
                len(lines[index + 1]) >= len(line)):
            section = line.strip()
        match = _DIRECTIVE.match(line)
        if match:
            options, text = _indented(lines, index + 1)
            blocks.append(Block(match.group(1), section,
                                options.get('caption'), text))
    return blocks


def find_osc():
    path = os.environ.get('SENLIN_LITE_TEST_OSC') or os.path.join(
        TOP, '.tox', 'osc', 'bin', 'openstack')
    return path if os.access(path, os.X_OK) else None


class TestUserGuide(base.DaemonTestCase):

    def setUp(self):
        super().setUp()
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.api_url = 'http://127.0.0.1:%d' % base.free_port()
        self.sim_url = 'http://127.0.0.1:%d' % base.free_port()
        self.start_aio()

    def start_aio(self):
        argv = [base.console_script('senlin-lite-aio'),
                '--state-dir', os.path.join(self.workdir, 'state'),
                '--port', self.api_url.rsplit(':', 1)[1],
                '--sim-port', self.sim_url.rsplit(':', 1)[1]]
        process = base.Process('aio', argv,
                               os.path.join(self.workdir, 'aio.log'))
        self.addCleanup(process.stop)
        self.addOnException(lambda exc_info: self.addDetail(
            'aio.log', content.text_content(process.log())))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.api_url + '/', timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError('senlin-lite-aio did not start:\n' +
                             process.log())

    def localise(self, text):
        return text.replace(DEFAULT_API, self.api_url).replace(
            DEFAULT_SIM, self.sim_url)

    def script(self, blocks, with_osc):
        """One bash script running the blocks in page order."""
        lines = ['set -eu -o pipefail', 'set -x']
        for number, block in enumerate(blocks):
            if block.section == OSC_SECTION and not with_osc:
                continue
            if block.language == 'console':
                lines.extend(self.localise(c) for c in block.commands())
            elif block.language == 'python':
                path = os.path.join(self.workdir, 'block%d.py' % number)
                with open(path, 'w') as f:
                    f.write(self.localise(block.text) + '\n')
                lines.append('"%s" %s' % (sys.executable, path))
            elif block.caption == 'clouds.yaml':
                with open(os.path.join(self.workdir, 'clouds.yaml'),
                          'w') as f:
                    f.write(self.localise(block.text) + '\n')
        path = os.path.join(self.workdir, 'guide.sh')
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        return path

    def environment(self, osc):
        env = {key: value for key, value in os.environ.items()
               if not key.startswith('OS_')}
        env['HOME'] = self.workdir
        if osc:
            env['PATH'] = env['PATH'] + os.pathsep + os.path.dirname(osc)
        return env

    def test_guide_commands_work_as_written(self):
        blocks = code_blocks()
        languages = [b.language for b in blocks]
        self.assertIn('python', languages)
        self.assertIn(OSC_SECTION, [b.section for b in blocks])
        osc = find_osc()
        result = subprocess.run(
            ['bash', self.script(blocks, with_osc=bool(osc))],
            cwd=self.workdir, env=self.environment(osc),
            capture_output=True, text=True, timeout=600)
        self.addDetail('guide-output', content.text_content(
            result.stdout + '\n--- stderr ---\n' + result.stderr))
        self.assertEqual(0, result.returncode, result.stderr[-3000:])
        out = result.stdout
        # What the guide says the commands show.
        self.assertIn('Check: Node is not ACTIVE.', out)
        self.assertIn('Recovery succeeded', out)
        self.assertIn('NODE_RECOVER SUCCEEDED Action completed '
                      'successfully.', out)
        node = requests.get(self.api_url + '/v1/nodes/web-1',
                            timeout=10).json()['node']
        self.assertEqual('ACTIVE', node['status'])
        if not osc:
            self.skipTest('openstack client not found (tox -e osc): the '
                          'guide ran without its "openstack" commands')
        self.assertIn('NODE_CHECK', out)
        self.assertRegex(out, r'\| status +\| SUCCEEDED')
