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

"""The openstacksdk connection profiles use, and small helpers around it.

Whose credentials a connection carries (``cloud_backend = openstack``):

* an engine running an action acts for the user who asked for it, through
  the Keystone trust stored with the action (``Credentials.trust_id``):
  the ``[compute_auth]`` account authenticates as trustee and gets a token
  of the trustor in the node's project;
* the API (``show_details``) uses the caller's own token;
* otherwise the ``[compute_auth]`` account as configured.

Connections are cached per thread. A keystoneauth Session wraps a
``requests.Session``, which is not documented as thread-safe, and
openstacksdk builds its service proxies lazily without locking, so
sharing one Connection among the engine's worker threads could race.
One Connection per (thread, settings) costs one version discovery per
worker thread and nothing afterwards; the token cache of a keystone
session is per Connection too, which is fine for a bounded pool.
Connections on a caller's token live for one request and are not cached.
"""

import collections
import os
import threading
import time
import urllib.request

from keystoneauth1 import access
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import access as access_plugin
from keystoneauth1.identity import v3 as identity_v3
from keystoneauth1 import loading as ks_loading
import openstack
from openstack import exceptions as sdk_exc
import requests

from senlin_lite import conf
from senlin_lite.profiles import http_session
from senlin_lite.profiles import opts as profile_opts
from senlin_lite.sim import opts as sim_opts
from senlin_lite import version

CONF = conf.CONF
APP_NAME = 'senlin_lite'
API_TIMEOUT = 60
# Retries of a check's status GET after a connection failure.
STATUS_CONNECT_RETRIES = 1
GROUP = profile_opts.GROUP.name

# Connections one thread keeps; the oldest is dropped beyond this.
MAX_CACHED = 16

# What a cloud call may raise; anything else is a programming error.
CLOUD_ERRORS = (sdk_exc.SDKException, ks_exc.ClientException,
                requests.RequestException)

# Scope options a trust-scoped authentication must not carry.
_SCOPE_OPTIONS = ('project_id', 'project_name', 'project_domain_id',
                  'project_domain_name', 'domain_id', 'domain_name',
                  'system_scope')

_local = threading.local()
_register_lock = threading.Lock()
_opts_registered = False


class Credentials(collections.namedtuple(
        'Credentials', 'trust_id token token_info project_id')):
    """Whose rights a connection uses; see the module docstring."""

    @classmethod
    def of(cls, context):
        """The credentials a request context offers (None: the service)."""
        if context is None:
            return None
        trust_id = getattr(context, 'trust_id', None)
        if trust_id:
            return cls(trust_id, None, None, None)
        if getattr(context, 'auth_token', None):
            return cls(None, context.auth_token,
                       getattr(context, 'auth_token_info', None),
                       context.project_id)
        return None


def _register_opts():
    """Register our options once.

    Every register_opts() call empties oslo.config's cache of parsed
    values, so registering on each call (once per action) made every
    option read in the process parse its value again.
    """
    global _opts_registered
    if _opts_registered:
        return
    with _register_lock:
        if not _opts_registered:
            profile_opts.register_opts(CONF)
            sim_opts.register_opts(CONF)
            _opts_registered = True


def service_auth(**overrides):
    """The ``[compute_auth]`` auth plugin; ``overrides`` replace options."""
    _register_opts()
    auth = ks_loading.load_auth_from_conf_options(CONF, GROUP, **overrides)
    if auth is None:
        raise ks_exc.MissingAuthPlugin(
            '[%s] auth_type is not set' % GROUP)
    return auth


def trust_auth(trust_id):
    """The ``[compute_auth]`` account authenticating as a trust's trustee.

    Needs a password-like auth_type (``password``, ``v3password``): the
    trust replaces the project scope of the configuration.
    """
    _register_opts()
    name = CONF[GROUP].auth_type
    if not name:
        raise ks_exc.MissingAuthPlugin('[%s] auth_type is not set' % GROUP)
    known = {opt.dest for opt in
             ks_loading.get_plugin_loader(name).get_options()}
    if not {'trust_id', 'password'} <= known:
        raise ks_exc.AuthPluginException(
            '[%s] auth_type %s cannot authenticate with a trust; use '
            'password' % (GROUP, name))
    scope = {key: None for key in _SCOPE_OPTIONS if key in known}
    return service_auth(trust_id=trust_id, **scope)


def token_auth(credentials):
    """An auth plugin on a caller's token (as auth_token validated it)."""
    if credentials.token_info:
        auth_ref = access.create(body=credentials.token_info,
                                 auth_token=credentials.token)
        return access_plugin.AccessInfoPlugin(auth_ref)
    return identity_v3.Token(auth_url=service_auth().auth_url,
                             token=credentials.token,
                             project_id=credentials.project_id)


def session(auth):
    """A keystoneauth Session with ``[compute_auth]``'s TLS/timeouts."""
    _register_opts()
    return ks_loading.load_session_from_conf_options(CONF, GROUP, auth=auth)


def _settings(region_name=None):
    backend = CONF.cloud_backend
    if backend == 'openstack_test':
        return (backend, CONF.nova_sim.endpoint.rstrip('/'))
    return (backend, region_name or CONF.compute_auth.region_name,
            CONF.compute_auth.interface)


def _sim_connection(endpoint):
    return openstack.connection.Connection(
        auth_type='none',
        compute_endpoint_override=endpoint + '/v2.1',
        image_endpoint_override=endpoint + '/image',
        compute_api_version='2', image_api_version='2',
        api_timeout=API_TIMEOUT, app_name=APP_NAME,
        app_version=version.version_string())


def cloud_connection(region_name=None, interface=None, credentials=None):
    """A new Connection to the cloud with the given credentials."""
    if credentials is None:
        auth = service_auth()
    elif credentials.trust_id:
        auth = trust_auth(credentials.trust_id)
    else:
        auth = token_auth(credentials)
    return openstack.connection.Connection(
        session=session(auth),
        region_name=region_name or CONF.compute_auth.region_name,
        interface=interface or CONF.compute_auth.interface,
        compute_api_version='2', image_api_version='2',
        app_name=APP_NAME, app_version=version.version_string())


# Where requests finds a CA bundle in the environment, in its order.
_CA_BUNDLE_VARIABLES = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE')


def _environment_sets_more_than_a_ca_bundle():
    """Whether the environment names proxies or netrc credentials."""
    if urllib.request.getproxies() or os.environ.get('NETRC'):
        return True
    return any(os.path.exists(os.path.expanduser(name))
               for name in ('~/.netrc', '~/_netrc'))


def _skip_environment_lookups(conn):
    """Read once what requests would read from the environment per call.

    requests looks up proxy variables, the netrc file and the CA bundle
    variables on every call (a sixth of an engine's CPU per check). With
    no proxy and no netrc, all the environment can change is the CA
    bundle used when verification is on: that is set on the session
    once, and the per-call lookups are turned off, which lets plain calls
    take APISession's direct path (``http_session``). Otherwise they are
    kept as they are.
    """
    if _environment_sets_more_than_a_ca_bundle():
        return
    session = conn.session
    if session.verify is True or session.verify is None:
        bundle = next((os.environ[name] for name in _CA_BUNDLE_VARIABLES
                       if os.environ.get(name)), None)
        if bundle:
            session.verify = bundle
    session.session.trust_env = False
    session.session = http_session.api_session(session.session)


def connection(region_name=None, credentials=None):
    """A Connection for the configured cloud backend.

    ``credentials`` (see ``Credentials``) are ignored by the simulator
    backend, which needs none.
    """
    _register_opts()
    key = _settings(region_name)
    if key[0] == 'openstack_test':
        credentials = None
    elif credentials is not None and not credentials.trust_id:
        return cloud_connection(key[1], key[2], credentials)
    key = key + ((credentials.trust_id,) if credentials else ())
    cache = getattr(_local, 'connections', None)
    if cache is None:
        cache = _local.connections = collections.OrderedDict()
    conn = cache.get(key)
    if conn is None:
        if key[0] == 'openstack_test':
            conn = _sim_connection(key[1])
        else:
            conn = cloud_connection(key[1], key[2], credentials)
        _skip_environment_lookups(conn)
        cache[key] = conn
        while len(cache) > MAX_CACHED:
            cache.popitem(last=False)
    return conn


def reset_connections():
    """Drop this thread's cached connections (tests, reconfiguration)."""
    _local.connections = collections.OrderedDict()


def error_text(exc):
    """The cloud's own message for an exception, as Senlin reports it.

    For HTTP errors that is the ``message`` inside the JSON error body
    (``{"itemNotFound": {"message": ...}}``); otherwise ``str(exc)``.
    """
    response = getattr(exc, 'response', None)
    if response is not None:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            for value in body.values():
                if isinstance(value, dict) and value.get('message'):
                    return str(value['message'])
            if isinstance(body.get('message'), str):
                return body['message']
    return str(exc)


def status_code(exc):
    return getattr(exc, 'status_code', None) or 500


class WaitFailed(Exception):
    """A wait ended badly: ERROR, timeout or the server went away."""


def _fault_text(server):
    fault = server.fault or {}
    if isinstance(fault, dict) and fault.get('message'):
        return fault['message']
    return 'The server %s is in ERROR status' % server.id


def pause(seconds, guard, interval=None):
    """Sleep ``seconds`` in slices, calling ``guard`` between them."""
    deadline = time.monotonic() + seconds
    step = interval or CONF.server_poll_interval
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(step, left))
        guard()


def server_status(conn, server_id):
    """The status of a server, read with one GET and no SDK resource.

    A check needs one field; building openstacksdk's Server resource
    from the reply costs more CPU than the rest of the check together.
    The request still goes through the SDK's compute proxy (endpoint,
    auth, retries) and its errors are the SDK's own.
    """
    # One retry when the connection fails: a server or proxy closing an
    # idle keep-alive connection just as it is reused ("Remote end closed
    # connection without response") must not fail a check. A GET is
    # safe to send twice; keystoneauth logs the retry.
    response = conn.compute.get('/servers/%s' % server_id,
                                connect_retries=STATUS_CONNECT_RETRIES)
    sdk_exc.raise_from_response(response)
    try:
        return response.json()['server']['status']
    except (ValueError, KeyError, TypeError):
        raise sdk_exc.SDKException('Unexpected reply for server %s: %s'
                                   % (server_id, response.text[:200]))


def wait_for_status(conn, server_id, status, guard, timeout=None):
    """Poll until the server shows ``status`` with no task running.

    :raises WaitFailed: ERROR (with Nova's fault message), timeout, or
        the server disappeared.
    :raises: a cloud error from a poll, or whatever ``guard`` raises.
    """
    timeout = timeout or CONF.default_nova_timeout
    deadline = time.monotonic() + timeout
    while True:
        try:
            server = conn.compute.get_server(server_id)
        except sdk_exc.NotFoundException:
            raise WaitFailed('The server %s disappeared while waiting for '
                             '%s status' % (server_id, status))
        if server.status == status and not server.task_state:
            return server
        if server.status == 'ERROR' and not server.task_state:
            raise WaitFailed(_fault_text(server))
        if time.monotonic() >= deadline:
            raise WaitFailed('Timeout waiting for server %s to become %s '
                             '(%s s)' % (server_id, status, timeout))
        pause(CONF.server_poll_interval, guard)


def wait_for_delete(conn, server_id, guard, timeout=None):
    """Poll until the server answers 404.

    :raises WaitFailed: the deletion ended in ERROR, or timeout.
    """
    timeout = timeout or CONF.default_nova_timeout
    deadline = time.monotonic() + timeout
    while True:
        try:
            server = conn.compute.get_server(server_id)
        except sdk_exc.NotFoundException:
            return
        if server.status == 'ERROR' and not server.task_state:
            raise WaitFailed(_fault_text(server))
        if time.monotonic() >= deadline:
            raise WaitFailed('Timeout waiting for server %s to be deleted '
                             '(%s s)' % (server_id, timeout))
        pause(CONF.server_poll_interval, guard)
