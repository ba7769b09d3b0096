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


"""Handlers of the node actions (contract 3.6 and 3.12).

Each handler returns a ``base.Result``: the action's verdict with the
handler's reason, and the node's final values, which ``base.Action``
writes in the same transaction as the action's end. Transitional node
statuses (CREATING, RECOVERING, ...) are written at once through
``set_node_status`` so that clients see them; if the action then ends
abnormally, the base class puts the node in ERROR instead of leaving it
there.
"""

from senlin_lite.common import consts
from senlin_lite.engine.actions import base
from senlin_lite.engine import node as node_mod
from senlin_lite.profiles import base as profile_base

Result = base.Result


class NodeAction(base.Action):
    """An action whose target is a node."""

    HANDLERS = {
        consts.NODE_CREATE: 'do_create',
        consts.NODE_DELETE: 'do_delete',
        consts.NODE_UPDATE: 'do_update',
        consts.NODE_CHECK: 'do_check',
        consts.NODE_RECOVER: 'do_recover',
        consts.NODE_OPERATION: 'do_operation',
    }

    def handle(self):
        method = self.HANDLERS.get(self.name)
        if method is None:
            return super().handle()
        return getattr(self, method)()

    def profile(self, profile_id=None):
        return node_mod.load_profile(self.context,
                                     profile_id or self.node.profile_id)

    # -- create / delete / update ----------------------------------------

    def do_create(self):
        if self.node.status != consts.NODE_INIT:
            return Result(False, node_mod.NOT_INIT, node_mod.values(
                consts.NODE_ERROR, node_mod.NOT_INIT))
        self.set_node_status(consts.NODE_CREATING, 'Creation in progress',
                             phrase='Creation')
        try:
            created = self.profile().do_create(self.node, guard=self.guard)
        except profile_base.ProfileError as exc:
            return Result(False, str(exc), node_mod.error_values(exc))
        return Result(True, 'Node created successfully.',
                      node_mod.created_values(self.node, created.physical_id,
                                              created.data))

    def do_delete(self):
        if self.node.physical_id:
            self.set_node_status(consts.NODE_DELETING,
                                 'Deletion in progress', phrase='Deletion')
            try:
                self.profile().do_delete(self.node, guard=self.guard)
            except profile_base.ProfileError as exc:
                return Result(False, 'Node deletion failed.',
                              node_mod.error_values(exc))
        return Result(True, 'Node deleted successfully.', delete_node=True)

    def do_update(self):
        changes = {key: self.inputs[key] for key in
                   ('new_profile_id', 'name', 'role', 'metadata', 'tainted')
                   if key in self.inputs}
        if not changes:
            return Result(True, 'No property to update.')
        if not self.node.physical_id:
            return Result(False, 'Node update failed.')
        self.set_node_status(consts.NODE_UPDATING, 'Update in progress',
                             phrase='Update')
        new_profile_id = changes.pop('new_profile_id', None)
        if new_profile_id and new_profile_id != self.node.profile_id:
            try:
                self.profile().do_update(self.node,
                                         self.profile(new_profile_id),
                                         guard=self.guard)
            except profile_base.ProfileError as exc:
                return Result(False, 'Node update failed.',
                              node_mod.error_values(exc))
            changes['profile_id'] = new_profile_id
        if 'metadata' in changes:
            changes['meta_data'] = changes.pop('metadata')
        return Result(True, 'Node updated successfully.',
                      node_mod.active('Update succeeded', **changes))

    # -- check / recover -----------------------------------------------

    def do_check(self):
        if not self.node.physical_id:
            return Result(False, 'Node check failed.')
        try:
            healthy = self.profile().do_check(self.node, guard=self.guard)
        except profile_base.ServerNotFound as exc:
            return Result(True, 'Node check succeeded.', node_mod.values(
                consts.NODE_ERROR, str(exc), physical_id=None))
        except profile_base.ProfileError as exc:
            return Result(False, 'Node check failed.',
                          node_mod.error_values(exc))
        return Result(True, 'Node check succeeded.',
                      self._checked_values(healthy))

    def _checked_values(self, healthy):
        if not healthy:
            return node_mod.values(consts.NODE_ERROR,
                                   node_mod.CHECK_NOT_ACTIVE)
        if self.node.status == consts.NODE_WARNING:
            return node_mod.values(
                consts.NODE_WARNING,
                node_mod.CHECK_WARNING % (self.node.status_reason or ''))
        return node_mod.active(node_mod.CHECK_ACTIVE)

    def do_recover(self):
        operation = (self.inputs.get('operation') or
                     consts.RECOVER_RECREATE).upper()
        if (operation != consts.RECOVER_RECREATE and
                not self.node.physical_id):
            return Result(False, 'Node recover failed.')
        if self.inputs.get('check') and self._is_healthy():
            return Result(True, 'Node recovered successfully.',
                          node_mod.active(node_mod.RECOVER_ACTIVE))
        self.set_node_status(consts.NODE_RECOVERING, 'Recovery in progress',
                             phrase='Recovery')
        try:
            physical_id = self.profile().do_recover(
                self.node, operation, self._recover_options(),
                guard=self.guard)
        except profile_base.ProfileError as exc:
            return Result(False, 'Node recover failed.',
                          node_mod.error_values(exc))
        if not physical_id:
            return Result(False, 'Node recover failed.', node_mod.values(
                consts.NODE_ERROR, 'Recovery failed'))
        return Result(True, 'Node recovered successfully.',
                      self._recovered_values(physical_id))

    def _recover_options(self):
        return {key: self.inputs[key] for key in
                ('operation_params', 'delete_timeout', 'force_recreate')
                if key in self.inputs}

    def _is_healthy(self):
        if not self.node.physical_id:
            return False
        try:
            return bool(self.profile().do_check(self.node,
                                                guard=self.guard))
        except profile_base.ProfileError:
            return False

    def _recovered_values(self, physical_id):
        if physical_id == self.node.physical_id:
            return node_mod.active('Recovery succeeded')
        data = node_mod.merged_data(
            self.node, {'recovery': consts.RECOVER_RECREATE})
        return node_mod.active('Recovery succeeded',
                               physical_id=physical_id, data=data)

    # -- operations ------------------------------------------------------

    def do_operation(self):
        operation = self.inputs.get('operation')
        params = self.inputs.get('params') or {}
        failed = "Node operation '%s' failed." % operation
        if not self.node.physical_id:
            return Result(False, failed)
        self.set_node_status(
            consts.NODE_OPERATING, "Operation '%s' in progress" % operation,
            phrase="Operation '%s'" % operation)
        try:
            self.profile().do_operation(self.node, operation, params,
                                        guard=self.guard)
        except profile_base.ProfileError as exc:
            return Result(False, failed, node_mod.error_values(exc))
        return Result(True, "Node operation '%s' succeeded." % operation,
                      node_mod.active("Operation '%s' succeeded"
                                      % operation))


def create(context, record, engine, start=None):
    """The action object for a claimed action row.

    ``start`` is what ``db_api.action_start`` returned when the claim
    also took the node lock.
    """
    return NodeAction(context, record, engine, start)
