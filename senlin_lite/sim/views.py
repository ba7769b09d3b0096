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

"""JSON documents in the shapes Nova and Glance answer with."""

from senlin_lite.sim import catalog
from senlin_lite.sim import record
from senlin_lite.sim import states

MIN_VERSION = (2, 1)
MAX_VERSION = (2, 96)


def vstr(version):
    return '%d.%d' % version


def nova_version(base):
    return {
        'id': 'v2.1', 'status': 'CURRENT',
        'version': vstr(MAX_VERSION), 'min_version': vstr(MIN_VERSION),
        'updated': '2013-07-23T11:33:21Z',
        'links': [{'rel': 'self', 'href': base + '/v2.1/'},
                  {'rel': 'describedby', 'type': 'text/html',
                   'href': 'https://docs.openstack.org/'}],
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2.1'}],
    }


def glance_versions(base):
    return {'versions': [{
        'id': 'v2.16', 'status': 'CURRENT',
        'links': [{'rel': 'self', 'href': base + '/image/v2/'}],
    }]}


def _links(base, kind, ident):
    return [{'rel': 'self', 'href': '%s/v2.1/%s/%s' % (base, kind, ident)},
            {'rel': 'bookmark', 'href': '%s/%s/%s' % (base, kind, ident)}]


def flavor(base, data):
    return {
        'id': data['id'], 'name': data['name'], 'vcpus': data['vcpus'],
        'ram': data['ram'], 'disk': data['disk'], 'swap': 0,
        'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': False,
        'os-flavor-access:is_public': True, 'rxtx_factor': 1.0,
        'description': None, 'extra_specs': {},
        'links': _links(base, 'flavors', data['id']),
    }


def embedded_flavor(base, data, version):
    if version >= (2, 47):
        return {'original_name': data['name'], 'vcpus': data['vcpus'],
                'ram': data['ram'], 'disk': data['disk'], 'ephemeral': 0,
                'swap': 0, 'extra_specs': {}}
    return {'id': data['id'], 'links': _links(base, 'flavors', data['id'])}


def nova_image(base, data):
    return {'id': data['id'], 'name': data['name'], 'status': 'ACTIVE',
            'minDisk': 0, 'minRam': 0, 'progress': 100, 'metadata': {},
            'created': data['created_at'], 'updated': data['updated_at'],
            'OS-EXT-IMG-SIZE:size': data['size'],
            'links': _links(base, 'images', data['id'])}


def glance_image(base, data):
    doc = dict(data)
    doc.update({'self': '/v2/images/%s' % data['id'],
                'file': '/v2/images/%s/file' % data['id'],
                'schema': '/v2/schemas/image', 'tags': [],
                'protected': False, 'os_hidden': False,
                'owner': record.PROJECT_ID, 'checksum': None,
                'virtual_size': None})
    return doc


def keypair(data, detail=True):
    doc = dict(data)
    if detail:
        doc.update({'user_id': record.USER_ID, 'created_at':
                    catalog.CREATED, 'deleted': False, 'deleted_at': None,
                    'updated_at': None, 'id': 1})
    return doc


def server_brief(base, snap):
    return {'id': snap['id'], 'name': snap['name'],
            'links': _links(base, 'servers', snap['id'])}


def server(base, snap, version):
    """The full server document of GET /servers/{id}."""
    vm_state, power_state = states.STATUS_VIEW[snap['status']]
    image = ''
    if snap['image']:
        image = {'id': snap['image']['id'],
                 'links': [{'rel': 'bookmark', 'href': '%s/images/%s'
                            % (base, snap['image']['id'])}]}
    doc = server_brief(base, snap)
    doc.update({
        'status': snap['status'],
        'tenant_id': record.PROJECT_ID, 'user_id': record.USER_ID,
        'metadata': snap['metadata'], 'hostId': 'sim-host-id',
        'image': image,
        'flavor': embedded_flavor(base, snap['flavor'], version),
        'created': snap['created'], 'updated': snap['updated'],
        'addresses': snap['addresses'],
        'accessIPv4': '', 'accessIPv6': '',
        'OS-DCF:diskConfig': snap['disk_config'],
        'progress': 100 if snap['status'] == 'ACTIVE' else 0,
        'OS-EXT-AZ:availability_zone': snap['availability_zone'],
        'config_drive': 'True' if snap['config_drive'] else '',
        'key_name': snap['key_name'],
        'OS-SRV-USG:launched_at': snap['launched_at'],
        'OS-SRV-USG:terminated_at': None,
        'OS-EXT-SRV-ATTR:host': snap['host'],
        'OS-EXT-SRV-ATTR:hypervisor_hostname': snap['host'],
        'OS-EXT-SRV-ATTR:instance_name': 'instance-%s' % snap['id'][:8],
        'OS-EXT-STS:task_state': snap['task_state'],
        'OS-EXT-STS:vm_state': vm_state,
        'OS-EXT-STS:power_state': power_state,
        'os-extended-volumes:volumes_attached': snap['volumes'],
        'security_groups': snap['security_groups'],
        'locked': snap['locked'],
    })
    _versioned_fields(doc, snap, version)
    if snap['fault'] and snap['status'] == 'ERROR':
        doc['fault'] = snap['fault']
    return doc


def _versioned_fields(doc, snap, version):
    if version >= (2, 16):
        doc['host_status'] = 'UP'
    if version >= (2, 19):
        doc['description'] = snap['description']
    if version >= (2, 26):
        doc['tags'] = []
    if version >= (2, 63):
        doc['trusted_image_certificates'] = None
    if version >= (2, 71):
        doc['server_groups'] = []
    if version >= (2, 73):
        doc['locked_reason'] = snap['locked_reason']
    if version >= (2, 96):
        doc['pinned_availability_zone'] = None


def true_state(snap):
    """What GET /sim/servers shows: the simulator's own view."""
    keys = ('id', 'name', 'status', 'task_state', 'fault', 'metadata',
            'availability_zone', 'host', 'locked', 'created', 'updated',
            'addresses', 'admin_pass', 'user_data', 'pending', 'history')
    doc = {key: snap[key] for key in keys}
    doc['image'] = snap['image']['id'] if snap['image'] else None
    doc['image_name'] = snap['image']['name'] if snap['image'] else None
    doc['flavor'] = snap['flavor']['id']
    doc['vm_state'] = states.STATUS_VIEW[snap['status']][0]
    return doc
