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

"""Column types shared by the models and the migrations."""

import json

import sqlalchemy as sa
from sqlalchemy.dialects import mysql


class JSONText(sa.types.TypeDecorator):
    """JSON stored as text; Python ``None`` stays SQL NULL.

    oslo.db's JsonEncodedDict turns None into {}, but a profile's or
    node's metadata may be set to null on purpose (contract 2.4).
    """

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == 'mysql':
            return dialect.type_descriptor(mysql.LONGTEXT())
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return json.dumps(value, separators=(',', ':'))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return json.loads(value)


def epoch_column(**kwargs):
    """A float epoch with microseconds (contract 3.2: numeric 18,6)."""
    return sa.Column(sa.Numeric(18, 6, asdecimal=False), **kwargs)
