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

"""Revision strings reported by GET /v1/build-info ([revision])."""

from oslo_config import cfg

revision_group = cfg.OptGroup('revision', title='Build revisions')

revision_opts = [
    cfg.StrOpt('senlin_api_revision', default='1.0',
               help='API revision shown by build-info.'),
    cfg.StrOpt('senlin_engine_revision', default='1.0',
               help='Engine revision shown by build-info.'),
]


def register_opts(conf):
    conf.register_group(revision_group)
    conf.register_opts(revision_opts, group=revision_group)


def list_opts():
    return {revision_group: revision_opts}
