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

"""The Nova v2.1 subset: servers, server actions, flavors, images, keys."""

import re

from senlin_lite.sim import catalog
from senlin_lite.sim.cloud import SimError
from senlin_lite.sim import views
from senlin_lite.sim import wsgi

SID = r'(?P<server_id>[^/]+)'
_SIMPLE_ACTIONS = {
    'os-start': 'start', 'os-stop': 'stop', 'pause': 'pause',
    'unpause': 'unpause', 'suspend': 'suspend', 'resume': 'resume',
    'unrescue': 'unrescue', 'unlock': 'unlock',
    'confirmResize': 'confirm_resize',
}


def parse_version(req):
    """The requested microversion as a tuple; SimError when unusable."""
    value = None
    header = req.headers.get('OpenStack-API-Version', '')
    for part in header.split(','):
        words = part.split()
        if len(words) == 2 and words[0].lower() == 'compute':
            value = words[1]
    value = value or req.headers.get('X-OpenStack-Nova-API-Version')
    if not value:
        return views.MIN_VERSION
    if value.lower() == 'latest':
        return views.MAX_VERSION
    match = re.match(r'^(\d+)\.(\d+)$', value.strip())
    if not match:
        raise SimError(400, 'API Version String %s is of invalid format. '
                       'Must be of format MajorNum.MinorNum.' % value)
    version = (int(match.group(1)), int(match.group(2)))
    if not views.MIN_VERSION <= version <= views.MAX_VERSION:
        raise SimError(406, 'Version %s is not supported by the API. '
                       'Minimum is %s and maximum is %s.'
                       % (value, views.vstr(views.MIN_VERSION),
                          views.vstr(views.MAX_VERSION)))
    return version


def _check_metadata(metadata):
    if not isinstance(metadata, dict):
        raise SimError(400, 'Invalid input for field/attribute metadata.')
    for key, value in metadata.items():
        if not isinstance(value, str) or len(value) > 255 or \
                not key or len(key) > 255:
            raise SimError(400, "Invalid input for field/attribute "
                           "metadata. Value: %s is not a string of at "
                           "most 255 characters." % value)
    return metadata


def _wrapped(body, key):
    if not isinstance(body, dict) or not isinstance(body.get(key), dict):
        raise SimError(400, "Invalid input: '%s' is a required property"
                       % key)
    return body[key]


class NovaApp(object):
    """Routes for everything below ``/v2.1``."""

    def __init__(self, cloud):
        self.cloud = cloud
        r = self.router = wsgi.Router(wsgi.nova_error)
        r.add('GET', '', self.version)
        r.add('GET', '/servers', self.list_servers)
        r.add('GET', '/servers/detail', self.list_servers)
        r.add('POST', '/servers', self.create)
        r.add('GET', '/servers/' + SID, self.show)
        r.add('PUT', '/servers/' + SID, self.update)
        r.add('DELETE', '/servers/' + SID, self.delete)
        r.add('POST', '/servers/%s/action' % SID, self.action)
        r.add('GET', '/servers/%s/metadata' % SID, self.get_metadata)
        r.add('POST', '/servers/%s/metadata' % SID, self.merge_metadata)
        r.add('PUT', '/servers/%s/metadata' % SID, self.replace_metadata)
        item = '/servers/%s/metadata/(?P<key>[^/]+)' % SID
        r.add('GET', item, self.get_meta_item)
        r.add('PUT', item, self.set_meta_item)
        r.add('DELETE', item, self.delete_meta_item)
        r.add('GET', '/flavors(?P<detail>/detail)?', self.list_flavors)
        r.add('GET', '/flavors/(?P<ref>[^/]+)', self.show_flavor)
        r.add('GET', '/images(?P<detail>/detail)?', self.list_images)
        r.add('GET', '/images/(?P<ref>[^/]+)', self.show_image)
        r.add('GET', '/os-keypairs', self.list_keypairs)
        r.add('GET', '/os-keypairs/(?P<name>[^/]+)', self.show_keypair)

    def __call__(self, req, path):
        try:
            version = parse_version(req)
        except SimError as exc:
            return self.router.error(exc.code, exc.message)
        req.environ['sim.version'] = version
        resp = self.router.dispatch(req, path)
        text = views.vstr(version)
        resp.headers['OpenStack-API-Version'] = 'compute %s' % text
        resp.headers['X-OpenStack-Nova-API-Version'] = text
        resp.headers['Vary'] = ('OpenStack-API-Version, '
                                'X-OpenStack-Nova-API-Version')
        return resp

    @staticmethod
    def _doc(req, snap):
        return views.server(wsgi.base_url(req), snap,
                            req.environ['sim.version'])

    def version(self, req):
        return wsgi.json_response(
            {'version': views.nova_version(wsgi.base_url(req))})

    # -- servers --

    def list_servers(self, req):
        detail = req.path_info.rstrip('/').endswith('/detail')
        name = req.params.get('name')
        status = req.params.get('status')
        result = []
        for snap in self.cloud.list():
            if name and not _name_matches(name, snap['name']):
                continue
            if status and snap['status'] != status.upper():
                continue
            result.append(self._doc(req, snap) if detail else
                          views.server_brief(wsgi.base_url(req), snap))
        return wsgi.json_response({'servers': result})

    def create(self, req):
        body = wsgi.json_body(req)
        server = _wrapped(body, 'server')
        if not isinstance(server.get('name'), str) or \
                not server['name'].strip():
            raise SimError(400, "Invalid input for field/attribute name.")
        if not server.get('flavorRef'):
            raise SimError(400, "Invalid input: 'flavorRef' is a required "
                           "property")
        if not server.get('imageRef') and \
                not server.get('block_device_mapping_v2'):
            raise SimError(400, 'Missing imageRef attribute')
        _check_metadata(server.get('metadata') or {})
        hints = body.get('OS-SCH-HNT:scheduler_hints')
        snap = self.cloud.create(dict(server, scheduler_hints=hints))
        base = wsgi.base_url(req)
        doc = views.server_brief(base, snap)
        doc.update({'OS-DCF:diskConfig': snap['disk_config'],
                    'security_groups': snap['security_groups'],
                    'adminPass': snap['admin_pass']})
        return wsgi.json_response(
            {'server': doc}, 202,
            {'Location': '%s/v2.1/servers/%s' % (base, snap['id'])})

    def show(self, req, server_id):
        snap = self.cloud.show(server_id)
        return wsgi.json_response({'server': self._doc(req, snap)})

    def update(self, req, server_id):
        changes = _wrapped(wsgi.json_body(req), 'server')
        snap = self.cloud.update(server_id, changes)
        return wsgi.json_response({'server': self._doc(req, snap)})

    def delete(self, req, server_id):
        self.cloud.delete(server_id)
        return wsgi.json_response(None, 204)

    # -- server actions --

    def action(self, req, server_id):
        body = wsgi.json_body(req)
        if not isinstance(body, dict) or len(body) != 1:
            raise SimError(400, 'Malformed request body: expected one '
                           'action.')
        (name, params), = body.items()
        params = params if isinstance(params, dict) else {}
        if name in _SIMPLE_ACTIONS:
            self.cloud.action(server_id, _SIMPLE_ACTIONS[name])
            return wsgi.json_response(None, 202)
        handler = getattr(self, '_act_%s' % name.replace('-', '_'), None)
        if handler is None:
            raise SimError(400, 'There is no such action: %s' % name)
        return handler(req, server_id, params)

    def _act_reboot(self, req, server_id, params):
        kind = params.get('type')
        if not isinstance(kind, str) or kind.upper() not in ('SOFT',
                                                             'HARD'):
            raise SimError(400, "Invalid input for field/attribute type. "
                           "Value: %s. 'SOFT' or 'HARD' expected." % kind)
        self.cloud.action(server_id, 'reboot_%s' % kind.lower(),
                          type=kind.upper())
        return wsgi.json_response(None, 202)

    def _act_rebuild(self, req, server_id, params):
        if not params.get('imageRef'):
            raise SimError(400, "Invalid input: 'imageRef' is a required "
                           "property")
        if 'metadata' in params:
            _check_metadata(params['metadata'])
        snap = self.cloud.action(
            server_id, 'rebuild', image=params['imageRef'],
            name=params.get('name'), metadata=params.get('metadata'),
            admin_pass=params.get('adminPass'))
        doc = self._doc(req, snap)
        doc['adminPass'] = snap['admin_pass']
        return wsgi.json_response({'server': doc}, 202)

    def _act_resize(self, req, server_id, params):
        if not params.get('flavorRef'):
            raise SimError(400, "Invalid input: 'flavorRef' is a required "
                           "property")
        self.cloud.action(server_id, 'resize', flavor=params['flavorRef'])
        return wsgi.json_response(None, 202)

    def _act_evacuate(self, req, server_id, params):
        self.cloud.action(server_id, 'evacuate', host=params.get('host'),
                          force=params.get('force'),
                          admin_pass=params.get('adminPass'))
        return wsgi.json_response(None, 200)

    def _act_rescue(self, req, server_id, params):
        snap = self.cloud.action(
            server_id, 'rescue', image=params.get('rescue_image_ref'),
            admin_pass=params.get('adminPass'))
        return wsgi.json_response({'adminPass': snap['admin_pass']})

    def _act_lock(self, req, server_id, params):
        self.cloud.action(server_id, 'lock',
                          locked_reason=params.get('locked_reason'))
        return wsgi.json_response(None, 202)

    def _act_changePassword(self, req, server_id, params):
        if not isinstance(params.get('adminPass'), str):
            raise SimError(400, "Invalid input: 'adminPass' is a required "
                           "property")
        self.cloud.action(server_id, 'change_password',
                          admin_pass=params['adminPass'])
        return wsgi.json_response(None, 202)

    def _act_forceDelete(self, req, server_id, params):
        self.cloud.delete(server_id, force=True)
        return wsgi.json_response(None, 202)

    def _act_os_resetState(self, req, server_id, params):
        state = params.get('state')
        if state not in ('active', 'error'):
            raise SimError(400, "Invalid input for field/attribute state.")
        self.cloud.set_status(server_id, state.upper(),
                              'Reset by os-resetState')
        return wsgi.json_response(None, 202)

    # -- metadata --

    def get_metadata(self, req, server_id):
        return wsgi.json_response(
            {'metadata': self.cloud.metadata(server_id)})

    def merge_metadata(self, req, server_id):
        data = _check_metadata(wsgi.json_body(req).get('metadata'))
        return wsgi.json_response(
            {'metadata': self.cloud.metadata(server_id, merge=data)})

    def replace_metadata(self, req, server_id):
        data = _check_metadata(wsgi.json_body(req).get('metadata'))
        return wsgi.json_response(
            {'metadata': self.cloud.metadata(server_id, replace=data)})

    def get_meta_item(self, req, server_id, key):
        metadata = self.cloud.metadata(server_id)
        if key not in metadata:
            raise SimError(404, 'Metadata item was not found')
        return wsgi.json_response({'meta': {key: metadata[key]}})

    def set_meta_item(self, req, server_id, key):
        meta = _check_metadata(wsgi.json_body(req).get('meta'))
        if list(meta) != [key]:
            raise SimError(400, 'Request body and URI mismatch')
        self.cloud.metadata(server_id, merge=meta)
        return wsgi.json_response({'meta': meta})

    def delete_meta_item(self, req, server_id, key):
        self.cloud.metadata(server_id, remove=key)
        return wsgi.json_response(None, 204)

    # -- flavors, images, key pairs: everything resolves --

    def list_flavors(self, req, detail=None):
        base = wsgi.base_url(req)
        docs = [views.flavor(base, f) for f in catalog.flavors()]
        if not detail:
            docs = [{k: d[k] for k in ('id', 'name', 'description',
                                       'links')} for d in docs]
        return wsgi.json_response({'flavors': docs})

    def show_flavor(self, req, ref):
        return wsgi.json_response(
            {'flavor': views.flavor(wsgi.base_url(req), catalog.flavor(ref))})

    def list_images(self, req, detail=None):
        base = wsgi.base_url(req)
        name = req.params.get('name')
        images = ([self.cloud.images.by_name(name)] if name
                  else self.cloud.images.all())
        return wsgi.json_response(
            {'images': [views.nova_image(base, i) for i in images]})

    def show_image(self, req, ref):
        image = self.cloud.images.by_id(ref)
        if image is None:
            raise SimError(404, 'Image not found.')
        return wsgi.json_response(
            {'image': views.nova_image(wsgi.base_url(req), image)})

    def list_keypairs(self, req):
        return wsgi.json_response({'keypairs': []})

    def show_keypair(self, req, name):
        return wsgi.json_response(
            {'keypair': views.keypair(catalog.keypair(name))})


def _name_matches(pattern, name):
    try:
        return re.search(pattern, name or '') is not None
    except re.error:
        return pattern == name
