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

"""/v1/actions and /v1/events (contract 2.8, 2.9; vectors 65-73)."""

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.api import base

ACTION_KEYS = ['action', 'cause', 'created_at', 'data', 'depended_by',
               'depends_on', 'end_time', 'id', 'inputs', 'interval', 'name',
               'outputs', 'owner', 'project', 'start_time', 'status',
               'status_reason', 'target', 'timeout', 'updated_at', 'user']
EVENT_KEYS = ['action', 'cluster', 'cluster_id', 'id', 'level', 'meta_data',
              'oid', 'oname', 'otype', 'project', 'status', 'status_reason',
              'timestamp', 'user']


class TestActions(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, self.create_action = self.make_node()

    def test_not_found(self):
        # Vector 65.
        uuid = utils.generate_uuid()
        resp = self.get('/v1/actions/%s' % uuid, status=None)
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The action '%s' could not be found." % uuid)

    def test_show(self):
        resp = self.get('/v1/actions/%s' % self.create_action.id)
        action = resp.json['action']
        self.assertEqual(sorted(ACTION_KEYS + ['cluster_id']),
                         sorted(action))
        self.assertEqual(('SUCCEEDED', self.node.id, [], -1),
                         (action['status'], action['target'],
                          action['depends_on'], action['interval']))
        self.assertIsInstance(action['end_time'], float)

    def test_list_by_status(self):
        # Vector 66.
        self.post('/v1/nodes/%s/actions' % self.node.id, {'check': {}},
                  status=202)
        resp = self.get('/v1/actions?status=SUCCEEDED')
        self.assertEqual([self.create_action.id],
                         [a['id'] for a in resp.json['actions']])
        resp = self.get('/v1/actions?action=NODE_CHECK&target=%s'
                        % self.node.id)
        self.assertEqual(['READY'],
                         [a['status'] for a in resp.json['actions']])

    def test_cluster_id_depends_on_version(self):
        # Vector 73.
        resp = self.get('/v1/actions', version='1.13')
        self.assertEqual(sorted(ACTION_KEYS),
                         sorted(resp.json['actions'][0]))
        resp = self.get('/v1/actions', version='1.14')
        self.assertEqual('', resp.json['actions'][0]['cluster_id'])
        # The filter is honoured from 1.14 on: no cluster resolves.
        resp = self.get('/v1/actions?cluster_id=x', version='1.13')
        self.assertEqual(1, len(resp.json['actions']))
        resp = self.get('/v1/actions?cluster_id=x', version='1.14')
        self.assertEqual([], resp.json['actions'])

    def test_cancel_not_found(self):
        # Vector 67.
        uuid = utils.generate_uuid()
        resp = self.patch('/v1/actions/%s' % uuid,
                          {'action': {'status': 'CANCELLED'}}, version='1.12')
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The action '%s' could not be found." % uuid)

    def test_cancel_unknown_status(self):
        # Vector 68: checked before the lookup.
        resp = self.patch('/v1/actions/nope', {'action': {'status': 'x'}},
                          version='1.12')
        self.assertBadRequest(resp, 'Unknown status x for action nope.')

    def test_cancel_checks_in_order(self):
        path = '/v1/actions/%s' % self.create_action.id
        resp = self.patch(path, {}, version='1.12')
        self.assertBadRequest(
            resp, "Malformed request data, missing 'action' key in request "
                  "body.")
        resp = self.call('patch', path + '?force=maybe', {'action': {}},
                         version='1.12')
        self.assertBadRequest(resp,
                              "Invalid value 'maybe' specified for 'force'")
        resp = self.patch(path, {'action': {}}, version='1.12')
        self.assertBadRequest(resp, "'status' is a required property")
        resp = self.patch(path, {'action': {'status': 'CANCELLED',
                                            'x': 1}}, version='1.12')
        self.assertBadRequest(
            resp, "Additional properties are not allowed ('x' was "
                  "unexpected)")

    def test_cancel_finished_action(self):
        # Vector 69.
        resp = self.patch('/v1/actions/%s' % self.create_action.id,
                          {'action': {'status': 'CANCELLED'}}, version='1.12')
        self.assertError(
            resp, 409, 'ActionImmutable',
            "Action (%s) is in status (SUCCEEDED) while expected status must "
            "be one of (('INIT', 'WAITING', 'READY', 'RUNNING', "
            "'WAITING_LIFECYCLE_COMPLETION'))." % self.create_action.id[:8])

    def test_cancel_ready_action(self):
        check = self.post('/v1/nodes/%s/actions' % self.node.id,
                          {'check': {}}, status=202).json['action']
        resp = self.patch('/v1/actions/%s' % check,
                          {'action': {'status': 'CANCELLED'}}, version='1.12',
                          status=202)
        self.assertEqual({}, resp.json)
        self.assertNotIn('OpenStack-API-Version', resp.headers)
        self.assertEqual(consts.ACTION_CANCELLED,
                         self.action_row(check).status)

    def test_force_cancel(self):
        resp = self.call('patch', '/v1/actions/%s?force=true'
                         % self.create_action.id,
                         {'action': {'status': 'CANCELLED'}}, version='1.12',
                         status=202)
        self.assertEqual(202, resp.status_int)

    def test_cancel_version_gate(self):
        # Vector 70.
        resp = self.patch('/v1/actions/%s' % self.create_action.id,
                          {'action': {'status': 'CANCELLED'}}, version='1.11')
        self.assertBadRequest(
            resp, "API version '1.11' is not supported on this method.",
            'MethodVersionNotFound')

    def test_cancel_other_project(self):
        resp = self.patch('/v1/actions/%s' % self.create_action.id,
                          {'action': {'status': 'CANCELLED'}}, version='1.12',
                          project='p2')
        self.assertEqual(404, resp.status_int)


class TestEvents(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, action = self.make_node()
        for level, phase in (('INFO', 'start'), ('ERROR', 'error')):
            db_api.event_create(self.ctx, db_api.node_event(
                self.node, action, level, phase, 'reason ' + phase))

    def test_not_found(self):
        # Vector 71.
        uuid = '318ae275-ed68-48f5-9151-523085107112'
        resp = self.get('/v1/events/%s' % uuid, status=None)
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The event '%s' could not be found." % uuid)

    def test_list_and_show(self):
        # Vector 72.
        resp = self.get('/v1/events?oid=%s' % self.node.id)
        events = resp.json['events']
        self.assertEqual(2, len(events))
        resp = self.get('/v1/events/%s' % events[0]['id'])
        event = resp.json['event']
        self.assertEqual(EVENT_KEYS, sorted(event))
        self.assertTrue(event['timestamp'].endswith('+00:00'))
        self.assertEqual(('NODE', '', 'NODE_CREATE'),
                         (event['otype'], event['cluster_id'],
                          event['action']))

    def test_level_filter(self):
        resp = self.get('/v1/events?level=ERROR')
        self.assertEqual(['ERROR'],
                         [e['level'] for e in resp.json['events']])
        resp = self.get('/v1/events?cluster_id=x')
        self.assertEqual([], resp.json['events'])
        resp = self.get('/v1/events?sort=level:desc')
        self.assertEqual(['ERROR', 'INFO'],
                         [e['level'] for e in resp.json['events']])
