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

"""Recover, update and operations of ``os.nova.server`` (contract 3.13).

A mixin of ``os_nova_server.ServerProfile``; it relies on that class's
``connection``, ``server_name``, ``image_id``, ``server_metadata``,
``do_create`` and ``do_delete``.
"""

from oslo_log import log as logging
from oslo_utils import strutils

from senlin_lite import conf
from senlin_lite.profiles import base
from senlin_lite.profiles import compute

CONF = conf.CONF
LOG = logging.getLogger(__name__)
WAIT_ERRORS = (compute.WaitFailed,) + compute.CLOUD_ERRORS

NO_IMAGE = "server doesn't have an image and it has no bootable volume"

# Operation -> status to wait for (None: no wait).
SIMPLE_OPERATIONS = {
    'pause': 'PAUSED', 'unpause': 'ACTIVE', 'suspend': 'SUSPENDED',
    'resume': 'ACTIVE', 'start': 'ACTIVE', 'stop': 'SHUTOFF',
    'unrescue': 'ACTIVE', 'lock': None, 'unlock': None,
}


class ServerActionsMixin(object):

    # -- recover --

    def do_recover(self, node, operation=None, options=None, guard=None):
        guard = guard or base.no_guard
        options = options or {}
        operation = (operation or 'RECREATE').upper()
        params = options.get('operation_params')
        params = params if isinstance(params, dict) else {}
        if operation == 'REBOOT':
            self.reboot(node, str(params.get('type') or 'HARD').upper(),
                        guard)
            return node.physical_id
        if operation == 'REBUILD':
            self.rebuild(node, params.get('image'), guard)
            return node.physical_id
        if operation == 'RECREATE':
            return self._recreate(node, options, params, guard)
        raise base.failure('recovering', 'node', node.id,
                           "Unsupported recover operation '%s'" % operation)

    def reboot(self, node, reboot_type, guard):
        server_id = node.physical_id
        conn = self.connection()
        try:
            conn.compute.reboot_server(server_id, reboot_type)
            compute.wait_for_status(conn, server_id, 'ACTIVE', guard)
        except WAIT_ERRORS as exc:
            raise base.failure('rebooting', 'server', server_id,
                               compute.error_text(exc))

    def rebuild(self, node, image=None, guard=None, properties=None):
        """Rebuild from ``image`` (name or id) or the current image."""
        props = properties or self.properties
        server_id = node.physical_id
        conn = self.connection()
        try:
            if image:
                image_id = self.image_id(conn, image)
            else:
                current = conn.compute.get_server(server_id).image
                image_id = current.id if current else None
            if not image_id:
                raise compute.WaitFailed(NO_IMAGE)
            attrs = {'name': self.server_name(node, props)}
            if props.get('admin_pass'):
                attrs['admin_password'] = props['admin_pass']
            conn.compute.rebuild_server(server_id, image_id, **attrs)
            compute.wait_for_status(conn, server_id, 'ACTIVE',
                                    guard or base.no_guard)
        except WAIT_ERRORS as exc:
            raise base.failure('rebuilding', 'server', server_id,
                               compute.error_text(exc))

    def _recreate(self, node, options, params, guard):
        try:
            self.do_delete(node, guard,
                           force=strutils.bool_from_string(
                               params.get('fence_compute')),
                           timeout=options.get('delete_timeout'))
        except base.ProfileError as exc:
            if not options.get('force_recreate'):
                raise base.failure('recovering', 'node', node.id, str(exc))
            LOG.warning('Node %s: deletion failed, recreating anyway: %s',
                        node.id, exc)
        if CONF.cloud_backend != 'openstack_test':
            # Give Nova time to release the old server's resources.
            compute.pause(CONF.batch_interval, guard)
        try:
            created = self.do_create(node, guard)
        except base.ProfileError as exc:
            raise base.failure('recovering', 'node', node.id, str(exc),
                               resource_id=exc.resource_id)
        return created.physical_id

    # -- update --

    def do_update(self, node, new_profile, guard=None):
        guard = guard or base.no_guard
        old, new = self.properties, new_profile.properties
        server_id = node.physical_id
        if (old.get('networks') or []) != (new.get('networks') or []):
            raise base.failure('updating', 'server', server_id,
                               'Changing networks is not supported')
        conn = self.connection()
        try:
            self._update_identity(conn, node, old, new, guard)
            if new.get('flavor') != old.get('flavor'):
                self._resize(conn, server_id, new['flavor'], guard)
            if (new.get('metadata') or {}) != (old.get('metadata') or {}):
                self._update_metadata(conn, node, old, new)
        except base.ProfileError as exc:
            raise base.failure('updating', 'server', server_id,
                               str(exc).split(': ', 1)[-1])
        except WAIT_ERRORS as exc:
            raise base.failure('updating', 'server', server_id,
                               compute.error_text(exc))
        return True

    def _update_identity(self, conn, node, old, new, guard):
        name = self.server_name(node, new)
        if new.get('image') and new.get('image') != old.get('image'):
            # A rebuild sets the name and password as well.
            self.rebuild(node, new['image'], guard, properties=new)
            return
        if name != self.server_name(node, old):
            conn.compute.update_server(node.physical_id, name=name)
        if new.get('admin_pass') and \
                new.get('admin_pass') != old.get('admin_pass'):
            conn.compute.change_server_password(node.physical_id,
                                                new['admin_pass'])

    def _resize(self, conn, server_id, flavor, guard):
        flavor_id = conn.compute.find_flavor(flavor,
                                             ignore_missing=False).id
        conn.compute.resize_server(server_id, flavor_id)
        compute.wait_for_status(conn, server_id, 'VERIFY_RESIZE', guard)
        conn.compute.confirm_server_resize(server_id)
        compute.wait_for_status(conn, server_id, 'ACTIVE', guard)

    def _update_metadata(self, conn, node, old, new):
        wanted = self.server_metadata(node, new.get('metadata'))
        stale = set(self.server_metadata(node, old.get('metadata')))
        stale -= set(wanted)
        if stale:
            conn.compute.delete_server_metadata(node.physical_id,
                                                sorted(stale))
        conn.compute.set_server_metadata(node.physical_id, **wanted)

    # -- operations --

    def do_operation(self, node, operation, params, guard=None):
        guard = guard or base.no_guard
        params = params or {}
        if operation not in self.OPERATIONS:
            raise base.ProfileError(
                "The requested operation '%s' is not supported by the "
                "profile type '%s'." % (operation, self.type_key()))
        if operation == 'reboot':
            return self.reboot(node, str(params.get('type') or
                                         'SOFT').upper(), guard)
        if operation == 'rebuild':
            return self.rebuild(node, None, guard)
        server_id = node.physical_id
        conn = self.connection()
        try:
            self._operate(conn, server_id, operation, params, guard)
        except WAIT_ERRORS as exc:
            raise base.failure(operation, 'server', server_id,
                               compute.error_text(exc))

    def _operate(self, conn, server_id, operation, params, guard):
        target = SIMPLE_OPERATIONS.get(operation)
        if operation == 'change_password':
            if not isinstance(params.get('admin_pass'), str):
                raise compute.WaitFailed("'admin_pass' must be a string")
            conn.compute.change_server_password(server_id,
                                                params['admin_pass'])
        elif operation == 'rescue':
            image = params.get('image_ref')
            conn.compute.rescue_server(
                server_id, image=self.image_id(conn, image) if image
                else None)
            target = 'RESCUE'
        elif operation == 'evacuate':
            conn.compute.evacuate_server(
                server_id, host=params.get('host'),
                force=strutils.bool_from_string(params.get('force')) or
                None)
            target = 'ACTIVE'
        else:
            getattr(conn.compute, '%s_server' % operation)(server_id)
        if target:
            compute.wait_for_status(conn, server_id, target, guard)
