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

"""POST /v1/nodes/{id}/actions and /ops (contract 2.6, 2.7, section 4)."""

import threading
from unittest import mock

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db import api as db_api
from senlin_lite.profiles import os_nova_server
from senlin_lite.tests.unit.api import base


class TestNodeActionChecks(base.APITestCase):
    """Controller checks made before the node is looked up (vector 50)."""

    def test_body_shape(self):
        cases = [
            (None, 'No action specified.'),
            ({}, 'No action specified.'),
            ({'check': {}, 'recover': {}}, 'Multiple actions specified.'),
            ({'bogus': {}}, "Unrecognized action 'bogus' specified"),
            ({'check': []}, 'The params provided is not a map.'),
            ({'recover': []}, 'The params provided is not a map.'),
            ({'check': None}, 'The params provided is not a map.'),
        ]
        for body, message in cases:
            resp = self.post('/v1/nodes/node_id/actions', body)
            self.assertBadRequest(resp, message)

    def test_node_not_found(self):
        # Vector 52.
        uuid = utils.generate_uuid()
        for body in ({'check': {}}, {'recover': {}}):
            resp = self.post('/v1/nodes/%s/actions' % uuid, body)
            self.assertError(resp, 404, 'ResourceNotFound',
                             "The node '%s' could not be found." % uuid)


class TestNodeCheckRecover(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, _action = self.make_node()
        self.path = '/v1/nodes/%s/actions' % self.node.id

    def test_check(self):
        # Vector 53, synchronous part.
        resp = self.post(self.path, {'check': {}}, status=202)
        action_id = resp.json['action']
        self.assertEqual({'action': action_id}, resp.json)
        self.assertLocation(resp, action_id)
        action = self.action_row(action_id)
        self.assertEqual(
            (consts.NODE_CHECK, 'node_check_%s' % self.node.id[:8],
             consts.ACTION_READY, '', {}, 'RPC Request', 'u1', 'p1'),
            (action.action, action.name, action.status, action.status_reason,
             action.inputs, action.cause, action.user, action.project))
        self.assertEqual('p1', action.context['project_id'])
        self.announce.assert_called_once_with(action_id)

    def test_recover_rebuild(self):
        # Vector 54, synchronous part.
        resp = self.post(self.path, {'recover': {'operation': 'REBUILD'}},
                         status=202)
        action = self.action_row(resp.json['action'])
        self.assertEqual((consts.NODE_RECOVER, {'operation': 'REBUILD'}),
                         (action.action, action.inputs))

    def test_recover_inputs(self):
        params = {'operation': 'reboot', 'check': False,
                  'operation_params': {'type': 'soft'},
                  'delete_timeout': 5, 'force_recreate': True}
        resp = self.post(self.path, {'recover': params}, status=202)
        self.assertEqual(params, self.action_row(resp.json['action']).inputs)

    def test_recover_errors(self):
        # Vectors 55-57 and the other rules of contract 2.6.
        cases = [
            ({'operation': 'bogus'},
             "Operation value 'bogus' has to be one of the following: "
             "REBOOT, REBUILD, RECREATE."),
            ({'foo': 1}, "Action parameter ['foo'] is not recognizable."),
            ({'operation': 'reboot', 'operation_params': {'type': 'warm'}},
             "Type field 'warm' in operation_params has to be one of the "
             "following: SOFT, HARD."),
            ({'operation': 1}, 'operation has to be a string.'),
            ({'operation': 'REBOOT', 'operation_params': 'x'},
             'operation_params must be a map.'),
            ({'operation_params': {}},
             "Action parameter ['operation_params'] is not recognizable."),
            ({'check_capacity': True},
             "Action parameter ['check_capacity'] is not recognizable."),
        ]
        for params, message in cases:
            resp = self.post(self.path, {'recover': params})
            self.assertBadRequest(resp, message, 'BadRequest')
        self.announce.assert_not_called()

    def test_conflict_with_ready_action(self):
        # Vector 58, READY case.
        first = self.post(self.path, {'check': {}}, status=202)
        resp = self.post(self.path, {'check': {}})
        self.assertError(
            resp, 409, 'ActionConflict',
            'The NODE_CHECK action for target %s conflicts with the '
            'following action(s): %s' % (self.node.id, first.json['action']))

    def test_locked_node(self):
        # Vector 58, RUNNING case: the lock test runs first.
        first = self.post(self.path, {'check': {}}, status=202)
        db_api.node_lock_acquire(self.ctx, self.node.id,
                                 first.json['action'], 'engine-1')
        resp = self.post(self.path, {'recover': {}})
        self.assertError(
            resp, 409, 'ResourceIsLocked',
            "NODE_RECOVER for node '%s' cannot be completed because it is "
            "already locked." % self.node.id)

    def test_concurrent_checks(self):
        results = []
        barrier = threading.Barrier(2)

        def check():
            barrier.wait()
            results.append(self.post(self.path, {'check': {}}))

        threads = [threading.Thread(target=check) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([202, 409],
                         sorted(resp.status_int for resp in results))
        loser = [resp for resp in results if resp.status_int == 409][0]
        self.assertEqual('ActionConflict', loser.json['error']['type'])
        self.assertEqual(1, len(db_api.action_get_all(
            self.ctx, filters={'action': consts.NODE_CHECK})))


class TestNodeOperationChecks(base.APITestCase):

    def test_version_gate(self):
        # Vector 59.
        resp = self.post('/v1/nodes/FAKE_ID/ops', {'reboot': {}},
                         version='1.3')
        self.assertBadRequest(
            resp, "API version '1.3' is not supported on this method.",
            'MethodVersionNotFound')

    def test_body_shape(self):
        # Vector 60.
        for body, message in ((None, 'No operation specified.'),
                              ({}, 'No operation specified.'),
                              ({'foo': {}, 'bar': {}},
                               'Multiple operations specified.'),
                              ({'reboot': 'x'},
                               "'x' is not of type 'object', 'null'")):
            resp = self.post('/v1/nodes/FAKE_ID/ops', body, version='1.4')
            self.assertBadRequest(resp, message)

    def test_node_not_found(self):
        # Vector 61.
        uuid = utils.generate_uuid()
        resp = self.post('/v1/nodes/%s/ops' % uuid, {'dance': {}},
                         version='1.4')
        self.assertError(resp, 404, 'ResourceNotFound',
                         "The node '%s' could not be found." % uuid)


class TestNodeOperations(base.APITestCase):

    def setUp(self):
        super().setUp()
        self.node, _action = self.make_node()
        self.path = '/v1/nodes/%s/ops' % self.node.id

    def test_unsupported_operation(self):
        # Vector 62.
        resp = self.post(self.path, {'dance': {}}, version='1.4')
        self.assertBadRequest(
            resp, "The requested operation 'dance' is not supported by the "
                  "profile type 'os.nova.server-1.0'.", 'BadRequest')

    def test_invalid_parameter(self):
        # Vector 63.
        resp = self.post(self.path, {'reboot': {'type': 'Unknown'}},
                         version='1.4')
        self.assertBadRequest(
            resp, "'Unknown' must be one of the allowed values: SOFT, HARD.",
            'BadRequest')

    def test_operation(self):
        # Vector 64, synchronous part; no conflict check for operations.
        self.post('/v1/nodes/%s/actions' % self.node.id, {'check': {}},
                  status=202)
        resp = self.post(self.path, {'reboot': {'type': 'SOFT'}},
                         version='1.4', status=202)
        action_id = resp.json['action']
        self.assertEqual({'action': action_id}, resp.json)
        self.assertLocation(resp, action_id)
        action = self.action_row(action_id)
        self.assertEqual(
            (consts.NODE_OPERATION, 'node_reboot_%s' % self.node.id[:8],
             {'operation': 'reboot', 'params': {'type': 'SOFT'}}),
            (action.action, action.name, action.inputs))

    def test_operation_without_parameters(self):
        resp = self.post(self.path, {'pause': None}, version='1.4',
                         status=202)
        action = self.action_row(resp.json['action'])
        self.assertEqual({'operation': 'pause', 'params': {}}, action.inputs)


class TestShowDetails(base.APITestCase):

    def test_details_come_from_the_profile(self):
        node, _action = self.make_node()
        with mock.patch.object(os_nova_server.ServerProfile,
                               'do_get_details',
                               return_value={'status': 'ACTIVE'}) as details:
            resp = self.get('/v1/nodes/%s?show_details=true' % node.id)
        self.assertEqual({'status': 'ACTIVE'}, resp.json['node']['details'])
        self.assertEqual(node.id, details.call_args[0][0].id)
        db_api.node_update(self.ctx, node.id, {'physical_id': None})
        resp = self.get('/v1/nodes/%s?show_details=true' % node.id)
        self.assertNotIn('details', resp.json['node'])
