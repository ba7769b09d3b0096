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

"""Version documents (contract 1.2) and the unauthenticated front door.

``GET /`` answers 300 with every version, ``GET /v1`` 200 with v1 alone;
both are served before authentication. ``Dispatcher`` is the paste
composite that sends ``/v1/...`` through the authenticated pipeline.
"""

from oslo_serialization import jsonutils
import webob
from webob import exc as webob_exc

from senlin_lite.api import microversions

V1_SEGMENTS = ('v1', 'v1.0')
HELP_URL = 'https://docs.openstack.org/api-ref/clustering'


def version_v1(base_url):
    return {
        'id': '1.0',
        'status': 'CURRENT',
        'updated': '2016-01-18T00:00:00Z',
        'min_version': str(microversions.MIN_VERSION),
        'max_version': str(microversions.MAX_VERSION),
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.clustering-v1+json',
        }],
        'links': [{'href': base_url.rstrip('/') + '/v1', 'rel': 'self'},
                  {'href': HELP_URL, 'rel': 'help'}],
    }


def versions_document(base_url):
    return {'versions': [version_v1(base_url)]}


def version_document(base_url):
    return {'version': version_v1(base_url)}


def json_response(status, data):
    return webob.Response(status=status, content_type='application/json',
                          body=jsonutils.dump_as_bytes(data, sort_keys=True))


def _segments(path):
    return path.strip('/').split('/')


class VersionsApp:
    """Answers the version documents; paste ``versions_factory``."""

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        return self.respond(request)(environ, start_response)

    def respond(self, request):
        base_url = request.application_url
        segments = _segments(request.path_info)
        if segments in ([''], ['versions']):
            return json_response(300, versions_document(base_url))
        if len(segments) == 1 and segments[0] in V1_SEGMENTS:
            return json_response(200, version_document(base_url))
        accept = request.headers.get('Accept', '').strip()
        if accept in ('', '*/*'):
            return json_response(300, versions_document(base_url))
        return webob_exc.HTTPNotFound()


class Dispatcher:
    """Front of the paste deployment.

    ``/healthcheck`` goes to the health check, ``/v1/...`` and
    ``/v1.0/...`` to the API pipeline (authenticated), everything else
    (``/``, ``/versions``, ``/v1`` itself, unknown versions) to the
    version documents, which need no token.
    """

    def __init__(self, versions, api, healthcheck=None):
        self.versions = versions
        self.api = api
        self.healthcheck = healthcheck

    def __call__(self, environ, start_response):
        app = self.pick(environ.get('PATH_INFO', ''))
        return app(environ, start_response)

    def pick(self, path):
        head, sep, rest = path.lstrip('/').partition('/')
        if head == 'healthcheck' and self.healthcheck is not None:
            return self.healthcheck
        if head in V1_SEGMENTS and sep:
            return self.api
        return self.versions
