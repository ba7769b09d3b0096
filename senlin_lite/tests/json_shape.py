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

"""Compare JSON documents by shape: keys and value types, not values.

Used to check documentation samples against live API responses and
notifications, whose ids and times differ from the samples'.
"""

# Objects whose keys are the user's or the backend's: only their type
# is compared.
FREE_FORM = ('metadata', 'meta_data', 'inputs', 'outputs', 'data',
             'dependents')


def json_type(value):
    if isinstance(value, bool):
        return 'boolean'
    if isinstance(value, (int, float)):
        return 'number'
    return {dict: 'object', list: 'array', str: 'string',
            type(None): 'null'}[type(value)]


def shape_errors(sample, live, where='$'):
    """Differences of keys and JSON types between two documents."""
    if json_type(sample) != json_type(live):
        return ['%s: %s in the sample, %s live' % (
            where, json_type(sample), json_type(live))]
    if isinstance(sample, dict):
        errors = []
        if set(sample) != set(live):
            return ['%s: keys %s in the sample, %s live' % (
                where, sorted(sample), sorted(live))]
        for key in sample:
            if key not in FREE_FORM:
                errors += shape_errors(sample[key], live[key],
                                       '%s.%s' % (where, key))
        return errors
    if isinstance(sample, list) and sample:
        if not live:
            return ['%s: the sample has items, the live list none' % where]
        errors = []
        for index, item in enumerate(live):
            errors += shape_errors(sample[min(index, len(sample) - 1)],
                                   item, '%s[%d]' % (where, index))
        return errors
    return []
