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

"""Microversion negotiation (contract 1.3).

The ``OpenStack-API-Version: clustering X.Y`` request header selects the
version; absent means 1.0 and ``latest`` the maximum. Handlers that need
a newer version than the request's call ``require``.
"""

import re

import microversion_parse

from senlin_lite.common import exception

SERVICE_TYPE = 'clustering'
HEADER = 'OpenStack-API-Version'

Version = microversion_parse.Version

MIN_VERSION = Version(1, 0)
MAX_VERSION = Version(1, 14)

# Versions at which behaviour changes (contract 1.3).
V_PROFILE_VALIDATE = Version(1, 2)
V_OPERATIONS = Version(1, 4)
V_SUPPORT_STATUS = Version(1, 5)
V_NODE_DELETE_FORCE = Version(1, 8)
V_ACTION_CANCEL = Version(1, 12)
V_TAINTED = Version(1, 13)
V_ACTION_CLUSTER_ID = Version(1, 14)

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


def parse(headers):
    """The version a request asks for, from its headers.

    :raises InvalidAPIVersionString: for a malformed version (400).
    :raises InvalidGlobalAPIVersion: for one outside the range (406).
    """
    # Only our header goes to the parser: it lowercases a copy of every
    # header it is given, which cost more than the rest of the parse.
    value = headers.get(HEADER)
    if value is None:
        return MIN_VERSION
    raw = microversion_parse.get_version({HEADER: value},
                                         service_type=SERVICE_TYPE)
    if raw is None:
        return MIN_VERSION
    if raw.lower() == 'latest':
        return MAX_VERSION
    match = _VERSION_RE.match(raw)
    if match is None:
        raise exception.InvalidAPIVersionString(version=raw)
    version = Version(int(match.group(1)), int(match.group(2)))
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise exception.InvalidGlobalAPIVersion(
            req_ver=raw, min_ver=str(MIN_VERSION), max_ver=str(MAX_VERSION))
    return version


def require(version, minimum):
    """Refuse a request whose version is below a method's minimum."""
    if version < minimum:
        raise exception.MethodVersionNotFound(version=str(version))


def header_value(version):
    return '%s %s' % (SERVICE_TYPE, version)
