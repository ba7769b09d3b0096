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

"""Small helpers: time formats of the wire contract and id shapes."""

import datetime
import re
import time

from oslo_utils import uuidutils

_UUID_LIKE = re.compile(r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
                        r'[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$')


def utcnow():
    """Naive UTC now, seconds precision: what the database stores."""
    return datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0)


def now_epoch():
    return round(time.time(), 6)


def isotime(value):
    """``YYYY-MM-DDTHH:MM:SSZ`` or None (contract 1.5)."""
    if value is None:
        return None
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')


def event_time(value):
    """Event timestamps use ``+00:00`` instead of ``Z`` (contract 1.5)."""
    if value is None:
        return None
    return value.strftime('%Y-%m-%dT%H:%M:%S') + '+00:00'


def epoch(value):
    """Action start/end times are float seconds, 6 decimals, or None."""
    if value is None:
        return None
    return round(float(value), 6)


def is_uuid_like(value):
    """Accepts UUIDs with or without hyphens, in any case."""
    return isinstance(value, str) and bool(_UUID_LIKE.match(value))


def generate_uuid():
    return uuidutils.generate_uuid()


def parse_bool(value):
    """Parse a boolean flag the way the contract (1.7) wants, or None."""
    text = str(value).lower()
    if text == 'true':
        return True
    if text == 'false':
        return False
    return None
