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

"""Versioned notifications of node actions, through oslo.messaging's
in-memory ``test`` notification driver."""

import json
import os
from unittest import mock

from oslo_messaging.notify import _impl_test

from senlin_lite.common import consts
from senlin_lite.common import messaging
from senlin_lite.db import api as db_api
from senlin_lite.engine import notifications
from senlin_lite.tests import base as test_base
from senlin_lite.tests import json_shape
from senlin_lite.tests.unit.engine import base

DOC_SAMPLE = os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'doc', 'source',
    'admin', 'samples', 'node-check-end-notification.json')

NODE_KEYS = {'id', 'name', 'profile_id', 'cluster_id', 'physical_id',
             'index', 'role', 'init_at', 'created_at', 'updated_at',
             'status', 'status_reason', 'metadata', 'data', 'user',
             'project', 'domain', 'dependents'}
ACTION_KEYS = {'id', 'name', 'created_at', 'target', 'action', 'start_time',
               'end_time', 'timeout', 'status', 'status_reason', 'inputs',
               'outputs', 'data', 'user', 'project'}


def sent():
    """(priority, message) of every notification sent so far."""
    return [(priority, message)
            for _ctxt, message, priority, _retry
            in _impl_test.NOTIFICATIONS]


def data(message, part):
    return message['payload']['senlin_object.data'][part][
        'senlin_object.data']


class TestDefaults(test_base.TestCase):

    def test_library_defaults(self):
        messaging.set_notification_defaults()
        group = notifications.CONF.oslo_messaging_notifications
        self.assertEqual(['versioned_notifications'], group.topics)
        self.assertEqual(3, group.retry)
        self.assertEqual([], group.driver)
        self.assertFalse(notifications.enabled())

    def test_noop_is_off(self):
        messaging.set_notification_defaults()
        self.flags(driver=['noop'], group='oslo_messaging_notifications')
        self.assertFalse(notifications.enabled())
        self.flags(driver=['log'], group='oslo_messaging_notifications')
        self.assertTrue(notifications.enabled())

    def test_event_type(self):
        for action, phase, expected in (
                ('NODE_CHECK', 'start', 'node.check.start'),
                ('NODE_RECOVER', 'error', 'node.recover.error'),
                ('NODE_CREATE', 'end', 'node.create.end'),
                ('reboot', 'end', 'node.reboot.end')):
            self.assertEqual(expected, notifications.event_type(
                {'action': action, 'status': phase}))


class TestNotifications(base.EngineTestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(notifications.cleanup)
        self.addCleanup(_impl_test.reset)
        _impl_test.reset()
        self.flags(host='engine-host-1')

    def enable(self):
        self.flags(driver=['test'], group='oslo_messaging_notifications')

    def run_action(self, *args, **kwargs):
        # The end notification follows the commit the test polls for.
        action = super().run_action(*args, **kwargs)
        self.assertTrue(self.engine.wait_idle(10))
        return action

    def test_off_by_default_builds_nothing(self):
        node = self.active_node()
        with mock.patch.object(notifications, 'payload') as payload:
            action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        payload.assert_not_called()
        self.assertEqual({}, notifications._NOTIFIERS)
        self.assertEqual([], sent())

    def test_check_start_and_end(self):
        node = self.active_node()
        self.enable()
        action = self.run_action(node.id, consts.NODE_CHECK)
        messages = sent()
        self.assertEqual(['node.check.start', 'node.check.end'],
                         [m['event_type'] for _p, m in messages])
        self.assertEqual(['INFO', 'INFO'], [p for p, _m in messages])
        start, end = messages[0][1], messages[1][1]
        self.assertEqual('senlin-lite-engine:engine-host-1',
                         start['publisher_id'])
        payload = end['payload']
        self.assertEqual('NodeActionPayload', payload['senlin_object.name'])
        self.assertEqual('1.0', payload['senlin_object.version'])
        self.assertIsNone(payload['senlin_object.data']['exception'])
        self.assertEqual(NODE_KEYS, set(data(end, 'node')))
        self.assertEqual(ACTION_KEYS, set(data(end, 'action')))
        self.assertEqual(node.id, data(end, 'node')['id'])
        self.assertEqual('ACTIVE', data(end, 'node')['status'])
        self.assertEqual(action.id, data(end, 'action')['id'])
        self.assertEqual('RUNNING', data(start, 'action')['status'])
        self.assertIsNone(data(start, 'action')['end_time'])
        self.assertEqual('SUCCEEDED', data(end, 'action')['status'])
        self.assertIsInstance(data(end, 'action')['end_time'], float)
        # The sample in the admin guide has the same shape.
        with open(DOC_SAMPLE) as f:
            sample = json.load(f)
        self.assertEqual([], json_shape.shape_errors(sample, end))

    def test_failed_recover_is_an_error(self):
        node = self.active_node()
        self.enable()
        self.sim.control.fail_next('rebuild', server_id=node.physical_id)
        action = self.run_action(node.id, consts.NODE_RECOVER,
                                 inputs={'operation': 'REBUILD'})
        self.assertEqual(consts.ACTION_FAILED, action.status)
        messages = sent()
        self.assertEqual(['node.recover.start', 'node.recover.error'],
                         [m['event_type'] for _p, m in messages])
        self.assertEqual('ERROR', messages[1][0])
        self.assertEqual('FAILED', data(messages[1][1], 'action')['status'])
        self.assertEqual('ERROR', data(messages[1][1], 'node')['status'])

    def test_operation_uses_its_name(self):
        node = self.active_node()
        self.enable()
        self.run_action(node.id, consts.NODE_OPERATION,
                        inputs={'operation': 'reboot', 'params': {}})
        self.assertEqual(['node.reboot.start', 'node.reboot.end'],
                         [m['event_type'] for _p, m in sent()])

    def test_failure_to_send_does_not_fail_the_action(self):
        node = self.active_node()
        self.enable()
        with mock.patch.object(notifications, '_send',
                               side_effect=RuntimeError('broker down')):
            action = self.run_action(node.id, consts.NODE_CHECK)
        self.assertEqual(consts.ACTION_SUCCEEDED, action.status)
        self.assertEqual('ACTIVE', self.node(node.id).status)

    def test_cancelled_by_the_api(self):
        node = self.active_node()
        self.enable()
        self.engine.stop(graceful=False)  # keep the action READY
        action = self.new_action(node.id, consts.NODE_CHECK)
        row = db_api.action_cancel(self.admin, action.id)
        notifications.notify_cancelled(self.admin, row)
        (priority, message), = sent()
        self.assertEqual('ERROR', priority)
        self.assertEqual('node.check.error', message['event_type'])
        self.assertEqual('senlin-lite-api:engine-host-1',
                         message['publisher_id'])
        self.assertEqual('CANCELLED', data(message, 'action')['status'])
