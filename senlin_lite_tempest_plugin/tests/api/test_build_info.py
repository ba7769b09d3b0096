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

"""GET /v1/build-info."""

from tempest.lib import decorators

from senlin_lite_tempest_plugin.tests import base


class TestBuildInfo(base.BaseSenlinLiteTest):

    @decorators.idempotent_id('307a6a41-25fe-4aaa-886b-1bb9f29691f5')
    def test_build_info(self):
        resp = self.client.call('GET', 'v1/build-info', expected=200)
        self.assertEqual({'api': {'revision': '1.0'},
                          'engine': {'revision': '1.0'}},
                         resp.body['build_info'])
