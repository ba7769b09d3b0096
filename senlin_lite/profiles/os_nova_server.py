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

"""``os.nova.server-1.0``: nodes that are Nova servers, via openstacksdk.

Networks are handed to Nova as they are given (``network`` as the
network UUID, ``port``, ``fixed_ip``); senlin_lite creates no Neutron
ports or floating IPs, so ``vnic_type``, ``subnet``, ``floating_network``,
``floating_ip`` and per-network ``security_groups`` are not applied, and
``data.internal_ports`` is never written. ``personality`` is not sent
(Nova dropped it in API 2.57).

Updates apply a new profile's ``name`` and ``admin_pass`` (or a rebuild
when ``image`` changes), ``flavor`` (resize, then confirm) and
``metadata``; a change of ``networks`` is refused.
"""

import base64

from openstack import exceptions as sdk_exc
from oslo_log import log as logging
from oslo_serialization import jsonutils

from senlin_lite import conf
from senlin_lite.profiles import base
from senlin_lite.profiles import compute
from senlin_lite.profiles import nova_actions
from senlin_lite.profiles import nova_schema

CONF = conf.CONF
LOG = logging.getLogger(__name__)

CLOUD_ERRORS = compute.CLOUD_ERRORS
WAIT_ERRORS = (compute.WaitFailed,) + CLOUD_ERRORS
IGNORED_NETWORK_KEYS = ('vnic_type', 'subnet', 'floating_network',
                        'floating_ip', 'security_groups')
DETAIL_KEYS = (
    'OS-DCF:diskConfig', 'OS-EXT-AZ:availability_zone',
    'OS-EXT-STS:power_state', 'OS-EXT-STS:task_state',
    'OS-EXT-STS:vm_state', 'accessIPv4', 'accessIPv6', 'config_drive',
    'created', 'hostId', 'id', 'key_name', 'locked', 'metadata', 'name',
    'progress', 'status', 'updated',
)


def tagging_guard(guard, server_id):
    """``guard`` that stamps ``resource_id`` on what it raises."""
    def wrapped():
        try:
            guard()
        except BaseException as exc:
            if getattr(exc, 'resource_id', None) is None:
                try:
                    exc.resource_id = server_id
                except AttributeError:
                    pass
            raise
    return wrapped


def text(exc):
    return compute.error_text(exc)


class ServerProfile(nova_actions.ServerActionsMixin, base.Profile):
    """Nova servers; the module docstring of ``base`` is the contract."""

    TYPE_NAME = 'os.nova.server'
    TYPE_VERSION = '1.0'
    VERSIONS = nova_schema.VERSIONS
    properties_schema = nova_schema.PROPERTIES
    OPERATIONS = nova_schema.OPERATIONS

    def connection(self):
        """This thread's connection; ProfileError if it cannot be made."""
        context = self.properties.get('context') or {}
        try:
            return compute.connection(
                region_name=context.get('region_name'),
                credentials=compute.Credentials.of(self.request_context))
        except CLOUD_ERRORS as exc:
            raise base.ProfileError(
                'Failed in connecting to the compute service: %s.'
                % text(exc).rstrip('.'))

    def server_name(self, node, properties=None):
        return (properties or self.properties).get('name') or node.name

    # -- create --

    def do_create(self, node, guard=None):
        guard = guard or base.no_guard
        conn = self.connection()
        try:
            server = conn.compute.create_server(
                **self._create_attrs(conn, node))
        except CLOUD_ERRORS as exc:
            raise base.failure('creating', 'server', None, text(exc))
        try:
            server = compute.wait_for_status(
                conn, server.id, 'ACTIVE', tagging_guard(guard, server.id))
        except WAIT_ERRORS as exc:
            raise base.failure('creating', 'server', None, text(exc),
                               resource_id=server.id)
        return base.Created(server.id, {
            'placement': {'zone': server.availability_zone}})

    def _create_attrs(self, conn, node):
        props = self.properties
        attrs = {
            'name': self.server_name(node),
            'flavor_id': conn.compute.find_flavor(
                props['flavor'], ignore_missing=False).id,
            'metadata': self.server_metadata(node, props.get('metadata')),
            'networks': self._networks(props.get('networks')),
            'disk_config': ('AUTO' if props.get('auto_disk_config', True)
                            else 'MANUAL'),
        }
        if props.get('image'):
            attrs['image_id'] = self.image_id(conn, props['image'])
        if props.get('key_name'):
            attrs['key_name'] = conn.compute.find_keypair(
                props['key_name'], ignore_missing=False).name
        for prop, attr in (('availability_zone', 'availability_zone'),
                           ('config_drive', 'config_drive'),
                           ('scheduler_hints', 'scheduler_hints'),
                           ('admin_pass', 'admin_password'),
                           ('block_device_mapping_v2',
                            'block_device_mapping')):
            if props.get(prop) is not None:
                attrs[attr] = props[prop]
        if props.get('security_groups'):
            attrs['security_groups'] = [
                {'name': name} for name in props['security_groups']]
        if props.get('user_data'):
            attrs['user_data'] = base64.b64encode(
                props['user_data'].encode('utf-8')).decode('ascii')
        if props.get('personality'):
            LOG.warning('Profile %s: personality is not sent to Nova.',
                        self.id)
        return attrs

    @staticmethod
    def image_id(conn, name_or_id):
        return conn.image.find_image(name_or_id, ignore_missing=False).id

    @staticmethod
    def server_metadata(node, metadata):
        """Profile metadata plus the node's identity, all strings."""
        result = {}
        for key, value in (metadata or {}).items():
            result[key] = value if isinstance(value, str) else \
                jsonutils.dumps(value)
        result['cluster_node_id'] = node.id
        cluster_id = getattr(node, 'cluster_id', None)
        if cluster_id:
            result['cluster_id'] = cluster_id
            result['cluster_node_index'] = str(getattr(node, 'index', -1))
        return result

    def _networks(self, networks):
        result = []
        for net in networks or []:
            item = {}
            for prop, key in (('network', 'uuid'), ('port', 'port'),
                              ('fixed_ip', 'fixed_ip')):
                if net.get(prop):
                    item[key] = net[prop]
            ignored = [k for k in IGNORED_NETWORK_KEYS if net.get(k)]
            if ignored:
                LOG.warning('Profile %s: network keys %s are not applied.',
                            self.id, ', '.join(ignored))
            if item:
                result.append(item)
        return result or 'auto'

    # -- delete --

    def do_delete(self, node, guard=None, force=False, timeout=None):
        server_id = node.physical_id
        if not server_id:
            return
        guard = guard or base.no_guard
        conn = self.connection()
        try:
            conn.compute.delete_server(server_id, ignore_missing=True,
                                       force=bool(force))
            compute.wait_for_delete(conn, server_id, guard,
                                    _seconds(timeout))
        except sdk_exc.NotFoundException:
            return
        except WAIT_ERRORS as exc:
            raise base.failure('deleting', 'server', server_id, text(exc),
                               resource_id=server_id)

    # -- check and details --

    def do_check(self, node, guard=None):
        server_id = node.physical_id
        if not server_id:
            return False
        try:
            status = compute.server_status(self.connection(), server_id)
        except sdk_exc.NotFoundException as exc:
            raise base.failure('found', 'server', server_id, text(exc),
                               cls=base.ServerNotFound)
        except CLOUD_ERRORS as exc:
            raise base.failure('checking', 'server', server_id, text(exc))
        return status == 'ACTIVE'

    def do_get_details(self, node):
        if not node.physical_id:
            return {}
        try:
            server = self.connection().compute.get_server(node.physical_id)
        except base.ProfileError as exc:
            return {'Error': {'code': 500, 'message': str(exc)}}
        except CLOUD_ERRORS as exc:
            return {'Error': {'code': compute.status_code(exc),
                              'message': text(exc)}}
        wire = server.to_dict(computed=False, original_names=True)
        details = {key: wire.get(key) for key in DETAIL_KEYS}
        flavor = server.flavor
        details['flavor'] = (flavor.original_name or flavor.name or
                             flavor.id) if flavor else None
        details['image'] = (server.image.id if server.image else '') or ''
        details['attached_volumes'] = [
            v.id for v in server.attached_volumes or []]
        details['addresses'] = server.addresses or {}
        names = [sg.get('name') for sg in server.security_groups or []]
        details['security_groups'] = (
            '' if not names else names[0] if len(names) == 1 else names)
        return dict(sorted(details.items()))


def _seconds(value):
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
