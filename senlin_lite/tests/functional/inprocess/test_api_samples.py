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

"""Every api-ref sample against a live response of the same call.

Request samples are sent as they are; each response must have exactly
the keys of its sample, at every depth, with values of the same JSON
types (ids and times differ, of course). So the samples in
``api-ref/source/samples`` cannot drift from what the API answers.
"""

import json
import os

from senlin_lite.tests.functional.inprocess import base
from senlin_lite.tests import json_shape

SAMPLES = os.path.abspath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'api-ref', 'source',
    'samples'))


def load(name):
    with open(os.path.join(SAMPLES, name)) as f:
        return json.load(f)


class TestApiSamples(base.InProcessTestCase):

    def call(self, method, path, status, request=None, response=None,
             **kwargs):
        body = load(request) if request else None
        resp = self.client.request(method, path, body, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        if response is not None:
            errors = json_shape.shape_errors(load(response), resp.json())
            self.assertEqual([], errors, '%s does not match %s %s' % (
                response, method, path))
        return resp

    def wait(self, resp):
        action = self.client.wait_action(self.client.action_id(resp))
        self.assertEqual('SUCCEEDED', action['status'], action)
        return action

    def test_every_sample_is_checked(self):
        with open(__file__.replace('.pyc', '.py')) as f:
            source = f.read()
        unchecked = [name for name in sorted(os.listdir(SAMPLES))
                     if "'%s'" % name not in source]
        self.assertEqual([], unchecked)

    def test_versions_and_build_info(self):
        self.call('GET', '/', 300, response='versions-list-response.json')
        self.call('GET', '/v1', 200, response='version-show-response.json')
        self.call('GET', '/v1/build-info', 200,
                  response='build-info-show-response.json')

    def test_profile_types(self):
        self.call('GET', '/v1/profile-types', 200,
                  response='profile-types-list-response.json')
        path = '/v1/profile-types/os.nova.server-1.0'
        self.call('GET', path, 200,
                  response='profile-type-show-response.json')
        self.call('GET', path + '/ops', 200,
                  response='profile-type-ops-response.json')

    def test_profiles(self):
        resp = self.call('POST', '/v1/profiles', 201,
                         'profile-create-request.json',
                         'profile-create-response.json')
        path = '/v1/profiles/%s' % resp.json()['profile']['id']
        self.call('GET', '/v1/profiles', 200,
                  response='profiles-list-response.json')
        self.call('GET', path, 200, response='profile-show-response.json')
        self.call('PATCH', path, 200, 'profile-update-request.json',
                  'profile-update-response.json')
        self.call('POST', '/v1/profiles/validate', 200,
                  'profile-validate-request.json',
                  'profile-validate-response.json')
        resp = self.call('DELETE', path, 204)
        self.assertEqual(b'', resp.content)

    def test_nodes_actions_and_events(self):
        self.call('POST', '/v1/profiles', 201, 'profile-create-request.json')
        resp = self.call('POST', '/v1/nodes', 202, 'node-create-request.json',
                         'node-create-response.json')
        node = resp.json()['node']['id']
        self.wait(resp)
        path = '/v1/nodes/%s' % node
        self.call('GET', '/v1/nodes', 200,
                  response='nodes-list-response.json')
        self.call('GET', path, 200, response='node-show-response.json')
        self.wait(self.call('PATCH', path, 202, 'node-update-request.json',
                            'node-update-response.json'))
        self.wait(self.call('POST', path + '/actions', 202,
                            'node-check-request.json',
                            'node-action-response.json'))
        self.wait(self.call('POST', path + '/actions', 202,
                            'node-recover-request.json',
                            'node-action-response.json'))
        action = self.wait(self.call('POST', path + '/ops', 202,
                                     'node-operation-request.json',
                                     'node-operation-response.json'))
        self.check_actions_and_events(node, action['id'])
        self.check_cancel_and_delete(node)

    def check_actions_and_events(self, node, action):
        self.call('GET', '/v1/actions', 200,
                  response='actions-list-response.json',
                  params={'target': node})
        self.call('GET', '/v1/actions/%s' % action, 200,
                  response='action-show-response.json')
        resp = self.call('GET', '/v1/events', 200,
                         response='events-list-response.json',
                         params={'oid': node})
        event = resp.json()['events'][0]['id']
        self.call('GET', '/v1/events/%s' % event, 200,
                  response='event-show-response.json')

    def check_cancel_and_delete(self, node):
        # Without an engine the next check stays READY: cancellable.
        self._stop_engine()
        path = '/v1/nodes/%s' % node
        resp = self.call('POST', path + '/actions', 202,
                         'node-check-request.json')
        self.call('PATCH', '/v1/actions/%s' % resp.json()['action'], 202,
                  'action-cancel-request.json')
        resp = self.call('DELETE', path, 202, 'node-delete-request.json')
        self.assertIsNone(resp.json())
        self.assertIn('/v1/actions/', resp.headers['Location'])
