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

"""Lists every senlin_lite option for oslo-config-generator."""

import collections

from senlin_lite.conf import api
from senlin_lite.conf import default
from senlin_lite.conf import dispatchers
from senlin_lite.conf import engine
from senlin_lite.conf import revision


def plugin_modules():
    """Option modules of the profile and simulator packages.

    Imported late because those packages import senlin_lite.conf.
    """
    from senlin_lite.profiles import opts as profile_opts
    from senlin_lite.sim import opts as sim_opts
    return (profile_opts, sim_opts)


def update_opt_defaults():
    """Set our defaults of library options (oslo.config.opts.defaults).

    The sample generator calls this hook, so the sample shows them.
    """
    from senlin_lite.common import messaging
    messaging.set_notification_defaults()


def list_opts():
    """Return [(group, [opts])] sorted by group name, DEFAULT first."""
    merged = collections.defaultdict(list)
    for module in (default, api, dispatchers, engine, revision,
                   *plugin_modules()):
        for group, opts in module.list_opts().items():
            name = group if isinstance(group, str) else group.name
            merged[name].extend(opts)
    return sorted(merged.items(),
                  key=lambda item: (item[0] != 'DEFAULT', item[0]))
