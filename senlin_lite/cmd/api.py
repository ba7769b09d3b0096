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

"""senlin-lite-api: the API service on a threaded WSGI server.

For production, run ``senlin_lite.wsgi.api:application`` under uwsgi or
mod_wsgi with several processes instead.
"""

import signal
import sys

from oslo_log import log as logging

from senlin_lite.api import app as api_app
from senlin_lite.common import service
from senlin_lite.common import wsgi_server
from senlin_lite import conf

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def main(argv=None):
    service.prepare_service(argv or sys.argv)
    server = wsgi_server.Server(
        api_app.load_app(), CONF.senlin_api.bind_host,
        CONF.senlin_api.bind_port, threads=CONF.senlin_api.workers or None,
        name='senlin-lite-api')
    signal.signal(signal.SIGTERM, lambda *_: server.stop())
    host, port = server.prepare()
    LOG.info('senlin-lite-api listening on http://%s:%s (auth: %s)',
             host, port, CONF.senlin_api.auth_strategy)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()
    LOG.info('senlin-lite-api stopped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
