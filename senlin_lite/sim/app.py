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

"""The simulator's WSGI application: Nova, Glance and the control API."""

import time

from oslo_log import log as logging
import webob.dec

from senlin_lite.sim import cloud as sim_cloud
from senlin_lite.sim import control
from senlin_lite.sim import glance
from senlin_lite.sim import nova
from senlin_lite.sim import views
from senlin_lite.sim import wsgi

LOG = logging.getLogger(__name__)


class SimApp(object):
    """Dispatch on the first path segment.

    ``/v2.1`` Nova, ``/image`` Glance, ``/sim`` control, ``/`` the Nova
    version list. ``api_delay`` applies to Nova and Glance requests only.
    """

    def __init__(self, cloud=None, **config):
        self.cloud = cloud or sim_cloud.Cloud(**config)
        self._nova = nova.NovaApp(self.cloud)
        self._glance = glance.GlanceApp(self.cloud)
        self._control = control.ControlApp(self.cloud)
        self._mounts = (('/v2.1', self._nova, True),
                        ('/image', self._glance, True),
                        ('/sim', self._control, False))

    @webob.dec.wsgify
    def __call__(self, req):
        req.environ['sim.base'] = req.application_url
        path = req.path_info
        try:
            return self._route(req, path)
        except Exception:
            LOG.exception('Simulator failed on %s %s', req.method, path)
            return wsgi.json_response(
                wsgi.nova_error(500, 'Unexpected simulator error.'), 500)
        finally:
            LOG.debug('%s %s', req.method, path)

    def _route(self, req, path):
        for prefix, app, delayed in self._mounts:
            if path == prefix or path.startswith(prefix + '/'):
                if delayed:
                    self._api_delay()
                return app(req, path[len(prefix):].rstrip('/'))
        if path in ('', '/') and req.method == 'GET':
            base = wsgi.base_url(req)
            return wsgi.json_response(
                {'versions': [views.nova_version(base)]})
        return wsgi.json_response(
            wsgi.nova_error(404, 'The resource could not be found.'), 404)

    def _api_delay(self):
        delay = self.cloud.delay('api_delay')
        if delay > 0:
            time.sleep(delay)
