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

"""The express node action POST answers exactly as pecan would."""

import json
from unittest import mock

from oslo_db import exception as db_exc
from webob import exc as webob_exc
import webtest

from senlin_lite.api import app
from senlin_lite.api.controllers.v1 import node_actions as controller
from senlin_lite.api import errors
from senlin_lite.api import express
from senlin_lite.common import consts
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.tests.unit.api import base

# Headers that differ between any two answers.
_PER_REQUEST = ('x-openstack-request-id',)

# (name, body, content type, extra headers, version, roles): requests a
# client may send to /v1/nodes/<node>/actions.
CASES = [
    ('check', {'check': {}}, None, {}, 'latest', 'member'),
    ('check at 1.0', {'check': {}}, None, {}, '1.0', 'member'),
    ('check with no version', {'check': {}}, None, {}, None, 'member'),
    ('check as admin', {'check': {}}, None, {}, '1.12', 'admin'),
    ('recover', {'recover': {'operation': 'rebuild',
                             'check': True}}, None, {}, 'latest', 'member'),
    ('reboot', {'recover': {'operation': 'REBOOT',
                            'operation_params': {'type': 'hard'}}},
     None, {}, 'latest', 'member'),
    ('text/plain body', {'check': {}}, 'text/plain', {}, 'latest', 'member'),
    ('charset', {'check': {}}, 'application/json; charset=UTF-8', {},
     'latest', 'member'),
    ('no body', None, None, {}, 'latest', 'member'),
    ('empty object', {}, None, {}, 'latest', 'member'),
    ('two actions', {'check': {}, 'recover': {}}, None, {}, 'latest',
     'member'),
    ('unknown action', {'bogus': {}}, None, {}, 'latest', 'member'),
    ('params not a map', {'check': []}, None, {}, 'latest', 'member'),
    ('bad operation', {'recover': {'operation': 'dance'}}, None, {},
     'latest', 'member'),
    ('unknown recover key', {'recover': {'wobble': 1}}, None, {}, 'latest',
     'member'),
    ('bad reboot type', {'recover': {'operation': 'reboot',
                                     'operation_params': {'type': 'x'}}},
     None, {}, 'latest', 'member'),
    ('invalid JSON', '{"check": ', None, {}, 'latest', 'member'),
    ('JSON array', '[1]', None, {}, 'latest', 'member'),
    ('XML body', '<check/>', 'application/xml', {}, 'latest', 'member'),
    ('malformed version', {'check': {}}, None, {}, '1.x', 'member'),
    ('version too new', {'check': {}}, None, {}, '9.0', 'member'),
    ('reader', {'check': {}}, None, {}, 'latest', 'reader'),
    ('reader, bad body', {'bogus': {}}, None, {}, 'latest', 'reader'),
    ('unconfirmed identity', {'check': {}}, None,
     {'X-Identity-Status': 'Invalid'}, 'latest', 'member'),
]


class TestExpressLikePecan(base.APITestCase):
    """Each request, to a node of its own, through both applications."""

    def setUp(self):
        super().setUp()
        with mock.patch.object(express, 'NodeActionExpress',
                               lambda application: application):
            self.pecan_only = webtest.TestApp(app.load_app())

    def send(self, application, path, body, content_type, extra, version,
             roles):
        headers = dict(self.headers(version, roles=roles), **extra)
        if body is None:
            body = b''
        elif not isinstance(body, str):
            body = json.dumps(body)
        headers['Content-Type'] = content_type or 'application/json'
        return application.post(path, body, headers=headers,
                                expect_errors=True)

    def answer(self, application, identity, request):
        """What a client sees, with the request's own ids replaced."""
        node, _action = self.make_node(name='n-' + identity)
        target = node.id if identity == 'id' else node.name
        resp = self.send(application, '/v1/nodes/%s/actions' % target,
                         *request)
        text = resp.text.replace(node.id, '<node>')
        headers = sorted((k.lower(), v.replace(node.id, '<node>'))
                         for k, v in resp.headerlist
                         if k.lower() not in _PER_REQUEST)
        if resp.status_int == 202:
            action_id = resp.json['action']
            row = self.action_row(action_id)
            self.assertEqual(node.id, row.target)
            stored = (row.action, row.status, row.inputs)
            text = text.replace(action_id, '<action>')
            headers = [(k, v.replace(action_id, '<action>'))
                       for k, v in headers]
        else:
            stored = None
        return resp.status_int, text, headers, stored

    def test_every_request_answered_as_pecan_answers_it(self):
        for index, (name, *request) in enumerate(CASES):
            for identity in ('id', 'name'):
                with self.subTest(name, identity=identity):
                    express_answer = self.answer(
                        self.app, '%d-%s-e' % (index, identity), request)
                    pecan_answer = self.answer(
                        self.pecan_only, '%d-%s-p' % (index, identity),
                        request)
                    self.assertEqual(pecan_answer, express_answer)

    def test_missing_node_and_conflict_as_pecan(self):
        busy, _action = self.make_node(name='busy')
        db_api.node_update(self.ctx, busy.id,
                           {'active_action_id': 'some-action'})
        for target in ('0f6d3b5e-2c1a-4b8e-9d7f-5a4c3b2a1f0e', 'busy'):
            path = '/v1/nodes/%s/actions' % target
            request = ({'check': {}}, None, {}, 'latest', 'member')
            express_resp = self.send(self.app, path, *request)
            pecan_resp = self.send(self.pecan_only, path, *request)
            self.assertIn(express_resp.status_int, (404, 409))
            self.assertEqual(pecan_resp.status_int, express_resp.status_int)
            self.assertEqual(pecan_resp.json, express_resp.json)


class TestExpressIsTaken(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, _action = self.make_node()
        self.path = '/v1/nodes/%s/actions' % self.node.id

    def test_common_post_does_not_reach_pecan(self):
        with mock.patch.object(controller, 'node_action',
                               side_effect=AssertionError('pecan')):
            resp = self.post(self.path, {'check': {}}, status=202)
        row = self.action_row(resp.json['action'])
        self.assertEqual((consts.NODE_CHECK, consts.ACTION_READY),
                         (row.action, row.status))
        self.announce.assert_called_once_with(row.id)

    def test_unusual_post_goes_to_pecan(self):
        with mock.patch.object(controller, 'node_action',
                               wraps=controller.node_action) as handler:
            self.post(self.path, {'check': {}}, status=202)
            handler.assert_not_called()
            self.post(self.path + '/', {'check': {}})
            self.post(self.path, {'check': []}, status=400)
        self.assertEqual(2, handler.call_count)

    def test_submit_errors_rendered_as_everywhere(self):
        cases = [
            (exception.InternalError(message='boom'),
             500, 'InternalError', 'boom'),
            (db_exc.DBConnectionError('gone'),
             503, 'ServiceUnavailable', errors.DB_UNAVAILABLE_MESSAGE),
        ]
        for error, status, error_type, message in cases:
            with mock.patch.object(db_api, 'node_action_submit',
                                   side_effect=error):
                resp = self.post(self.path, {'check': {}})
            self.assertError(resp, status, error_type, message)

    def test_a_webob_error_answers_for_itself(self):
        with mock.patch.object(db_api, 'node_action_submit',
                               side_effect=webob_exc.HTTPServiceUnavailable):
            resp = self.post(self.path, {'check': {}})
        self.assertEqual(503, resp.status_int)
