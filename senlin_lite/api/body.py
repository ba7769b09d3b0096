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

"""Request bodies (contract 1.4).

A body counts only when it is non-empty, its content type is JSON, plain
text or absent, and it starts with ``{``; anything else is "no body".
"""

import json

from senlin_lite.common import exception
from senlin_lite import conf

CONF = conf.CONF

_CONTENT_TYPES = ('', 'application/json', 'json', 'text/plain')

NO_BODY_MESSAGE = ('The server could not comply with the request since it '
                   'is either malformed or otherwise incorrect.')


def may_hold_json(request):
    """Whether the length and content type let the body be JSON."""
    length = request.content_length
    if not length or length <= 0:
        return False
    return (request.content_type or '').lower() in _CONTENT_TYPES


def check_size(request):
    """Refuse an oversized JSON body before anything reads it whole."""
    limit = CONF.senlin_api.max_json_body_size
    if not may_hold_json(request) or request.content_length <= limit:
        return
    if not request.body_file_seekable.read(1).startswith(b'{'):
        request.body_file_seekable.seek(0)
        return
    raise exception.RequestLimitExceeded(
        reason='JSON body size (%d bytes) exceeds maximum allowed size '
               '(%d bytes).' % (request.content_length, limit))


def parse(request):
    """The JSON object sent with the request, or None when there is none.

    :raises RequestLimitExceeded: when the body is too large.
    :raises HTTPBadRequest: with the decoder's text for invalid JSON.
    """
    if not may_hold_json(request):
        return None
    check_size(request)
    raw = request.body
    if not raw.startswith(b'{'):
        return None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise exception.HTTPBadRequest(message=str(exc))


def require(data):
    """The body of an endpoint that needs one (400 when there is none)."""
    if data is None:
        raise exception.HTTPBadRequest(message=NO_BODY_MESSAGE)
    return data
