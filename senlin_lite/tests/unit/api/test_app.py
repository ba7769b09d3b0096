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

"""Loading the paste deployment and the WSGI module."""

import importlib
import sys
from unittest import mock

import fixtures
import webtest

from senlin_lite.api import app
from senlin_lite.common import service
from senlin_lite.tests import base


class TestLoadApp(base.TestCase):

    def test_keystone_pipeline_needs_a_token(self):
        self.flags(auth_strategy='keystone', group='senlin_api')
        # Registers [keystone_authtoken]; no identity server is contacted
        # for a request without a token.
        from keystonemiddleware import auth_token  # noqa: F401
        self.flags(www_authenticate_uri='http://keystone.test/identity',
                   group='keystone_authtoken')
        test_app = webtest.TestApp(app.load_app())
        test_app.get('/', status=300)
        test_app.get('/v1', status=200)
        test_app.get('/healthcheck', status=200)
        test_app.get('/v1/', status=401)
        test_app.get('/v1/nodes', status=401)

    def test_paste_file_lookup(self):
        self.assertTrue(app.find_paste_file().endswith(
            'etc/senlin_lite/api-paste.ini'))
        self.flags(api_paste_config='/nowhere/paste.ini', group='senlin_api')
        self.assertEqual('/nowhere/paste.ini', app.find_paste_file())
        self.flags(api_paste_config='other.ini', group='senlin_api')
        self.assertRaises(RuntimeError, app.find_paste_file)


class TestWSGIModule(base.TestCase):

    @mock.patch.object(service, 'freeze_startup_objects')
    @mock.patch.object(app, 'load_app', return_value='the-app')
    @mock.patch.object(service, 'prepare_service')
    def test_application(self, prepare_service, load_app, freeze):
        self.useFixture(fixtures.EnvironmentVariable(
            'SENLIN_LITE_CONFIG_FILES', '/etc/a.conf, /etc/b.conf'))
        sys.modules.pop('senlin_lite.wsgi.api', None)
        self.addCleanup(sys.modules.pop, 'senlin_lite.wsgi.api', None)
        module = importlib.import_module('senlin_lite.wsgi.api')
        self.assertEqual('the-app', module.application)
        self.assertEqual('the-app', module.init_application())
        prepare_service.assert_called_once_with(
            ['senlin-lite-api-wsgi'],
            default_config_files=['/etc/a.conf', '/etc/b.conf'])
        load_app.assert_called_once_with()
        freeze.assert_called_once_with()
