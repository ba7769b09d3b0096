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

"""The Glance v2 image lookups openstacksdk's image proxy makes."""

from senlin_lite.sim.cloud import SimError
from senlin_lite.sim import views
from senlin_lite.sim import wsgi


class GlanceApp(object):
    """Routes for everything below ``/image``."""

    def __init__(self, cloud):
        self.cloud = cloud
        r = self.router = wsgi.Router(wsgi.plain_error)
        r.add('GET', '', self.root)
        r.add('GET', '/v2', self.versions)
        r.add('GET', '/v2/images', self.list_images)
        r.add('GET', '/v2/images/(?P<image_id>[^/]+)', self.show_image)

    def __call__(self, req, path):
        return self.router.dispatch(req, path)

    def root(self, req):
        # Glance answers its root with 300 Multiple Choices.
        return wsgi.json_response(
            views.glance_versions(wsgi.base_url(req)), 300)

    def versions(self, req):
        return wsgi.json_response(views.glance_versions(wsgi.base_url(req)))

    def list_images(self, req):
        base = wsgi.base_url(req)
        name = req.params.get('name')
        images = ([self.cloud.images.by_name(name)] if name
                  else self.cloud.images.all())
        return wsgi.json_response({
            'images': [views.glance_image(base, i) for i in images],
            'first': '/v2/images', 'schema': '/v2/schemas/images'})

    def show_image(self, req, image_id):
        image = self.cloud.images.by_id(image_id)
        if image is None:
            raise SimError(404, 'No image found with ID %s' % image_id)
        return wsgi.json_response(
            views.glance_image(wsgi.base_url(req), image))
