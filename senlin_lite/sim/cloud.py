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

"""The simulated cloud: servers, configuration and injected faults.

All state lives in one ``Cloud`` object guarded by one lock, so several
engines (or threads) that talk to the same simulator see one consistent
cloud. Status transitions are driven by timestamps: every read first
applies the transitions whose time has come.
"""

import itertools
import threading
import time

from senlin_lite.sim import catalog
from senlin_lite.sim import record
from senlin_lite.sim import states


class SimError(Exception):
    """An error answered to the client with this HTTP code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def not_found(server_id):
    return SimError(404, 'Instance %s could not be found.' % server_id)


def validate_config(values):
    """Check configuration keys and values; return them as floats."""
    result = {}
    for key, value in values.items():
        if key not in states.DEFAULT_CONFIG:
            raise SimError(400, "Unknown configuration key '%s'." % key)
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        if isinstance(value, bool) or number < 0:
            raise SimError(400, "'%s' must be a number >= 0." % key)
        result[key] = number
    return result


class Cloud(object):
    """Thread-safe model of the servers the simulator knows about."""

    def __init__(self, **config):
        self._lock = threading.RLock()
        self._defaults = dict(states.DEFAULT_CONFIG)
        try:
            self._defaults.update(validate_config(config))
        except SimError as exc:
            raise ValueError(exc.message)
        self._config = dict(self._defaults)
        self._servers = {}
        self._faults = []
        self._seed = itertools.count()
        self.images = catalog.ImageRegistry()

    # -- configuration and faults (the /sim control endpoint) --

    def configure(self, **values):
        checked = validate_config(values)
        with self._lock:
            self._config.update(checked)
            return dict(self._config)

    def get_config(self):
        with self._lock:
            return dict(self._config)

    def delay(self, key):
        with self._lock:
            return self._config[key]

    def reset(self):
        with self._lock:
            self._servers.clear()
            self._faults.clear()
            self._config = dict(self._defaults)

    def add_fault(self, operation, count=1, server_id=None, message=None,
                  http_status=None):
        if operation not in states.FAULT_OPERATIONS:
            raise SimError(400, "Unknown operation '%s'; expected one of: "
                           "%s." % (operation,
                                    ', '.join(states.FAULT_OPERATIONS)))
        if not isinstance(count, int) or isinstance(count, bool) or \
                count < 1:
            raise SimError(400, "'count' must be an integer >= 1.")
        if http_status is not None and (
                not isinstance(http_status, int) or
                not 400 <= http_status <= 599):
            raise SimError(400, "'http_status' must be an HTTP error code.")
        if operation in ('get', 'list') and http_status is None:
            http_status = 500
        fault = {'operation': operation, 'count': count,
                 'server_id': server_id, 'http_status': http_status,
                 'message': message or states.fault_message(operation)}
        with self._lock:
            self._faults.append(fault)
            return dict(fault)

    def faults(self):
        with self._lock:
            return [dict(f) for f in self._faults]

    def clear_faults(self):
        with self._lock:
            self._faults.clear()

    def _take_fault(self, operation, server_id=None):
        """Consume a matching fault; raise it now if it is an HTTP one."""
        for fault in self._faults:
            if fault['operation'] != operation:
                continue
            if fault['server_id'] not in (None, server_id):
                continue
            fault['count'] -= 1
            if fault['count'] <= 0:
                self._faults.remove(fault)
            if fault['http_status']:
                raise SimError(fault['http_status'], fault['message'])
            return fault['message']
        return None

    # -- servers --

    def _settle(self):
        now = time.monotonic()
        gone = [sid for sid, srv in self._servers.items()
                if not srv.settle(now)]
        for sid in gone:
            del self._servers[sid]

    def _get(self, server_id):
        # Only this server's transition: settling every server on each
        # GET made a check's cost grow with the size of the cloud.
        server = self._servers.get(server_id)
        if server is not None and not server.settle(time.monotonic()):
            del self._servers[server_id]
            server = None
        if server is None:
            raise not_found(server_id)
        return server

    def create(self, request):
        """Accept a create request; the server builds in the background."""
        with self._lock:
            fault = self._take_fault('create')
            image = None
            if request.get('imageRef'):
                image = self.images.resolve(request['imageRef'])
            server = record.ServerRecord(
                request, image, catalog.flavor(request['flavorRef']),
                next(self._seed))
            delay = server.wait_override()
            if delay is None:
                delay = self._config['build_delay']
            server.start('BUILD', 'spawning', 'ACTIVE', delay, fault)
            server.record('create')
            self._servers[server.id] = server
            return server.snapshot()

    def show(self, server_id):
        with self._lock:
            server = self._get(server_id)
            self._take_fault('get', server_id)
            return server.snapshot()

    def list(self):
        with self._lock:
            self._settle()
            self._take_fault('list')
            servers = sorted(self._servers.values(),
                             key=lambda s: (s.created, s.id), reverse=True)
            return [s.snapshot() for s in servers]

    def delete(self, server_id, force=False):
        with self._lock:
            server = self._get(server_id)
            fault = self._take_fault('delete', server_id)
            delay = server.wait_override()
            if delay is None:
                delay = self._config['delete_delay']
            server.start(None, 'deleting', None, delay, fault)
            server.record('force_delete' if force else 'delete')

    def update(self, server_id, changes):
        with self._lock:
            server = self._get(server_id)
            self._fail_now(server, self._take_fault('update', server_id))
            for key in ('name', 'description'):
                if key in changes:
                    setattr(server, key, changes[key])
            server.touch()
            server.record('update', **changes)
            return server.snapshot()

    def metadata(self, server_id, replace=None, merge=None, remove=None):
        """Read or change metadata; returns the resulting metadata."""
        with self._lock:
            server = self._get(server_id)
            changing = replace is not None or merge or remove
            if changing:
                self._fail_now(server,
                               self._take_fault('metadata', server_id))
            if replace is not None:
                server.metadata = dict(replace)
            server.metadata.update(merge or {})
            if remove is not None:
                if remove not in server.metadata:
                    raise SimError(404, 'Metadata item was not found')
                del server.metadata[remove]
            if changing:
                server.touch()
                server.record('metadata')
            return dict(server.metadata)

    @staticmethod
    def _fail_now(server, fault):
        if fault:
            server.set_status('ERROR', fault)

    def action(self, server_id, name, /, **params):
        """Run one of states.OPERATIONS against a server."""
        op = states.OPERATIONS[name]
        with self._lock:
            server = self._get(server_id)
            self._check_state(server, name, op)
            fault_op = 'reboot' if name.startswith('reboot') else name
            fault = self._take_fault(fault_op, server_id)
            server.record(name, **params)
            self._side_effects(server, name, params)
            if op.delay is None:
                self._fail_now(server, fault)
                server.touch()
            else:
                server.start(op.during, op.task, op.final,
                             self._config[op.delay], fault)
            return server.snapshot()

    @staticmethod
    def _check_state(server, name, op):
        label = name.split('_')[0] if name.startswith('reboot') else name
        if op.allowed is None:
            return
        hard = name == 'reboot_hard'
        if server.task_state and not hard:
            raise SimError(409, "Cannot '%s' instance %s while it is in "
                           "task_state %s" % (label, server.id,
                                              server.task_state))
        if server.status not in op.allowed:
            vm_state = states.STATUS_VIEW[server.status][0]
            raise SimError(409, "Cannot '%s' instance %s while it is in "
                           "vm_state %s" % (label, server.id, vm_state))

    def _side_effects(self, server, name, params):
        if name in ('rebuild', 'evacuate') and params.get('image'):
            server.image = self.images.resolve(params['image'])
        if params.get('name'):
            server.name = params['name']
        if params.get('metadata') is not None:
            server.metadata = dict(params['metadata'])
        if params.get('admin_pass'):
            server.admin_pass = params['admin_pass']
        if name == 'resize':
            server.flavor = catalog.flavor(params['flavor'])
        if name == 'evacuate':
            server.host = params.get('host') or 'sim-compute-2'
        elif name == 'lock':
            server.locked = True
            server.locked_reason = params.get('locked_reason')
        elif name == 'unlock':
            server.locked = False
            server.locked_reason = None

    # -- direct manipulation (the /sim control endpoint) --

    def true_state(self, server_id):
        with self._lock:
            return self._get(server_id).snapshot()

    def true_states(self):
        with self._lock:
            self._settle()
            return [s.snapshot() for s in self._servers.values()]

    def set_status(self, server_id, status, fault=None):
        if status not in states.KNOWN_STATUSES:
            raise SimError(400, "Unknown status '%s'; expected one of: %s."
                           % (status, ', '.join(states.KNOWN_STATUSES)))
        with self._lock:
            server = self._get(server_id)
            server.set_status(status, fault)
            server.record('sim_set_status', status=status)
            return server.snapshot()

    def vanish(self, server_id):
        with self._lock:
            self._get(server_id)
            del self._servers[server_id]
