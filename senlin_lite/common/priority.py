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

"""A daemon's CPU priority: its nice value, and its autogroup's.

With the kernel's autogroup scheduling (``kernel.sched_autogroup_enabled``,
on in most distributions' kernels) the CPU is shared between sessions
first and between the processes of a session second, so a nice value
ranks a process only against the processes of its own session. An API
started in another session (as systemd starts every service) or a
PostgreSQL server then gets as much of a busy CPU as an engine at nice
19: in a benchmark run the two engines took 39 % of the CPU while the
API's requests waited up to 40 ms to be scheduled
(doc/source/admin/performance.rst).

A daemon that leads its own session (systemd starts every service so)
has an autogroup of its own, and giving that group the nice value makes
the priority hold against every other session too. One that shares its
session (started from a shell) leaves the group alone: the change would
reach every process of the session.
"""

import errno
import os
import time

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

AUTOGROUP = '/proc/self/autogroup'

# The kernel takes one autogroup change per 100 ms from a process without
# CAP_SYS_ADMIN, counted across the whole host, and refuses the others
# with EAGAIN: engines started together retry.
AUTOGROUP_ATTEMPTS = 5
AUTOGROUP_RETRY_DELAY = 0.11


def set_priority(nice, who='process'):
    """Give this process (and its own autogroup) the nice value ``nice``.

    Nothing happens when ``nice`` is None. Threads started afterwards
    inherit the value, so this is called before they start. A refusal
    (raising the priority needs CAP_SYS_NICE) is logged and the process
    goes on with the priority it has.
    """
    if nice is None:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, 0, nice)
    except OSError as exc:
        LOG.warning('Could not set the %(who)s\'s nice value to %(nice)d: '
                    '%(exc)s', {'who': who, 'nice': nice, 'exc': exc})
        return
    grouped = set_autogroup_nice(nice)
    LOG.info('%(who)s running with nice value %(nice)d%(group)s',
             {'who': who.capitalize(), 'nice': nice,
              'group': ' (its autogroup too)' if grouped else ''})


def set_autogroup_nice(nice, path=AUTOGROUP):
    """Set the nice value of this process's autogroup if it has its own.

    Returns whether the group now has ``nice``.
    """
    if os.getsid(0) != os.getpid():
        LOG.debug('Not the leader of its session: the autogroup, shared '
                  'with the session, keeps its nice value')
        return False
    # Each attempt returns, but for an EAGAIN before the last one.
    for attempt in range(1, AUTOGROUP_ATTEMPTS + 1):
        try:
            # Not created when missing: no file, no autogroup scheduling.
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, b'%d' % nice)
            finally:
                os.close(fd)
            return True
        except FileNotFoundError:
            return False  # a kernel without autogroup scheduling
        except OSError as exc:
            if exc.errno != errno.EAGAIN or attempt == AUTOGROUP_ATTEMPTS:
                LOG.warning('Could not set the nice value of the '
                            'autogroup (%(path)s) to %(nice)d: %(exc)s; '
                            'processes of other sessions compete with '
                            'this one as equals',
                            {'path': path, 'nice': nice, 'exc': exc})
                return False
            time.sleep(AUTOGROUP_RETRY_DELAY)
