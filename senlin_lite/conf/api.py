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

"""Options of the API service ([senlin_api])."""

from oslo_config import cfg

api_group = cfg.OptGroup('senlin_api', title='API service options')

api_opts = [
    cfg.HostAddressOpt('bind_host', default='0.0.0.0',
                       help='Address the API listens on.'),
    cfg.PortOpt('bind_port', default=8777, help='Port the API listens on.'),
    cfg.IntOpt('workers', default=0, min=0,
               help='Processes of senlin-lite-api; 0 means one per CPU. '
                    'They share the port.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Python threads running requests in each '
                    'senlin-lite-api process; each has a database '
                    'connection of its own. Connections and request '
                    'parsing are handled outside Python (granian), so a '
                    'thread is busy only while the application runs. '
                    'Under uwsgi or mod_wsgi their own settings apply.'),
    cfg.IntOpt('thread_idle_timeout', default=600, min=5, max=600,
               help='Seconds a senlin-lite-api thread may sit idle '
                    'before granian stops it. Threads are started again '
                    'only as requests queue, so a burst after a longer '
                    'quiet time is answered slower while they start: with '
                    "granian's own 30 s, a health sweep every minute met "
                    'a pool of 2-3 threads instead of 8.'),
    cfg.IntOpt('max_json_body_size', default=1048576, min=1,
               help='Largest request body accepted, in bytes.'),
    cfg.StrOpt('api_paste_config', default='api-paste.ini',
               help='The paste deployment file, looked up like a config '
                    'file when the path is relative.'),
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'keystonemiddleware auth_token '
                         'validates tokens.'),
                        ('noauth', 'Trust the X-User-Id / X-Project-Id / '
                         'X-Roles headers. For development and tests.')],
               deprecated_group='api',
               help='How requests are authenticated. Also read from '
                    '[api] auth_strategy, the name some other services '
                    'use; a value in [senlin_api] wins.'),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}
