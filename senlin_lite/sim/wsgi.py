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

"""A few dozen lines of routing on top of webob, shared by the sub-apps."""

import json
import re

from oslo_log import log as logging
import webob

from senlin_lite.sim import cloud as sim_cloud

LOG = logging.getLogger(__name__)

NOVA_ERROR_KEYS = {
    400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound',
    405: 'methodNotAllowed', 406: 'notAcceptable',
    409: 'conflictingRequest', 413: 'overLimit', 500: 'computeFault',
    501: 'notImplemented', 503: 'serviceUnavailable',
}


def nova_error(code, message):
    """Nova's error body: ``{"itemNotFound": {"code": 404, ...}}``."""
    key = NOVA_ERROR_KEYS.get(code, 'computeFault')
    return {key: {'code': code, 'message': message}}


def plain_error(code, message):
    return {'error': {'code': code, 'message': message}}


def json_response(body=None, status=200, headers=None):
    resp = webob.Response(status=status, headers=headers or {})
    if body is None:
        resp.content_type = None
        resp.body = b''
    else:
        resp.content_type = 'application/json'
        resp.charset = None
        resp.body = json.dumps(body).encode('utf-8')
    return resp


def json_body(req, required=True):
    """The request body as JSON (None when empty and not required)."""
    if not req.body:
        if required:
            raise sim_cloud.SimError(400, 'The request body is missing.')
        return None
    try:
        return json.loads(req.body)
    except ValueError:
        raise sim_cloud.SimError(400, 'Malformed request body.')


def base_url(req):
    return req.environ.get('sim.base') or req.host_url


class Router(object):
    """Maps (method, path regex) to handlers ``handler(req, **groups)``."""

    def __init__(self, error_body):
        self._routes = []
        self._error_body = error_body

    def add(self, method, pattern, handler):
        self._routes.append((method, re.compile('^%s/?$' % pattern),
                             handler))

    def error(self, code, message, headers=None):
        return json_response(self._error_body(code, message), code,
                             headers)

    def dispatch(self, req, path):
        allowed = False
        for method, regex, handler in self._routes:
            match = regex.match(path)
            if not match:
                continue
            allowed = True
            if method != req.method:
                continue
            try:
                return handler(req, **match.groupdict())
            except sim_cloud.SimError as exc:
                return self.error(exc.code, exc.message)
        if allowed:
            return self.error(405, 'The method %s is not allowed for this '
                              'resource.' % req.method)
        return self.error(404, 'The resource could not be found.')
