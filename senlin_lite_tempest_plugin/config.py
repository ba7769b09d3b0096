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

"""Tempest options of the senlin_lite plugin."""

from oslo_config import cfg

service_available_group = cfg.OptGroup(
    name='service_available', title='Available OpenStack Services')

ServiceAvailableGroup = [
    cfg.BoolOpt('senlin_lite', default=True,
                help='Whether a senlin_lite clustering service is expected '
                     'to be available.'),
]

clustering_group = cfg.OptGroup(
    name='clustering', title='senlin_lite (clustering service) options')

ClusteringGroup = [
    cfg.StrOpt('catalog_type', default='clustering',
               help='Service type of the clustering API in the Keystone '
                    'catalog.'),
    cfg.StrOpt('endpoint_type', default='public',
               choices=['public', 'admin', 'internal',
                        'publicURL', 'adminURL', 'internalURL'],
               help='Which catalog endpoint of the service to use.'),
    cfg.StrOpt('min_microversion', default=None,
               help='Lowest API microversion the deployment serves; tests '
                    'of older microversions are skipped. Unset means no '
                    'lower limit.'),
    cfg.StrOpt('max_microversion', default='latest',
               help='Highest API microversion the deployment serves '
                    '("latest": no limit); tests needing a newer one are '
                    'skipped.'),
    cfg.IntOpt('wait_timeout', default=120, min=1,
               help='Seconds to wait for an action or a node to reach the '
                    'status a test expects.'),
    cfg.FloatOpt('wait_interval', default=0.5, min=0.01,
                 help='Seconds between two polls while waiting.'),
    cfg.StrOpt('simulator_endpoint', default=None,
               help='Base URL of the senlin_lite compute simulator (e.g. '
                    'http://127.0.0.1:8776) when the deployment uses the '
                    'openstack_test backend. The functional tests that '
                    'break servers on purpose need it; without it they '
                    'are skipped.'),
]
