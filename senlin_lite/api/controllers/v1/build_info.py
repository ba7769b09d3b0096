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

"""GET /v1/build-info (contract 2.2)."""

from oslo_log import log as logging
import oslo_messaging

from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.common import exception
from senlin_lite import conf

CONF = conf.CONF
LOG = logging.getLogger(__name__)

NO_ENGINE = ('No senlin-lite engine answered the revision request; check '
             'that at least one engine is running.')


def engine_revision():
    """Ask any engine for its revision; 503 when none answers in time."""
    try:
        return common.engine_api().get_revision(common.context())
    except oslo_messaging.MessagingException as exc:
        LOG.warning('build-info: engine revision unavailable: %s', exc)
        raise exception.ServiceUnavailable(message=NO_ENGINE)


class BuildInfoController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('build_info:build_info')
        return {'build_info': {
            'api': {'revision': CONF.revision.senlin_api_revision},
            'engine': {'revision': engine_revision()},
        }}
