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

"""senlin-lite-status: upgrade readiness checks (oslo.upgradecheck)."""

import sys

from oslo_upgradecheck import upgradecheck

from senlin_lite import conf
from senlin_lite.db import migration

CONF = conf.CONF


class Checks(upgradecheck.UpgradeCommands):
    """Each check says what is wrong and what to do about it."""

    def _check_database_revision(self):
        try:
            current = migration.version()
        except Exception as exc:
            return upgradecheck.Result(
                upgradecheck.Code.FAILURE,
                'Cannot read the database schema revision: %s' % exc)
        head = migration.head()
        if current != head:
            return upgradecheck.Result(
                upgradecheck.Code.FAILURE,
                'The database is at revision %s but this release needs %s; '
                'run "senlin-lite-manage db sync".' % (current, head))
        return upgradecheck.Result(
            upgradecheck.Code.SUCCESS,
            'The database is at revision %s.' % current)

    _upgrade_checks = (
        ('Database revision', _check_database_revision),
    )


def main():
    conf.register_plugin_opts(CONF)
    return upgradecheck.main(CONF, project='senlin_lite',
                             upgrade_command=Checks())


if __name__ == '__main__':
    sys.exit(main())
