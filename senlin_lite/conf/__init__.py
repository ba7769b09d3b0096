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

"""The configuration of senlin_lite: every option group registers here."""

from oslo_config import cfg

from senlin_lite.conf import api
from senlin_lite.conf import database
from senlin_lite.conf import default
from senlin_lite.conf import dispatchers
from senlin_lite.conf import engine
from senlin_lite.conf import revision

CONF = cfg.CONF

_MODULES = (default, api, database, dispatchers, engine, revision)

for _module in _MODULES:
    _module.register_opts(CONF)


def register_plugin_opts(conf=CONF):
    """Register the options of the simulator and profile packages.

    Imported lazily: those packages import this one.
    """
    from senlin_lite.conf import opts as conf_opts
    for module in conf_opts.plugin_modules():
        for group, opts in module.list_opts().items():
            conf.register_opts(opts, group=group)
