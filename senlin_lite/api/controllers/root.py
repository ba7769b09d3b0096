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

"""The root of the pecan application: version documents and /v1."""

import pecan

from senlin_lite.api.controllers import v1 as v1_api
from senlin_lite.api import method
from senlin_lite.api import versions


class RootController:

    v1 = v1_api.V1Controller()

    @method.route
    def index(self):
        pass

    @method.when(index, 'GET', status=300)
    def get(self):
        return versions.versions_document(pecan.request.application_url)


pecan.route(RootController, 'v1.0', RootController.v1)
