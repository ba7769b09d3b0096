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

"""Helpers shared by the v1 controllers: request state and replies."""

import pecan

from senlin_lite.api import body
from senlin_lite.api import microversions
from senlin_lite.api import validation
from senlin_lite.common import exception
from senlin_lite.common import policy


def context():
    return pecan.request.ctx


def authorize(rule):
    """403 unless the caller may do ``rule`` (contract 1.10).

    Called first by every operation, before the body is looked at.
    """
    policy.authorize(context(), rule)


def version():
    return pecan.request.api_version


def require_version(minimum):
    microversions.require(version(), minimum)


def engine_api():
    return pecan.request.engine_api()


def json_body():
    """The request's JSON object, or None (contract 1.4)."""
    return pecan.request.request_data


def wrapped(key, missing_message):
    """The object under ``key`` of a required body, unvalidated."""
    data = body.require(json_body())
    if key not in data:
        raise exception.HTTPBadRequest(message=missing_message)
    return data[key]


def missing_key(key):
    return "Request body missing '%s' key." % key


def malformed(key):
    return ("Malformed request data, missing '%s' key in request body."
            % key)


def validate(data, schema):
    return validation.validate(data, schema)


def query():
    return pecan.request.GET


def set_location(action_id):
    """Location of a 202: the action, absolute (contract 1.5)."""
    pecan.response.headers['Location'] = '%s/v1/actions/%s' % (
        pecan.request.application_url, action_id)
