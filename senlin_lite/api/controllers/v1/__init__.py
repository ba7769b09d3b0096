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

"""Version 1 of the clustering API."""

import pecan

from senlin_lite.api.controllers.v1 import actions
from senlin_lite.api.controllers.v1 import build_info
from senlin_lite.api.controllers.v1 import events
from senlin_lite.api.controllers.v1 import nodes
from senlin_lite.api.controllers.v1 import profile_types
from senlin_lite.api.controllers.v1 import profiles
from senlin_lite.api import method
from senlin_lite.api import versions


class V1Controller:

    actions = actions.ActionsController()
    events = events.EventsController()
    nodes = nodes.NodesController()
    profiles = profiles.ProfilesController()

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET')
    def get(self):
        return versions.version_document(pecan.request.application_url)


pecan.route(V1Controller, 'build-info', build_info.BuildInfoController())
pecan.route(V1Controller, 'profile-types',
            profile_types.ProfileTypesController())
