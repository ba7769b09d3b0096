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

"""Versioned notifications about node actions (contract 3.16).

Every event the engine records about a node can also be published with
oslo.messaging's Notifier, configured in ``[oslo_messaging_notifications]``
(``driver``, ``topics``, ``transport_url``, ``retry``). Nothing is built
or sent unless a driver is configured, which is the default.

A notification goes out only after the transaction that stored its event
has committed, and sending it never changes how the action ends: errors
are logged and dropped.

Message shape::

    event_type    node.<verb>.<phase>   e.g. node.check.start,
                  node.recover.end, node.reboot.error (the operation name
                  for NODE_OPERATION)
    publisher_id  senlin-lite-engine:<[DEFAULT] host>
    priority      the event level: INFO, WARN, ERROR, ...
    payload       a NodeActionPayload primitive: node, action, exception
"""

import threading

from oslo_log import log as logging
import oslo_messaging

from senlin_lite.common import consts
from senlin_lite.common import messaging
from senlin_lite.common import utils
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF
LOG = logging.getLogger(__name__)

ENGINE_PUBLISHER = consts.ENGINE_BINARY
API_PUBLISHER = 'senlin-lite-api'

# The payload imitates Senlin's versioned objects (their primitive form,
# in Senlin's namespace), so consumers written for Senlin read it as is.
PAYLOAD_NAMESPACE = 'senlin'
PAYLOAD_VERSION = '1.0'

NODE_FIELDS = ('id', 'name', 'profile_id', 'cluster_id', 'physical_id',
               'index', 'role', 'init_at', 'created_at', 'updated_at',
               'status', 'status_reason', 'metadata', 'data', 'user',
               'project', 'domain', 'dependents')
ACTION_FIELDS = ('id', 'name', 'created_at', 'target', 'action',
                 'start_time', 'end_time', 'timeout', 'status',
                 'status_reason', 'inputs', 'outputs', 'data', 'user',
                 'project')

_NOTIFIERS = {}
_TRANSPORT = None
_LOCK = threading.Lock()


def enabled():
    """True when a driver other than ``noop`` is configured."""
    if not hasattr(CONF, messaging.NOTIFICATIONS_GROUP):
        messaging.set_notification_defaults(CONF)
    drivers = [d for d in CONF.oslo_messaging_notifications.driver
               if d and d != 'noop']
    return bool(drivers)


def _notifier(binary):
    global _TRANSPORT
    with _LOCK:
        if binary not in _NOTIFIERS:
            if _TRANSPORT is None:
                _TRANSPORT = oslo_messaging.get_notification_transport(CONF)
            _NOTIFIERS[binary] = oslo_messaging.Notifier(
                _TRANSPORT, publisher_id='%s:%s' % (binary, CONF.host),
                serializer=messaging.RequestContextSerializer())
        return _NOTIFIERS[binary]


def cleanup():
    """Drop the notifiers and close their transport (process stop)."""
    global _TRANSPORT
    with _LOCK:
        _NOTIFIERS.clear()
        if _TRANSPORT is not None:
            _TRANSPORT.cleanup()
            _TRANSPORT = None


def _primitive(name, data):
    return {'senlin_object.name': name,
            'senlin_object.namespace': PAYLOAD_NAMESPACE,
            'senlin_object.version': PAYLOAD_VERSION,
            'senlin_object.data': data}


def node_payload(node):
    values = {field: getattr(node, field, None) for field in NODE_FIELDS}
    values['metadata'] = getattr(node, 'meta_data', None)
    values['cluster_id'] = node.cluster_id or ''
    for field in ('init_at', 'created_at', 'updated_at'):
        values[field] = utils.isotime(values[field])
    return _primitive('NodePayload', values)


def action_payload(action):
    values = {field: getattr(action, field, None) for field in ACTION_FIELDS}
    values['created_at'] = utils.isotime(action.created_at)
    values['start_time'] = utils.epoch(action.start_time)
    values['end_time'] = utils.epoch(action.end_time)
    return _primitive('ActionPayload', values)


def payload(node, action):
    return _primitive('NodeActionPayload', {
        'node': node_payload(node), 'action': action_payload(action),
        'exception': None})


def event_type(values):
    """``node.<verb>.<phase>`` of an event's values."""
    verb = values['action'] or ''
    if verb.startswith('NODE_'):
        verb = verb[len('NODE_'):]
    return 'node.%s.%s' % (verb.lower(), values['status'])


def _priority(values):
    level = consts.EVENT_LEVEL_NAMES.get(int(values['level']), 'INFO')
    return level.lower()


def _send(binary, context, values, node, action):
    notify = getattr(_notifier(binary), _priority(values))
    notify(context, event_type(values), payload(node, action))


def notify_events(context, action_id, events, node=None,
                  binary=ENGINE_PUBLISHER):
    """Publish ``events`` (event values already committed) of an action.

    The action and node are read back so that the payload shows what the
    transaction wrote; ``node`` stands in when the node row is gone (a
    finished delete). Never raises.
    """
    if not events or not enabled():
        return
    try:
        action = db_api.action_get(context, action_id, project_safe=False)
        current = node
        if node is not None:
            current = db_api.node_get(context, node.id,
                                      project_safe=False) or node
        if action is None or current is None:
            return
        for values in events:
            _send(binary, context, values, current, action)
    except Exception:
        LOG.exception('Could not send the notifications of action %s',
                      action_id)


def notify_cancelled(context, action, binary=API_PUBLISHER):
    """The ``error`` notification of an action the API ended as CANCELLED.

    The API writes that event itself (a READY action, or any action
    cancelled with force); ``action`` is the row it returned.
    """
    if action.status != consts.ACTION_CANCELLED or not enabled():
        return
    try:
        node = db_api.node_get(context, action.target, project_safe=False)
        if node is None:
            return
        values = db_api.node_event(node, action, 'ERROR',
                                   consts.EVENT_PHASE_ERROR, '')
        _send(binary, context, values, node, action)
    except Exception:
        LOG.exception('Could not send the notification of cancelled '
                      'action %s', action.id)
