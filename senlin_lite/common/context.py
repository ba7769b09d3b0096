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

"""The request context: who asks, on behalf of which project."""

from oslo_context import context
from oslo_db.sqlalchemy import enginefacade


@enginefacade.transaction_context_provider
class RequestContext(context.RequestContext):
    """oslo.context's context, usable as an enginefacade session holder.

    ``is_admin`` is true when the caller is an administrator; admins see
    every project (contract 1.8). The API decides it with the policy rule
    ``context_is_admin``; elsewhere the ``admin`` role decides.

    ``trust_id`` is the Keystone trust through which the engine acts for
    the caller (see ``senlin_lite.common.trusts``). It is stored with the
    action; tokens never are. ``auth_token_info`` is the token data
    auth_token validated (with the service catalog), used by the API to
    talk to Keystone as the caller; it is never serialised.
    """

    def __init__(self, is_admin=None, trust_id=None, auth_token_info=None,
                 **kwargs):
        super().__init__(is_admin=bool(is_admin), **kwargs)
        if is_admin is None:
            self.is_admin = 'admin' in [r.lower() for r in self.roles]
        self.trust_id = trust_id
        self.auth_token_info = auth_token_info

    def to_dict(self):
        values = super().to_dict()
        values['is_admin'] = self.is_admin
        values['trust_id'] = self.trust_id
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        values = dict(values or {})
        values.update(kwargs)
        return super().from_dict(values, is_admin=values.get('is_admin'),
                                 trust_id=values.get('trust_id'))

    def elevated(self):
        ctx = self.__class__.from_dict(self.to_dict())
        ctx.is_admin = True
        if 'admin' not in [r.lower() for r in ctx.roles]:
            ctx.roles = list(ctx.roles) + ['admin']
        return ctx


def get_admin_context():
    """A context for work the engine does on its own behalf."""
    return RequestContext(is_admin=True, overwrite=False)
