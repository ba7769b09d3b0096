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

"""The common node action POST, answered without pecan.

``POST /v1/nodes/{id}/actions`` with a well-formed check or recover is
the request a health sweep sends by the thousand, and pecan's routing,
hooks and response object cost about as much CPU as the work itself. A
request that is plainly such a POST is answered here through the same
functions the controller uses (microversions, body, policy,
node_actions); anything unusual (another path, a body or header that
would get a 4xx, a denied policy check) goes to the pecan application
unchanged, before anything is written, so every error keeps its one
implementation. Errors of the submit itself are rendered as ErrorHook
renders them.
"""

import io
import json
import re

from oslo_serialization import jsonutils
import webob

from senlin_lite.api import body as api_body
from senlin_lite.api.controllers.v1 import node_actions as controller
from senlin_lite.api import errors
from senlin_lite.api import hooks
from senlin_lite.api import microversions
from senlin_lite.api import node_actions
from senlin_lite.common import exception
from senlin_lite.common import policy
from senlin_lite import conf

CONF = conf.CONF

# PATH_INFO is the URL's path decoded as latin-1 (PEP 3333): an
# identity outside ASCII goes to pecan, which decodes it as UTF-8.
_PATH = re.compile(r'/v1(?:\.0)?/nodes/([\x21-\x2e\x30-\x7e]+)/actions\Z')
_VERSION_ENVIRON = 'HTTP_' + microversions.HEADER.upper().replace('-', '_')


class Declined(Exception):
    """The request is not the common case: pecan answers it."""


class NodeActionExpress:
    """WSGI app: the express path in front of the pecan application."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        match = None
        if environ.get('REQUEST_METHOD') == 'POST':
            match = _PATH.match(environ.get('PATH_INFO', ''))
        if match is None:
            return self.app(environ, start_response)
        request = webob.Request(environ)
        try:
            prepared = _prepare(request)
        except Declined:
            return self.app(environ, start_response)
        return _submit(request, match.group(1), *prepared)(
            environ, start_response)


def _read_body(request):
    """The body as a JSON object; the stream is left readable again."""
    if not api_body.may_hold_json(request):
        raise Declined()
    if request.content_length > CONF.senlin_api.max_json_body_size:
        raise Declined()
    raw = request.environ['wsgi.input'].read(request.content_length)
    # Whatever happens next, pecan may still need to read the body.
    request.environ['wsgi.input'] = io.BytesIO(raw)
    if not raw.startswith(b'{'):
        raise Declined()
    try:
        return json.loads(raw)
    except ValueError:
        raise Declined()


def _action_of(data):
    """(action, verb, inputs) of a body the controller would accept."""
    if not isinstance(data, dict) or len(data) != 1:
        raise Declined()
    name, params = next(iter(data.items()))
    if name not in controller.ACTIONS or not isinstance(params, dict):
        raise Declined()
    if name == 'recover':
        try:
            params = node_actions.recover_inputs(params)
        except exception.SenlinLiteException:
            raise Declined()
    action, verb = controller.ACTIONS[name]
    return action, verb, params


def _caller(environ):
    """The caller's context, if the policy lets it run node actions."""
    ctx = hooks.caller_context(environ)
    if ctx is None:
        raise Declined()
    try:
        policy.authorize(ctx, 'nodes:action')
    except exception.Forbidden:
        raise Declined()
    return ctx


def _prepare(request):
    """Everything checked before anything is written, as pecan would.

    :raises Declined: for whatever the common case is not.
    """
    try:
        version = microversions.parse(
            {microversions.HEADER: request.environ[_VERSION_ENVIRON]}
            if _VERSION_ENVIRON in request.environ else {})
    except exception.SenlinLiteException:
        raise Declined()
    action, verb, inputs = _action_of(_read_body(request))
    return version, _caller(request.environ), action, verb, inputs


def _submit(request, identity, version, ctx, action, verb, inputs):
    try:
        row = node_actions.submit_to(hooks.engine_api(), ctx, identity,
                                     action, verb, inputs)
    except Exception as exc:
        # As ErrorHook renders it; a webob HTTP error answers for itself.
        return errors.exception_response(exc) or exc
    response = webob.Response(
        status=202, content_type='application/json', charset=None,
        body=jsonutils.dump_as_bytes({'action': row.id}, sort_keys=True))
    response.headers['Location'] = '%s/v1/actions/%s' % (
        request.application_url, row.id)
    response.headers[microversions.HEADER] = (
        microversions.header_value(version))
    response.headers.add('Vary', microversions.HEADER)
    return response
