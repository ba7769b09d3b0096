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

"""Pecan hooks: they carry request state and render errors.

* RequestHook negotiates the microversion and reads the JSON body before
  routing, so that their errors come first (contract 1.3, 1.4).
* ContextHook builds the RequestContext from the auth headers.
* EngineHook gives controllers ``request.engine_api()``, the process-wide
  engine RPC client, created on first use.
* VersionHeaderHook echoes the negotiated version on successful /v1
  responses.
* ErrorHook renders every error as the body of contract 1.6.
"""

import threading

from pecan import hooks
from webob import exc as webob_exc

from senlin_lite.api import body
from senlin_lite.api import errors
from senlin_lite.api import microversions
from senlin_lite.common import context
from senlin_lite.common import policy
from senlin_lite.engine import rpcapi

JSON = 'application/json'
V1_SEGMENTS = ('v1', 'v1.0')

# Seconds a synchronous engine call (build-info) may wait for a reply.
ENGINE_CALL_TIMEOUT = 10

_ENGINE_API = None
_ENGINE_LOCK = threading.Lock()


def engine_api():
    """The engine RPC client of this process, created on first use."""
    global _ENGINE_API
    with _ENGINE_LOCK:
        if _ENGINE_API is None:
            _ENGINE_API = rpcapi.EngineAPI(timeout=ENGINE_CALL_TIMEOUT)
        return _ENGINE_API


def reset_engine_api():
    """Forget the client (tests, or after the transport was cleaned up)."""
    global _ENGINE_API
    with _ENGINE_LOCK:
        _ENGINE_API = None


def is_v1(request):
    return request.path_info.lstrip('/').split('/', 1)[0] in V1_SEGMENTS


class RequestHook(hooks.PecanHook):
    """Version, body and content type, before any routing happens."""

    priority = 10

    def on_route(self, state):
        request = state.request
        # Every answer is JSON whatever Accept says; this also keeps
        # pecan from guessing a type from a dotted name in the path.
        request.pecan['content_type'] = JSON
        request.api_version = None
        request.request_data = None
        request.raw_response = False
        if is_v1(request):
            request.api_version = microversions.parse(request.headers)
            request.request_data = body.parse(request)


class ContextHook(hooks.PecanHook):
    """The caller's RequestContext, from the headers auth_token sets.

    ``is_admin`` comes from the policy rule ``context_is_admin``. A
    request whose identity was not confirmed (auth_token with delayed
    decisions) is refused here.
    """

    priority = 20

    def before(self, state):
        ctx = caller_context(state.request.environ)
        if ctx is None:
            raise webob_exc.HTTPUnauthorized()
        state.request.ctx = ctx


def caller_context(environ):
    """The caller's RequestContext; None if the identity is unconfirmed."""
    if environ.get('HTTP_X_IDENTITY_STATUS', 'Confirmed') != 'Confirmed':
        return None
    ctx = context.RequestContext.from_environ(
        environ, auth_token_info=environ.get('keystone.token_info'))
    ctx.is_admin = policy.check_is_admin(ctx)
    return ctx


class EngineHook(hooks.PecanHook):

    priority = 30

    def before(self, state):
        state.request.engine_api = engine_api


class VersionHeaderHook(hooks.PecanHook):

    priority = 40

    def after(self, state):
        request, response = state.request, state.response
        version = getattr(request, 'api_version', None)
        if (version is None or response.status_int >= 400 or
                getattr(request, 'raw_response', False)):
            return
        response.headers[microversions.HEADER] = (
            microversions.header_value(version))
        response.headers.add('Vary', microversions.HEADER)


class ErrorHook(hooks.PecanHook):

    priority = 1

    def on_error(self, state, exc):
        return errors.exception_response(exc)
