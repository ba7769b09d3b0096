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

"""WSGI middleware of the API pipelines."""

import functools
import inspect
import re

from oslo_context import context
from oslo_middleware import base as oslo_base
from oslo_middleware import cors
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import webob.dec

DEFAULT_USER = 'demo'
DEFAULT_PROJECT = 'demo'
DEFAULT_ROLES = 'member'

# Keystone's default implied roles (keystone-manage bootstrap): a token of
# a member also lists reader, an admin's also member and reader.
IMPLIED_ROLES = {
    'admin': ('member', 'reader'),
    'member': ('reader',),
}


def with_implied_roles(roles):
    """``roles`` plus the roles they imply, in a stable order."""
    result = []
    for role in roles:
        for name in (role,) + IMPLIED_ROLES.get(role.lower(), ()):
            if name not in result:
                result.append(name)
    return result


class NoAuthMiddleware:
    """Trust the identity headers a client sends (``noauth`` strategy).

    For development and tests: ``X-User-Id``, ``X-Project-Id``,
    ``X-Domain-Id`` and ``X-Roles`` are taken as sent; a missing user or
    project becomes ``demo`` and missing roles ``member``, so that plain
    curl works. Roles are completed with the ones Keystone's default roles
    imply (admin: member, reader; member: reader), so the policy defaults
    treat a request as they would a real token with the same roles.
    """

    def __init__(self, app):
        self.app = app

    @classmethod
    def factory(cls, global_conf, **local_conf):
        def _filter(app):
            return cls(app)
        return _filter

    def __call__(self, environ, start_response):
        for key, default in (('HTTP_X_USER_ID', DEFAULT_USER),
                             ('HTTP_X_PROJECT_ID', DEFAULT_PROJECT),
                             ('HTTP_X_ROLES', DEFAULT_ROLES)):
            if not environ.get(key, '').strip():
                environ[key] = default
        roles = [r.strip() for r in environ['HTTP_X_ROLES'].split(',')]
        environ['HTTP_X_ROLES'] = ','.join(
            with_implied_roles([r for r in roles if r]))
        environ['HTTP_X_IDENTITY_STATUS'] = 'Confirmed'
        return self.app(environ, start_response)


class _SignatureOnce:
    """oslo.middleware's request handling, done only where it acts.

    ``ConfigurableMiddleware.__call__`` asks ``inspect``, on every
    request, whether ``process_response`` takes the request: about 17
    microseconds a request for each such middleware, for an answer that
    depends on the class alone. It also wraps every request and response
    in webob objects, about 0.1 ms of a POST's 1 ms of CPU for the two
    middlewares below, most of them for requests they leave alone: a
    request that ``acts_on`` says is not for the middleware goes to the
    application as it came. The handling is otherwise the same.
    """

    def acts_on(self, environ):
        return True

    def __call__(self, environ, start_response):
        if not self.acts_on(environ):
            return self.application(environ, start_response)
        return self._handle(environ, start_response)

    @webob.dec.wsgify(RequestClass=oslo_base.NoContentTypeRequest)
    def _handle(self, req):
        response = self.process_request(req)
        if response:
            return response
        response = req.get_response(self.application)
        if _takes_request(type(self)):
            return self.process_response(response, request=req)
        return self.process_response(response)


@functools.lru_cache(maxsize=None)
def _takes_request(middleware_class):
    parameters = inspect.signature(middleware_class.process_response)
    return 'request' in parameters.parameters


class CORS(_SignatureOnce, cors.CORS):
    """oslo.middleware's CORS (``[cors]`` options)."""

    def acts_on(self, environ):
        # It adds headers only to a request with an Origin, and answers
        # every preflight (OPTIONS), with an Origin or not.
        return ('HTTP_ORIGIN' in environ or
                environ.get('REQUEST_METHOD') == 'OPTIONS')


class HTTPProxyToWSGI(_SignatureOnce, http_proxy_to_wsgi.HTTPProxyToWSGI):
    """oslo.middleware's HTTPProxyToWSGI (``[oslo_middleware]`` options)."""

    def acts_on(self, environ):
        return self._conf_get('enable_proxy_headers_parsing')


_GLOBAL_ID_FORMAT = re.compile(request_id.ID_FORMAT)


class RequestId(request_id.RequestId):
    """oslo.middleware's RequestId, on the WSGI call itself.

    The same ids, environ keys and response header, but without a webob
    request and response around every call: they were 7 % of an API
    worker's CPU per node action POST (performance.rst).
    """

    def __init__(self, application, conf=None):
        super().__init__(application, conf)
        self._id_headers = [request_id.HTTP_RESP_HEADER_REQUEST_ID] + list(
            self.compat_headers)

    def __call__(self, environ, start_response):
        inbound = environ.get('HTTP_X_OPENSTACK_REQUEST_ID', '')
        if _GLOBAL_ID_FORMAT.match(inbound):
            environ[request_id.GLOBAL_REQ_ID] = inbound
        req_id = context.generate_request_id()
        environ[request_id.ENV_REQUEST_ID] = req_id

        def start_with_id(status, headers, exc_info=None):
            present = {name.lower() for name, _value in headers}
            headers = list(headers) + [(name, req_id)
                                       for name in self._id_headers
                                       if name.lower() not in present]
            return start_response(status, headers, exc_info)
        return self.application(environ, start_with_id)
