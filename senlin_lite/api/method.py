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

"""How controllers are exposed: generic routes rendering sorted JSON.

A resource controller decorates an empty ``index`` with ``method.route``
and registers one handler per HTTP verb on it with ``method.when``.
Handlers take no arguments besides ``self`` (identifiers are bound by
``member_route``), return plain data and leave status and rendering here.
An unknown verb on a known path is a plain 404 (contract 1.6).
"""

import functools

from oslo_serialization import jsonutils
import pecan
from pecan import routing as pecan_routing
from webob import exc as webob_exc

JSON = 'application/json'


def route(func):
    """Mark ``func`` as a generic entry point; unknown verbs get a 404."""
    @functools.wraps(func)
    def not_found(self, *args, **kwargs):
        raise webob_exc.HTTPNotFound()
    return pecan.expose(generic=True, content_type=JSON)(not_found)


def member_route(make_member):
    """pecan's ``_route`` for a collection: /<collection>/<identity>/...

    ``make_member(identity)`` builds the controller of one member; a
    child controller set as an attribute of the collection (profiles'
    ``validate``) keeps its name. pecan reaches a ``_lookup`` only after
    its attribute walk has failed and it has built a 404 response to
    drop: about a tenth of an API worker's CPU per node action.
    """
    @pecan.expose()
    def _route(self, args, request):
        child = vars(type(self)).get(args[0])
        if child is None or callable(child):
            child = make_member(args[0])
        return pecan_routing.lookup_controller(child, list(args[1:]),
                                               request)
    return _route


def when(entry, verb, status=200, raw=False):
    """Register the decorated function as ``entry``'s handler for ``verb``.

    The handler's return value is the JSON body; ``status`` is the
    response status. ``raw`` marks answers that carry no version headers
    (contract 1.3: PATCH action, DELETE profile); a 204 has no body.
    """
    def decorator(func):
        @functools.wraps(func)
        def handler(self):
            return render(func(self), status, raw)
        return entry.when(method=verb, content_type=JSON)(handler)
    return decorator


def render(result, status=200, raw=False):
    response = pecan.response
    response.status = status
    pecan.request.raw_response = raw
    if status == 204:
        response.content_type = None
        response.body = b''
        return response
    response.content_type = JSON
    response.text = jsonutils.dumps(result, sort_keys=True)
    return response
