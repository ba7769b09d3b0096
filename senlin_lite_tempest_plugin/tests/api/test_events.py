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

"""Events: list and show."""

from tempest.lib.common.utils import data_utils
from tempest.lib import decorators
from tempest.lib import exceptions as lib_exc

from senlin_lite_tempest_plugin.tests import base

EVENT_KEYS = {'action', 'cluster_id', 'id', 'level', 'oid', 'oname',
              'otype', 'project', 'status', 'status_reason', 'timestamp',
              'user'}


class TestEvents(base.BaseSenlinLiteTest):

    @classmethod
    def resource_setup(cls):
        super().resource_setup()
        cls.profile = cls.create_profile()
        cls.node = cls.create_node(cls.profile['id'])

    @decorators.idempotent_id('8ac17162-c56b-45ca-bd4b-98f1244aac49')
    def test_list_and_show(self):
        events = self.events_of(self.node['id'])
        self.assertNotEqual([], events)
        for event in events:
            self.assertEqual(self.node['id'], event['oid'])
            self.assertEqual('NODE', event['otype'])
        shown = self.client.get_obj('events',
                                    events[0]['id']).body['event']
        self.assertTrue(EVENT_KEYS.issubset(shown), shown)
        self.assertEqual(events[0]['id'], shown['id'])

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('f664131f-cb77-415a-b9ee-829065c6c3ce')
    def test_show_not_found(self):
        missing = data_utils.rand_uuid()
        self.assertRaisesError(
            lib_exc.NotFound, 404,
            "The event '%s' could not be found." % missing,
            self.client.get_obj, 'events', missing)

    @decorators.attr(type=['negative'])
    @decorators.idempotent_id('af89ede2-3609-4d8d-a063-3c8cab461cbd')
    def test_list_bad_params(self):
        self.assertRaisesError(
            lib_exc.BadRequest, 400,
            "Invalid value 'not-bool' specified for 'global_project'",
            self.client.list_objs, 'events', {'global_project': 'not-bool'})
        self.assertRaisesError(
            lib_exc.BadRequest, 400, 'Field value LOUD is invalid',
            self.client.list_objs, 'events', {'level': 'LOUD'})
