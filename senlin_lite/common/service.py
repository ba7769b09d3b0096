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

"""What every senlin_lite command does before its real work."""

from oslo_log import log as logging

from senlin_lite.common import messaging
from senlin_lite import conf
from senlin_lite import version

CONF = conf.CONF

_DEFAULT_LOG_LEVELS = [
    'amqp=WARN', 'amqplib=WARN', 'sqlalchemy=WARN', 'oslo_messaging=INFO',
    'iso8601=WARN', 'keystonemiddleware=WARN', 'routes.middleware=WARN',
    'stevedore=WARN', 'keystoneauth=WARN', 'openstack=WARN',
    'urllib3.connectionpool=WARN', 'cheroot=WARN', 'pecan=WARN',
    'oslo_policy=INFO', 'oslo.privsep.daemon=WARN',
]


def prepare_service(argv, default_config_files=None):
    """Register library options, parse ``argv`` and set up logging."""
    logging.register_options(CONF)
    logging.set_defaults(default_log_levels=(
        logging.get_default_log_levels() + _DEFAULT_LOG_LEVELS))
    messaging.set_defaults()
    conf.register_plugin_opts(CONF)
    CONF(argv[1:], project='senlin_lite',
         version=version.version_string(),
         default_config_files=default_config_files)
    logging.setup(CONF, 'senlin_lite')
