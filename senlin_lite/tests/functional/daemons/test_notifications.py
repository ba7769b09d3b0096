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

"""Versioned notifications of a real engine, consumed from RabbitMQ."""

import queue
import time
import uuid

import kombu
from oslo_config import cfg
import oslo_messaging

from senlin_lite.tests.functional import client as api_client
from senlin_lite.tests.functional.daemons import base

EXCHANGE = 'senlin_lite'
PRIORITIES = ('info', 'warn', 'error')


class Collector:
    """A notification endpoint that queues what it receives."""

    def __init__(self):
        self.received = queue.Queue()

    def _record(self, priority, publisher_id, event_type, payload):
        self.received.put({'priority': priority,
                           'publisher_id': publisher_id,
                           'event_type': event_type, 'payload': payload})

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._record('INFO', publisher_id, event_type, payload)

    def warn(self, ctxt, publisher_id, event_type, payload, metadata):
        self._record('WARN', publisher_id, event_type, payload)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._record('ERROR', publisher_id, event_type, payload)


def data(payload, part):
    return payload['senlin_object.data'][part]['senlin_object.data']


class TestNotifications(base.DaemonTestCase):

    def setUp(self):
        super().setUp()
        self.topic = 'senlin-lite-ft-notify-%s' % uuid.uuid4().hex[:8]
        self.addCleanup(self._delete_queues)
        self.collector = Collector()
        self._start_listener()
        self.deployment = self.deploy(base.pg_url(), engines=1, extra={
            'oslo_messaging_notifications': {'driver': 'messagingv2',
                                             'topics': self.topic}})
        self.client = api_client.ClusteringClient(self.deployment.url)

    def _start_listener(self):
        conf = cfg.ConfigOpts()
        conf([], project='senlin_lite_ft', default_config_files=[])
        transport = oslo_messaging.get_notification_transport(
            conf, url=base.transport_url())
        self.addCleanup(transport.cleanup)
        listener = oslo_messaging.get_notification_listener(
            transport,
            [oslo_messaging.Target(topic=self.topic, exchange=EXCHANGE)],
            [self.collector], executor='threading')
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)

    def _delete_queues(self):
        # kombu names oslo.messaging's rabbit:// scheme amqp://.
        url = base.transport_url().replace('rabbit://', 'amqp://', 1)
        with kombu.Connection(url) as conn:
            channel = conn.channel()
            for priority in PRIORITIES:
                channel.queue_delete('%s.%s' % (self.topic, priority))

    def wait_for(self, event_type, action_id, timeout=30):
        """The first notification of ``event_type`` about ``action_id``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.fail('no %s notification for action %s'
                          % (event_type, action_id))
            try:
                item = self.collector.received.get(timeout=left)
            except queue.Empty:
                continue
            action = data(item['payload'], 'action')
            if (item['event_type'] == event_type and
                    action['id'] == action_id):
                return item

    def test_check_start_and_end(self):
        profile = self.client.create_profile('notify-prof')
        node = self.client.create_node(profile['id'], 'notify-node')
        resp = self.client.node_action(node['id'], {'check': {}})
        action_id = self.client.action_id(resp)

        start = self.wait_for('node.check.start', action_id)
        end = self.wait_for('node.check.end', action_id)

        for item in (start, end):
            self.assertEqual('senlin-lite-engine:engine0',
                             item['publisher_id'])
            self.assertEqual('INFO', item['priority'])
            self.assertEqual('NodeActionPayload',
                             item['payload']['senlin_object.name'])
            self.assertEqual(node['id'], data(item['payload'], 'node')['id'])
        self.assertEqual('RUNNING', data(start['payload'], 'action')['status'])
        self.assertEqual('SUCCEEDED', data(end['payload'], 'action')['status'])
        self.assertEqual('ACTIVE', data(end['payload'], 'node')['status'])
        self.assertEqual('NODE_CHECK',
                         data(end['payload'], 'action')['action'])
