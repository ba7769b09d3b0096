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

"""Query strings of list endpoints (contract 1.7 and 1.8).

``parse_list`` applies, in the contract's order: the whitelist, the
``global_project`` flag, then the typed checks of ``limit``, ``marker``,
``sort`` and enum filters. The 403 of ``global_project`` for non-admins
comes after all of them (``check_global_project``).
"""

from senlin_lite.common import exception
from senlin_lite.common import utils

LIMIT = 'limit'
MARKER = 'marker'
SORT = 'sort'
GLOBAL_PROJECT = 'global_project'
PAGING_KEYS = (LIMIT, MARKER, SORT, GLOBAL_PROJECT)
SORT_DIRS = ('asc', 'desc')


def bad_request(message):
    return exception.HTTPBadRequest(message=message)


def parse_bool(name, value):
    """A boolean flag; ``true``/``false`` in any case, else a 400."""
    parsed = utils.parse_bool(value)
    if parsed is None:
        raise bad_request("Invalid value '%s' specified for '%s'"
                          % (value, name))
    return parsed


def check_whitelist(query, allowed):
    for key in query.keys():
        if key not in allowed:
            raise bad_request('Invalid parameter %s' % key)


def parse_limit(value):
    try:
        limit = int(value)
    except (TypeError, ValueError):
        raise bad_request("The value for limit must be an integer: '%s'."
                          % value)
    if limit < 0:
        raise bad_request("Value must be >= 0 for field 'limit'.")
    return limit


def parse_marker(value):
    if not utils.is_uuid_like(value):
        raise bad_request("The value for marker is not a valid UUID: '%s'."
                          % value)
    return value


def parse_sort(value, keys):
    """``key1[:dir],key2[:dir]`` as a list of (key, dir)."""
    result = []
    for item in value.split(','):
        key, _sep, direction = item.partition(':')
        if not key:
            raise bad_request("Missing sort key for 'sort'.")
        if key not in keys:
            raise bad_request("Unsupported sort key '%s' for 'sort'." % key)
        if direction and direction not in SORT_DIRS:
            raise bad_request("Unsupported sort dir '%s' for 'sort'."
                              % direction)
        result.append((key, direction or 'asc'))
    return result


def check_enum(values, allowed):
    for value in values:
        if value not in allowed:
            raise bad_request('Field value %s is invalid' % value)


class ListQuery:
    """A validated list request: filters, paging and project scope.

    :param filters: filter key -> allowed values (a tuple) or None when
        any value goes; every filter may repeat (``?k=a&k=b``), giving a
        list.
    :param sort_keys: the keys ``sort`` accepts.
    """

    def __init__(self, query, filters, sort_keys):
        check_whitelist(query, tuple(filters) + PAGING_KEYS)
        self.global_project = False
        if GLOBAL_PROJECT in query:
            self.global_project = parse_bool(GLOBAL_PROJECT,
                                             query.getall(GLOBAL_PROJECT)[-1])
        self.limit = self.marker = self.sort = None
        if LIMIT in query:
            self.limit = parse_limit(query.getall(LIMIT)[-1])
        if MARKER in query:
            self.marker = parse_marker(query.getall(MARKER)[-1])
        if SORT in query:
            self.sort = parse_sort(query.getall(SORT)[-1], sort_keys)
        self.filters = {}
        for key, allowed in filters.items():
            if key in query:
                values = query.getall(key)
                if allowed is not None:
                    check_enum(values, allowed)
                self.filters[key] = values

    def check_global_project(self, context):
        """Only admins may ask for every project (403 otherwise)."""
        if self.global_project and not context.is_admin:
            raise exception.Forbidden()

    @property
    def project_safe(self):
        return not self.global_project

    def db_args(self):
        return {'filters': self.filters, 'limit': self.limit,
                'marker': self.marker, 'sort': self.sort,
                'project_safe': self.project_safe}
