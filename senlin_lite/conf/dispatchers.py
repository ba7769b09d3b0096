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

"""Where engine events go ([dispatchers])."""

from oslo_config import cfg

dispatcher_group = cfg.OptGroup('dispatchers', title='Event dispatchers')

dispatcher_opts = [
    cfg.StrOpt('priority', default='info',
               choices=['critical', 'error', 'warning', 'info', 'debug'],
               help='Lowest level of the events written to the database.'),
    cfg.BoolOpt('exclude_derived_actions', default=True,
                help='Skip events of derived actions. senlin_lite has no '
                     'derived actions; kept for compatibility.'),
]


def register_opts(conf):
    conf.register_group(dispatcher_group)
    conf.register_opts(dispatcher_opts, group=dispatcher_group)


def list_opts():
    return {dispatcher_group: dispatcher_opts}
