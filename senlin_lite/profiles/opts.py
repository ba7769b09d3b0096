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

"""Options of the compute connection used with ``cloud_backend=openstack``.

``[compute_auth]`` holds keystoneauth's usual session and auth-plugin
options (``auth_type``, then the plugin's ``auth_url``, ``username``,
``password``, ...)
for the account senlin_lite acts as against Nova and Glance, plus the
region and endpoint interface to use from the service catalog. With the
keystone auth strategy that account is the trustee of the users' trusts
(``trust_roles``) and authenticates with a password-like auth_type.
"""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP = cfg.OptGroup(
    'compute_auth', title='Compute credentials',
    help='Credentials and endpoint selection for Nova and Glance when '
         '[DEFAULT] cloud_backend is openstack.')

compute_opts = [
    cfg.StrOpt('region_name',
               help='Region whose compute and image endpoints are used. '
                    'A profile may override it with context.region_name.'),
    cfg.StrOpt('interface', default='public',
               choices=['public', 'internal', 'admin'],
               help='Which catalog endpoint to use.'),
    cfg.ListOpt('trust_roles', default=['member'],
                help='Roles a user delegates to this account through the '
                     'Keystone trust the API creates when the user first '
                     'asks for an action; the engine acts with them in '
                     'the user\'s project. The user must hold them there '
                     '(implied roles count). member is what Nova needs to '
                     'create, reboot, rebuild and delete servers.'),
]


def register_opts(conf):
    conf.register_group(GROUP)
    conf.register_opts(compute_opts, group=GROUP)
    ks_loading.register_session_conf_options(conf, GROUP.name)
    ks_loading.register_auth_conf_options(conf, GROUP.name)


def list_opts():
    # The auth plugin's own options (auth_url, username, ...) depend on
    # auth_type and are registered by keystoneauth when it loads the
    # plugin; listing them here would register some as required.
    return {GROUP: (compute_opts +
                    ks_loading.get_session_conf_options() +
                    ks_loading.get_auth_common_conf_options())}
