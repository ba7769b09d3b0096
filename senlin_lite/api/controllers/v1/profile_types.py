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

"""/v1/profile-types: list, show, operations (contract 2.3)."""


from senlin_lite.api.controllers.v1 import common
from senlin_lite.api import method
from senlin_lite.api import microversions
from senlin_lite.api import profile_support
from senlin_lite.common import exception


class ProfileTypeOpsController:

    def __init__(self, type_key):
        self.type_key = type_key

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.require_version(microversions.V_OPERATIONS)
        common.authorize('profile_types:ops')
        try:
            operations = profile_support.operations(self.type_key)
        except exception.ResourceNotFound:
            # 400, not 404 (contract 2.3).
            raise exception.BadRequest(
                msg="The profile_type '%s' could not be found"
                % self.type_key)
        return {'operations': operations}


class ProfileTypeController:

    def __init__(self, type_key):
        self.type_key = type_key
        self.ops = ProfileTypeOpsController(type_key)

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        common.authorize('profile_types:get')
        return {'profile_type': profile_support.type_detail(
            self.type_key, common.version())}


class ProfileTypesController:

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get_all(self):
        common.authorize('profile_types:index')
        return {'profile_types': profile_support.type_list(
            common.version())}

    _route = method.member_route(ProfileTypeController)
