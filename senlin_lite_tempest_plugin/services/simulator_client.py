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

"""A minimal client of the compute simulator's control API (``/sim``).

The simulator is senlin_lite's stand-in for Nova (``cloud_backend =
openstack_test``); its control API shows the true state of each server
and breaks servers on purpose. Only the calls the tests need are here,
over the standard library, so the plugin does not need senlin_lite
installed next to tempest.
"""

import json
from urllib import request


class SimulatorClient(object):

    def __init__(self, url, timeout=10):
        self.url = url.rstrip('/') + '/sim'
        self.timeout = timeout

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = request.Request(self.url + path, data=data, method=method,
                              headers={'Content-Type': 'application/json'})
        with request.urlopen(req, timeout=self.timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def server(self, server_id):
        """The true state of one server."""
        return self._call('GET', '/servers/%s' % server_id)['server']

    def set_status(self, server_id, status, fault=None):
        """Put a server into ``status`` now (e.g. ERROR with a fault)."""
        body = {'status': status}
        if fault is not None:
            body['fault'] = fault
        return self._call('PUT', '/servers/%s/status' % server_id, body)
