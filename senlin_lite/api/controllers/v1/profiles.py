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

"""/v1/profiles: list, create, show, update, delete, validate
(contract 2.4)."""


from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.api import microversions
from senlin_lite.api import params
from senlin_lite.api import profile_support
from senlin_lite.api.schemas import profiles as schemas
from senlin_lite.api import views
from senlin_lite.common import exception
from senlin_lite import conf
from senlin_lite.db import api as db_api

CONF = conf.CONF

FILTERS = {'name': None, 'type': None}
SORT_KEYS = ('type', 'name', 'created_at', 'updated_at')


def list_profiles():
    ctx = common.context()
    query = params.ListQuery(common.query(), FILTERS, SORT_KEYS)
    query.check_global_project(ctx)
    return [views.profile(row)
            for row in db_api.profile_get_all(ctx, **query.db_args())]


def create_profile():
    data = common.wrapped('profile', common.missing_key('profile'))
    common.validate(data, schemas.CREATE)
    ctx = common.context()
    name, spec = data['name'], data['spec']
    if CONF.name_unique and db_api.profile_get_all(
            ctx, filters={'name': name}, limit=1):
        raise exception.BadRequest(
            msg="A profile named '%s' already exists" % name)
    type_key, properties = profile_support.validate_spec(
        spec, profile_name=name)
    row = db_api.profile_create(ctx, {
        'name': name, 'type': type_key, 'spec': spec,
        'context': properties.get('context') or {},
        'user': ctx.user_id, 'project': ctx.project_id,
        'domain': ctx.domain_id, 'meta_data': data.get('metadata') or {},
    })
    return views.profile(row)


def update_profile(identity):
    data = common.wrapped('profile', common.malformed('profile'))
    common.validate(data, schemas.UPDATE)
    ctx = common.context()
    row = db_api.profile_find(ctx, identity)
    changes = {}
    if data.get('name') is not None and data['name'] != row.name:
        changes['name'] = data['name']
    if 'metadata' in data and data['metadata'] != row.meta_data:
        changes['meta_data'] = data['metadata']
    if not changes:
        raise exception.BadRequest(msg='No property needs an update')
    return views.profile(db_api.profile_update(ctx, row.id, changes))


def validate_profile():
    common.require_version(microversions.V_PROFILE_VALIDATE)
    data = common.wrapped('profile', common.missing_key('profile'))
    common.validate(data, schemas.VALIDATE)
    ctx = common.context()
    type_key, _properties = profile_support.validate_spec(data['spec'])
    return views.validated_profile(ctx, type_key, data['spec'])


class ProfileController:

    def __init__(self, identity):
        self.identity = identity

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('profiles:get')
        row = db_api.profile_find(common.context(), self.identity)
        return {'profile': views.profile(row)}

    @method.when(index, 'PATCH')
    def patch(self):
        common.authorize('profiles:update')
        return {'profile': update_profile(self.identity)}

    @method.when(index, 'DELETE', status=204, raw=True)
    def delete(self):
        common.authorize('profiles:delete')
        ctx = common.context()
        row = db_api.profile_find(ctx, self.identity)
        db_api.profile_delete(ctx, row.id)


class ValidateController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'POST')
    def post(self):
        common.authorize('profiles:validate')
        return {'profile': validate_profile()}


class ProfilesController:

    validate = ValidateController()

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get_all(self):
        common.authorize('profiles:index')
        return {'profiles': list_profiles()}

    @method.when(index, 'POST', status=201)
    def post(self):
        common.authorize('profiles:create')
        return {'profile': create_profile()}

    _route = method.member_route(ProfileController)
