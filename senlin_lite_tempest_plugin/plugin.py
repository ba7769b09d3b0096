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

"""The tempest plugin: ``tempest.test_plugins`` entry point target."""

import os

from tempest import config
from tempest.test_discover import plugins

from senlin_lite_tempest_plugin import config as plugin_config


class SenlinLiteTempestPlugin(plugins.TempestPlugin):
    """Tests of the senlin_lite clustering API."""

    def load_tests(self):
        here = os.path.dirname(os.path.abspath(__file__))
        top_level = os.path.dirname(here)
        return os.path.join(here, 'tests'), top_level

    def register_opts(self, conf):
        config.register_opt_group(conf,
                                  plugin_config.service_available_group,
                                  plugin_config.ServiceAvailableGroup)
        config.register_opt_group(conf, plugin_config.clustering_group,
                                  plugin_config.ClusteringGroup)

    def get_opt_lists(self):
        return [
            (plugin_config.clustering_group.name,
             plugin_config.ClusteringGroup),
            (plugin_config.service_available_group.name,
             plugin_config.ServiceAvailableGroup),
        ]
