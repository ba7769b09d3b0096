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

"""Defaults for oslo.db's [database] options."""

from oslo_db import options as db_options

_DEFAULT_CONNECTION = 'sqlite:///senlin_lite.sqlite'


def register_opts(conf):
    db_options.set_defaults(conf, connection=_DEFAULT_CONNECTION)


def size_pool(conf, connections):
    """Default the connection pool to ``connections``, with no overflow.

    oslo.db's default pool keeps 5 connections and opens up to 50 more
    for bursts, closing each extra one as soon as it is returned: a busy
    engine or API worker then opens and closes PostgreSQL connections
    many times a second, and a few busy processes can take every
    connection the server allows (100 by default). A fixed pool sized to
    the process's threads avoids both; a thread finding every connection
    in use waits ``pool_timeout``. Explicit settings still win.
    """
    conf.set_default('max_pool_size', connections, group='database')
    conf.set_default('max_overflow', 0, group='database')


def list_opts():
    # oslo.db publishes its own namespace for the generator.
    return {}
