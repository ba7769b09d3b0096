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

"""Fixtures shared by the unit and in-process functional tests."""

import os

import fixtures
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import enginefacade
from oslo_messaging import conffixture as messaging_conffixture

from senlin_lite.common import messaging
from senlin_lite import conf
from senlin_lite.db.api import _base as db_base
from senlin_lite.db import migration

CONF = conf.CONF


class Config(fixtures.Fixture):
    """oslo.config's fixture over the global CONF, plugin options loaded."""

    def _setUp(self):
        conf.register_plugin_opts(CONF)
        fixture = self.useFixture(config_fixture.Config(CONF))
        CONF([], project='senlin_lite', default_config_files=[])
        self.config = fixture.config


class Database(fixtures.Fixture):
    """A migrated database of its own: a temporary SQLite file by default.

    oslo.db's enginefacade is process-global, so the fixture patches a
    fresh transaction factory in and restores the old one afterwards.
    """

    def __init__(self, url=None):
        super().__init__()
        self.url = url

    def _setUp(self):
        if self.url is None:
            tmpdir = self.useFixture(fixtures.TempDir()).path
            self.url = 'sqlite:///%s' % os.path.join(tmpdir, 'test.sqlite')
        manager = enginefacade.transaction_context()
        manager.configure(connection=self.url, **db_base.FACTORY_SETTINGS)
        reset = enginefacade._context_manager.patch_factory(manager)
        self.addCleanup(reset)
        self.addCleanup(lambda: manager.writer.get_engine().dispose())
        migration.upgrade()


class Messaging(fixtures.Fixture):
    """oslo.messaging's in-memory ``fake:/`` transport."""

    def _setUp(self):
        messaging.cleanup()
        fixture = self.useFixture(messaging_conffixture.ConfFixture(CONF))
        fixture.transport_url = 'fake:/'
        self.addCleanup(messaging.cleanup)


class Simulator(fixtures.Fixture):
    """A real compute simulator on a free port, used by the profile."""

    def __init__(self, **delays):
        super().__init__()
        self.delays = delays

    def _setUp(self):
        from senlin_lite.sim import client as sim_client
        from senlin_lite.sim import server as sim_server
        self.server = sim_server.SimServer(host='127.0.0.1', port=0,
                                           **self.delays)
        self.server.start()
        self.addCleanup(self.server.stop)
        self.control = sim_client.SimControl(self.server.url)
        CONF.set_override('cloud_backend', 'openstack_test')
        CONF.set_override('endpoint', self.server.url, group='nova_sim')
        CONF.set_override('server_poll_interval', 0.02)
