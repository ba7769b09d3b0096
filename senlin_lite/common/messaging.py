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

"""oslo.messaging set-up: one transport per process, context serializer."""

import threading

from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging.notify import notifier
from oslo_messaging import opts as messaging_opts
from oslo_messaging.rpc import dispatcher

from senlin_lite.common import context as senlin_context
from senlin_lite import conf

CONF = conf.CONF

NOTIFICATIONS_GROUP = 'oslo_messaging_notifications'
# senlin_lite's defaults for oslo.messaging's notification options: the
# topic of versioned notifications, and a bounded number of send retries
# so that a broker outage cannot hold an engine worker forever.
NOTIFICATION_TOPICS = ['versioned_notifications']
NOTIFICATION_RETRY = 3
# Threads reading RPC messages in a server (see get_rpc_server).
RPC_EXECUTOR_THREADS = 8

_TRANSPORT = None
_TRANSPORT_URL = None  # None: [DEFAULT] transport_url
_LOCK = threading.Lock()


class RequestContextSerializer(messaging.Serializer):
    """Context travels as a dict; payloads are plain ids and dicts."""

    def serialize_entity(self, ctxt, entity):
        return entity

    def deserialize_entity(self, ctxt, entity):
        return entity

    def serialize_context(self, ctxt):
        return ctxt.to_dict()

    def deserialize_context(self, ctxt):
        return senlin_context.RequestContext.from_dict(ctxt)


def set_defaults(control_exchange='senlin_lite'):
    messaging.set_transport_defaults(control_exchange)
    set_notification_defaults(CONF)


def set_notification_defaults(conf=CONF):
    """Our defaults for [oslo_messaging_notifications] topics and retry.

    They are set on the option objects oslo.messaging itself registers
    (it offers no public hook for these), so the sample generator and any
    later registration see them. Notifications stay off: ``driver`` keeps
    its empty default.
    """
    opts = notifier._notifier_opts
    cfg.set_defaults(opts, topics=NOTIFICATION_TOPICS,
                     retry=NOTIFICATION_RETRY)
    conf.register_opts(opts, group=NOTIFICATIONS_GROUP)


def use_in_process_transport():
    """Make every RPC of this process go through the in-memory driver.

    The all-in-one command runs API and engine in one process; it must not
    reach for a broker whatever the configuration files say.
    """
    global _TRANSPORT_URL
    _TRANSPORT_URL = 'fake:/'
    cleanup()


def get_transport():
    """The RPC transport of this process, built from ``transport_url``."""
    global _TRANSPORT
    with _LOCK:
        if _TRANSPORT is None:
            _TRANSPORT = messaging.get_rpc_transport(
                CONF, url=_TRANSPORT_URL)
        return _TRANSPORT


def cleanup():
    global _TRANSPORT
    with _LOCK:
        if _TRANSPORT is not None:
            _TRANSPORT.cleanup()
            _TRANSPORT = None


def get_rpc_client(topic, version, version_cap=None, timeout=None):
    target = messaging.Target(topic=topic, version=version)
    return messaging.get_rpc_client(
        get_transport(), target, version_cap=version_cap,
        serializer=RequestContextSerializer(), timeout=timeout)


def get_rpc_server(topic, server, endpoints, version):
    """An RPC server whose executor defaults to a few threads.

    Our endpoints only hand work to a pool of their own and return, so
    oslo.messaging's default of 64 executor threads would only add
    threads contending for the GIL. ``executor_thread_pool_size`` set in
    the configuration still wins.
    """
    target = messaging.Target(topic=topic, server=server, version=version)
    rpc_server = messaging.get_rpc_server(
        get_transport(), target, endpoints, executor='threading',
        serializer=RequestContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy)
    # The option exists once a server has registered it.
    messaging_opts.set_defaults(
        CONF, executor_thread_pool_size=RPC_EXECUTOR_THREADS)
    return rpc_server
