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

"""A small HTTP client of the clustering API for functional tests."""

import time

import requests

NOVA_SPEC = {
    'type': 'os.nova.server', 'version': '1.0',
    'properties': {'flavor': '1', 'name': 'new-server-test',
                   'image': 'cirros-0.4.0-x86_64-disk',
                   'networks': [{'network': 'private'}]},
}
TERMINAL = ('SUCCEEDED', 'FAILED', 'CANCELLED')


class ClusteringClient:
    """Talks to one senlin_lite API as one user of one project."""

    def __init__(self, url, project='demo', user='demo', roles='member',
                 version='latest'):
        self.url = url.rstrip('/')
        self.session = requests.Session()
        self.session.headers.update({
            'X-Project-Id': project, 'X-User-Id': user, 'X-Roles': roles,
            'OpenStack-API-Version': 'clustering %s' % version,
            'Content-Type': 'application/json',
        })

    def request(self, method, path, body=None, **kwargs):
        return self.session.request(method, self.url + path, json=body,
                                    timeout=30, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request('POST', path, body, **kwargs)

    def create_profile(self, name='prof', spec=None):
        resp = self.post('/v1/profiles', {'profile': {
            'name': name, 'spec': spec or NOVA_SPEC}})
        assert resp.status_code == 201, resp.text
        return resp.json()['profile']

    def create_node(self, profile_id, name, wait=True):
        resp = self.post('/v1/nodes', {'node': {
            'name': name, 'profile_id': profile_id}})
        assert resp.status_code == 202, resp.text
        node = resp.json()['node']
        if wait:
            action_id = resp.headers['Location'].rsplit('/', 1)[-1]
            action = self.wait_action(action_id)
            assert action['status'] == 'SUCCEEDED', action
            node = self.get('/v1/nodes/%s' % node['id']).json()['node']
        return node

    def node_action(self, node_id, body):
        return self.post('/v1/nodes/%s/actions' % node_id, body)

    def wait_action(self, action_id, statuses=TERMINAL, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            action = self.get('/v1/actions/%s' % action_id).json()['action']
            if action['status'] in statuses:
                return action
            if time.monotonic() > deadline:
                raise AssertionError('action %s still %s after %ss' % (
                    action_id, action['status'], timeout))
            time.sleep(0.05)

    def action_id(self, resp):
        assert resp.status_code == 202, resp.text
        return resp.headers['Location'].rsplit('/', 1)[-1]
