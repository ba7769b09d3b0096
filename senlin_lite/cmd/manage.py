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

"""senlin-lite-manage: database schema commands.

``senlin-lite-manage db sync`` brings the database to the newest schema;
``senlin-lite-manage db version`` prints the revision it is at.
"""

import sys

from oslo_config import cfg

from senlin_lite.common import service
from senlin_lite import conf
from senlin_lite.db import migration

CONF = conf.CONF


def do_db_sync():
    migration.upgrade(CONF.command.to_revision)
    print('Database is at revision %s.' % migration.version())


def do_db_version():
    print(migration.version() or 'None')


def add_command_parsers(subparsers):
    parser = subparsers.add_parser('db', help='Database schema commands.')
    db_parsers = parser.add_subparsers(dest='action')
    db_parsers.required = True
    sync = db_parsers.add_parser('sync', help='Upgrade the schema.')
    # Not "revision": the [revision] option group already owns that name.
    sync.add_argument('to_revision', metavar='REVISION', nargs='?',
                      default='head',
                      help='Revision to upgrade to (default: head).')
    sync.set_defaults(func=do_db_sync)
    db_version = db_parsers.add_parser(
        'version', help='Print the current schema revision.')
    db_version.set_defaults(func=do_db_version)


command_opt = cfg.SubCommandOpt('command', title='Commands',
                                handler=add_command_parsers,
                                help='Available commands')


def main(argv=None):
    CONF.register_cli_opt(command_opt)
    service.prepare_service(argv or sys.argv)
    try:
        CONF.command.func()
    except Exception as exc:  # report, do not dump a traceback
        sys.exit('senlin-lite-manage: %s' % exc)
    return 0


if __name__ == '__main__':
    sys.exit(main())
