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

"""How the host's CPUs spent a phase of the run (Linux ``/proc/stat``).

On a virtual machine the hypervisor may run other guests on our CPUs:
that time is ``steal``, and a run with much of it is slower and has
longer stalls for reasons outside the service. Idle time says the run
did not saturate the host; I/O wait, that it waited on the disk.
"""

PROC_STAT = '/proc/stat'

# The columns of the "cpu" line, in the kernel's order.
COLUMNS = ('user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq',
           'steal')
REPORTED = ('idle', 'iowait', 'steal')


def cpu_ticks(path=PROC_STAT):
    """The host's CPU time so far by column, in ticks; None if unknown."""
    try:
        with open(path) as stat:
            for line in stat:
                fields = line.split()
                if fields and fields[0] == 'cpu':
                    values = [int(value) for value in fields[1:]]
                    return dict(zip(COLUMNS, values + [0] * len(COLUMNS)))
    except (OSError, ValueError):
        pass
    return None


def cpu_shares(before, after):
    """Percent of the CPU time between two readings idle, in I/O wait, stolen.

    None if either reading is unknown or no time passed. Guest time is
    already counted in user and nice, so it is left out.
    """
    if not before or not after:
        return None
    spent = {name: after[name] - before[name] for name in COLUMNS}
    total = sum(spent.values())
    if total <= 0:
        return None
    return {name: round(100.0 * spent[name] / total, 1) for name in REPORTED}
