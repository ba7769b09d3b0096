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

"""Error bodies of contract section 1.6.

Every SenlinLiteException becomes ``{"code", "title", "explanation",
"error": {"code", "message", "type"}}`` with the status of its ``code``.
Unexpected exceptions become 500s of the same shape (the traceback goes
to the log, never to the client) and an unreachable database a 503.
"""

from oslo_db import exception as db_exc
from oslo_log import log as logging
from oslo_serialization import jsonutils
import sqlalchemy.exc
import webob
from webob import exc as webob_exc

from senlin_lite.common import exception
from senlin_lite.db import api as db_api

LOG = logging.getLogger(__name__)

_BAD_REQUEST = ('The server could not comply with the request since it is '
                'either malformed or otherwise incorrect.')

# (title, explanation) per status; other statuses use webob's wording.
_STATUS_TEXT = {
    400: ('Bad Request', _BAD_REQUEST),
    403: ('Forbidden', 'Access was denied to this resource.'),
    404: ('Not Found', 'The resource could not be found.'),
    406: ('Not Acceptable', _BAD_REQUEST),
    409: ('Conflict',
          'There was a conflict when trying to complete your request.'),
    500: ('Internal Server Error',
          'The server has either erred or is incapable of performing the '
          'requested operation.'),
    503: ('Service Unavailable',
          'The server is currently unavailable. Please try again at a '
          'later time.'),
}

# Errors meaning "the database cannot be reached right now".
_DB_UNAVAILABLE = (db_exc.DBConnectionError, db_exc.DBNonExistentDatabase,
                   sqlalchemy.exc.TimeoutError)

DB_UNAVAILABLE_MESSAGE = ('The database is unavailable; the request was '
                          'not processed. Please retry later.')


def status_text(code):
    if code in _STATUS_TEXT:
        return _STATUS_TEXT[code]
    cls = webob_exc.status_map.get(code, webob_exc.HTTPInternalServerError)
    return cls.title, cls.explanation


def error_body(code, error_type, message):
    title, explanation = status_text(code)
    return {'code': code, 'title': title, 'explanation': explanation,
            'error': {'code': code, 'message': message, 'type': error_type}}


def error_response(code, error_type, message):
    """A webob response carrying the contract's error body."""
    body = jsonutils.dump_as_bytes(error_body(code, error_type, message),
                                   sort_keys=True)
    return webob.Response(status=code, body=body,
                          content_type='application/json', charset=None)


def describe(exc):
    """(status, type, message) to show a client for an exception."""
    if isinstance(exc, exception.SenlinLiteException):
        return exc.code, type(exc).__name__, exc.message
    if isinstance(exc, UnicodeDecodeError):
        # A URL (path or query) that is not UTF-8 once unquoted.
        return 400, 'HTTPBadRequest', _BAD_REQUEST
    if isinstance(exc, _DB_UNAVAILABLE) or db_api.is_unavailable(exc):
        # One line, no traceback: this is an outage, not a bug.
        LOG.error('Database unavailable: %s', exc)
        return 503, 'ServiceUnavailable', DB_UNAVAILABLE_MESSAGE
    if isinstance(exc, db_exc.DBError):
        # The text of a database error may quote SQL; keep it in the log.
        LOG.error('Database error', exc_info=exc)
        return 500, type(exc).__name__, 'A database error occurred.'
    LOG.error('Unexpected error', exc_info=exc)
    return 500, type(exc).__name__, str(exc) or type(exc).__name__


def exception_response(exc):
    """The response for ``exc``, or None to let a framework error through.

    webob HTTP errors raised by routing stay plain framework responses,
    except that "method not allowed" is answered as a plain 404
    (contract 1.6).
    """
    if isinstance(exc, webob_exc.HTTPMethodNotAllowed):
        return webob_exc.HTTPNotFound()
    if isinstance(exc, webob_exc.HTTPException):
        return None
    return error_response(*describe(exc))
