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

"""Exceptions that carry an HTTP status and the contract's message.

The API renders any SenlinLiteException as the error body of contract
section 1.6: ``error.type`` is the class name, ``error.message`` the
formatted ``msg_fmt``.
"""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class SenlinLiteException(Exception):
    """Base class: ``msg_fmt`` is formatted with the keyword arguments."""

    msg_fmt = 'An unknown exception occurred.'
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                LOG.exception('Exception message format error: %s %s',
                              self.msg_fmt, kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def __str__(self):
        return self.message


class HTTPBadRequest(SenlinLiteException):
    """A check made directly by an API controller failed."""
    code = 400
    msg_fmt = '%(message)s'


class BadRequest(SenlinLiteException):
    code = 400
    msg_fmt = '%(msg)s'

    def __init__(self, msg=None, **kwargs):
        text = str(msg if msg is not None else kwargs.get('message', ''))
        if not text.endswith('.'):
            text += '.'
        super().__init__(message=text)


class InvalidSpec(SenlinLiteException):
    code = 400
    msg_fmt = '%(message)s'


class MethodVersionNotFound(SenlinLiteException):
    code = 400
    msg_fmt = "API version '%(version)s' is not supported on this method."


class InvalidAPIVersionString(SenlinLiteException):
    code = 400
    msg_fmt = ("API Version String '%(version)s' is of invalid format. It "
               "must be of format 'major.minor'.")


class MultipleChoices(SenlinLiteException):
    code = 400
    msg_fmt = ("Multiple results found matching the query criteria "
               "'%(arg)s'. Please be more specific.")


class RequestLimitExceeded(SenlinLiteException):
    code = 400
    msg_fmt = 'Request limit exceeded: %(reason)s'


class Forbidden(SenlinLiteException):
    code = 403
    msg_fmt = 'You are not authorized to complete this operation.'


class ResourceNotFound(SenlinLiteException):
    code = 404
    msg_fmt = "The %(type)s '%(id)s' could not be found."


class InvalidGlobalAPIVersion(SenlinLiteException):
    code = 406
    msg_fmt = ("Version '%(req_ver)s' is not supported by the API. Minimum "
               "is '%(min_ver)s' and maximum is '%(max_ver)s'.")


class ActionConflict(SenlinLiteException):
    code = 409
    msg_fmt = ('The %(type)s action for target %(target)s conflicts with '
               'the following action(s): %(actions)s')


class ActionInProgress(SenlinLiteException):
    code = 409
    msg_fmt = "The %(type)s '%(id)s' is in status %(status)s."


class ActionImmutable(SenlinLiteException):
    code = 409
    msg_fmt = ('Action (%(id)s) is in status (%(actual)s) while expected '
               'status must be one of (%(expected)s).')


class ResourceInUse(SenlinLiteException):
    code = 409
    msg_fmt = "The %(type)s '%(id)s' cannot be deleted: %(reason)s."


class ResourceIsLocked(SenlinLiteException):
    code = 409
    msg_fmt = ("%(action)s for %(type)s '%(id)s' cannot be completed "
               "because it is already locked.")


class ServiceUnavailable(SenlinLiteException):
    """The database or the engine cannot be reached right now."""
    code = 503
    msg_fmt = '%(message)s'


class InternalError(SenlinLiteException):
    code = 500
    msg_fmt = '%(message)s'


class ESchema(SenlinLiteException):
    code = 500
    msg_fmt = '%(message)s'


class ProfileOperationFailed(SenlinLiteException):
    code = 500
    msg_fmt = '%(message)s'


# Engine-internal signals: never reach a client.

class ActionCancelled(SenlinLiteException):
    """Raised at a safe point when the action was asked to cancel."""
    msg_fmt = 'Action execution cancelled'


class ActionTimeout(SenlinLiteException):
    """Raised at a safe point when the action passed its deadline."""
    msg_fmt = 'TIMEOUT'
