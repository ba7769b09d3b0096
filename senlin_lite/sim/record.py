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

"""One simulated server: its attributes and its pending transition."""

import collections
import datetime
import time
import uuid

# A change that happens by itself once ``due`` (time.monotonic) passes.
#   status: the status reached (None: the server disappears)
#   fault:  fault message recorded when ``status`` is ERROR
Transition = collections.namedtuple('Transition', 'due status fault')

PROJECT_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00'
USER_ID = 'a11ce000a11ce000a11ce000a11ce000'
WAIT_KEY = 'simulated_wait_time'


def isotime(when=None):
    when = when or datetime.datetime.now(datetime.timezone.utc)
    return when.strftime('%Y-%m-%dT%H:%M:%SZ')


def mac_for(server_id, index):
    digest = uuid.uuid5(uuid.NAMESPACE_OID, '%s/%d' % (server_id, index))
    octets = digest.bytes[:3]
    return 'fa:16:3e:%02x:%02x:%02x' % tuple(octets)


class ServerRecord(object):
    """The simulator's truth about one server.

    Only the Cloud touches a record, always under the cloud's lock.
    """

    def __init__(self, request, image, flavor, address_seed):
        self.id = str(uuid.uuid4())
        self.name = request['name']
        self.description = request.get('description')
        self.status = 'BUILD'
        self.task_state = 'spawning'
        self.image = image
        self.flavor = flavor
        self.metadata = dict(request.get('metadata') or {})
        self.key_name = request.get('key_name')
        self.availability_zone = request.get('availability_zone') or 'nova'
        self.security_groups = [
            {'name': sg.get('name', 'default') if isinstance(sg, dict)
             else str(sg)}
            for sg in request.get('security_groups') or [{'name': 'default'}]
        ]
        self.config_drive = request.get('config_drive')
        self.disk_config = request.get('OS-DCF:diskConfig', 'AUTO')
        self.admin_pass = request.get('adminPass') or uuid.uuid4().hex[:12]
        self.user_data = request.get('user_data')
        self.volumes = self._volumes(request.get('block_device_mapping_v2'))
        self.addresses = self._addresses(request.get('networks'),
                                         address_seed)
        self.host = 'sim-compute-1'
        self.locked = False
        self.locked_reason = None
        self.fault = None
        self.created = isotime()
        self.updated = self.created
        self.launched_at = None
        self.pending = None
        self.history = []

    def _volumes(self, bdms):
        volumes = []
        for bdm in bdms or []:
            if bdm.get('destination_type') == 'volume':
                volumes.append({
                    'id': bdm.get('uuid') or str(uuid.uuid4()),
                    'delete_on_termination': bool(
                        bdm.get('delete_on_termination', False)),
                })
        return volumes

    def _addresses(self, networks, seed):
        if networks == 'none':
            return {}
        if not isinstance(networks, list) or not networks:
            networks = [{}]
        entries = []
        for index, net in enumerate(networks):
            fixed = net.get('fixed_ip') if isinstance(net, dict) else None
            addr = fixed or '10.0.%d.%d' % ((seed + index) // 250 % 250,
                                            (seed + index) % 250 + 3)
            entries.append({'version': 4, 'addr': addr,
                            'OS-EXT-IPS:type': 'fixed',
                            'OS-EXT-IPS-MAC:mac_addr': mac_for(self.id,
                                                               index)})
        return {'private': entries}

    def wait_override(self):
        """Seconds from metadata ``simulated_wait_time``, if it parses."""
        try:
            value = float(self.metadata.get(WAIT_KEY))
        except (TypeError, ValueError):
            return None
        return max(value, 0.0)

    def touch(self):
        self.updated = isotime()

    def record(self, action, **params):
        params = {k: v for k, v in params.items() if v is not None}
        self.history.append({'action': action, 'params': params,
                             'at': isotime()})

    def start(self, during, task, final, delay, fault=None):
        """Begin an operation that ends in ``final`` after ``delay``."""
        if during:
            self.status = during
        self.task_state = task
        self.fault = None
        self.pending = Transition(time.monotonic() + delay,
                                  'ERROR' if fault else final, fault)
        self.touch()

    def set_status(self, status, fault=None):
        self.status = status
        self.task_state = None
        self.pending = None
        self.fault = None
        if status == 'ERROR':
            self.fault = {'code': 500, 'message': fault or 'Simulated error',
                          'created': isotime()}
        self.touch()

    def settle(self, now):
        """Apply the pending transition if due. False: server is gone."""
        if self.pending is None or self.pending.due > now:
            return True
        pending, self.pending = self.pending, None
        if pending.status is None:
            return False
        if self.status == 'BUILD' and pending.status == 'ACTIVE':
            self.launched_at = isotime()
        self.set_status(pending.status, pending.fault)
        return True

    def snapshot(self):
        """A copy of the attributes, safe to render without a lock.

        Shallow on purpose: every engine check renders one, and a deep
        copy was a quarter of the simulator's CPU. It holds because the
        Cloud replaces attribute values instead of changing them, except
        for the two containers changed in place, copied here.
        """
        data = {k: v for k, v in vars(self).items() if k != 'pending'}
        data['metadata'] = dict(self.metadata)
        data['history'] = list(self.history)
        if self.pending is not None:
            data['pending'] = {
                'status': self.pending.status,
                'in': round(max(self.pending.due - time.monotonic(), 0), 3),
            }
        else:
            data['pending'] = None
        return data
