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

"""Write the ini files of the local deployment and of tempest."""


def write_ini(path, sections):
    """``sections``: {section: {option: value}}."""
    with open(path, 'w') as f:
        for section, values in sections.items():
            f.write('[%s]\n' % section)
            for key, value in values.items():
                f.write('%s = %s\n' % (key, value))
            f.write('\n')


def tempest_sections(keystone_url, admin_password, simulator_url, log_dir):
    """The tempest.conf of the local deployment.

    Dynamic credentials made with Keystone's bootstrap admin; of the
    services, only senlin_lite is available.
    """
    return {
        'DEFAULT': {'log_dir': log_dir, 'log_file': 'tempest.log'},
        'auth': {'use_dynamic_credentials': 'true',
                 'admin_username': 'admin',
                 'admin_password': admin_password,
                 'admin_project_name': 'admin',
                 'admin_domain_name': 'Default',
                 'create_isolated_networks': 'false'},
        'identity': {'uri_v3': keystone_url, 'auth_version': 'v3',
                     'region': 'RegionOne'},
        'service_available': {'senlin_lite': 'true', 'nova': 'false',
                              'neutron': 'false', 'glance': 'false',
                              'cinder': 'false', 'swift': 'false'},
        'clustering': {'catalog_type': 'clustering',
                       'min_microversion': '1.0',
                       'max_microversion': 'latest',
                       'wait_timeout': '60', 'wait_interval': '0.1',
                       'simulator_endpoint': simulator_url},
    }


def write_tempest_conf(path, **kwargs):
    write_ini(path, tempest_sections(**kwargs))
