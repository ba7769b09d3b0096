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

from oslo_upgradecheck import common_checks
from oslo_upgradecheck import upgradecheck

from senlin_lite.common import policy
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

    def _check_policy_file(self):
        """Which policy file applies, and whether it can be used."""
        name = CONF.oslo_policy.policy_file
        path = CONF.find_file(name)
        if not path:
            return upgradecheck.Result(
                upgradecheck.Code.SUCCESS,
                'No policy file %s found: the defaults in the code apply.'
                % name)
        result = common_checks.check_policy_json(self, CONF)
        if result.code != upgradecheck.Code.SUCCESS:
            return result
        enforcer = policy.get_enforcer()
        try:
            enforcer.load_rules(force_reload=True)
        except Exception as exc:
            return upgradecheck.Result(
                upgradecheck.Code.FAILURE,
                'The policy file %s cannot be loaded: %s' % (path, exc))
        overrides = sorted(enforcer.file_rules)
        unknown = [rule for rule in overrides
                   if rule not in enforcer.registered_rules]
        if unknown:
            return upgradecheck.Result(
                upgradecheck.Code.WARNING,
                'The policy file %s sets rules senlin_lite does not have: '
                '%s. Remove them or fix their names.'
                % (path, ', '.join(unknown)))
        return upgradecheck.Result(
            upgradecheck.Code.SUCCESS,
            'The policy file %s overrides %d rule(s): %s.'
            % (path, len(overrides), ', '.join(overrides) or 'none'))

    _upgrade_checks = (
        ('Database revision', _check_database_revision),
        ('Policy file', _check_policy_file),
    )


def main():
    conf.register_plugin_opts(CONF)
    return upgradecheck.main(CONF, project='senlin_lite',
                             upgrade_command=Checks())


if __name__ == '__main__':
    sys.exit(main())
