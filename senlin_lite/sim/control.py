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

"""The ``/sim`` control endpoint: inspect the cloud and inject faults.

Not part of any OpenStack API; tests and demos use it (directly or through
``senlin_lite.sim.client.SimControl``) to see the true state of servers and
to break them on purpose.
"""

from senlin_lite.sim.cloud import SimError
from senlin_lite.sim import views
from senlin_lite.sim import wsgi

SID = r'(?P<server_id>[^/]+)'
FAULT_KEYS = ('operation', 'count', 'server_id', 'message', 'http_status')


def _object(req):
    body = wsgi.json_body(req)
    if not isinstance(body, dict):
        raise SimError(400, 'The request body must be a JSON object.')
    return body


class ControlApp(object):
    """Routes for everything below ``/sim``."""

    def __init__(self, cloud):
        self.cloud = cloud
        r = self.router = wsgi.Router(wsgi.plain_error)
        r.add('GET', '', self.index)
        r.add('GET', '/config', self.get_config)
        r.add('PUT', '/config', self.set_config)
        r.add('PATCH', '/config', self.set_config)
        r.add('POST', '/reset', self.reset)
        r.add('GET', '/servers', self.list_servers)
        r.add('GET', '/servers/' + SID, self.show_server)
        r.add('DELETE', '/servers/' + SID, self.vanish)
        r.add('PUT', '/servers/%s/status' % SID, self.set_status)
        r.add('GET', '/faults', self.list_faults)
        r.add('POST', '/faults', self.add_fault)
        r.add('DELETE', '/faults', self.clear_faults)

    def __call__(self, req, path):
        return self.router.dispatch(req, path)

    def index(self, req):
        base = wsgi.base_url(req)
        return wsgi.json_response({'simulator': {
            'compute': base + '/v2.1', 'image': base + '/image',
            'control': base + '/sim'}})

    def get_config(self, req):
        return wsgi.json_response({'config': self.cloud.get_config()})

    def set_config(self, req):
        body = _object(req)
        body = body.get('config', body)
        if not isinstance(body, dict):
            raise SimError(400, "'config' must be a JSON object.")
        return wsgi.json_response({'config': self.cloud.configure(**body)})

    def reset(self, req):
        self.cloud.reset()
        return wsgi.json_response(None, 204)

    def list_servers(self, req):
        return wsgi.json_response({'servers': [
            views.true_state(s) for s in self.cloud.true_states()]})

    def show_server(self, req, server_id):
        snap = self.cloud.true_state(server_id)
        return wsgi.json_response({'server': views.true_state(snap)})

    def vanish(self, req, server_id):
        self.cloud.vanish(server_id)
        return wsgi.json_response(None, 204)

    def set_status(self, req, server_id):
        body = _object(req)
        status = body.get('status')
        if not isinstance(status, str):
            raise SimError(400, "'status' is required and must be a "
                           "string.")
        snap = self.cloud.set_status(server_id, status.upper(),
                                     body.get('fault'))
        return wsgi.json_response({'server': views.true_state(snap)})

    def list_faults(self, req):
        return wsgi.json_response({'faults': self.cloud.faults()})

    def add_fault(self, req):
        body = _object(req)
        unknown = sorted(set(body) - set(FAULT_KEYS))
        if unknown:
            raise SimError(400, 'Unknown keys: %s.' % ', '.join(unknown))
        if not isinstance(body.get('operation'), str):
            raise SimError(400, "'operation' is required and must be a "
                           "string.")
        fault = self.cloud.add_fault(**body)
        return wsgi.json_response({'fault': fault}, 201)

    def clear_faults(self, req):
        self.cloud.clear_faults()
        return wsgi.json_response(None, 204)
