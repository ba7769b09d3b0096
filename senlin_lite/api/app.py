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

"""The API application: pecan app, paste factories and loader."""

import os
import sys

from oslo_log import log as logging
from paste import deploy
import pecan
import webob

from senlin_lite.api.controllers import root
from senlin_lite.api import express
from senlin_lite.api import hooks
from senlin_lite.api import pecan_cache
from senlin_lite.api import versions
from senlin_lite import conf

CONF = conf.CONF
LOG = logging.getLogger(__name__)

PASTE_FILE = 'api-paste.ini'


def setup_app():
    """The pecan application serving ``/``, ``/v1`` and ``/v1/...``.

    Requests are plain webob Requests: pecan's own class wraps every
    attribute read in a Python-level guard (about 7 % of the API's CPU
    per request) only to turn a UnicodeDecodeError into a 400, which
    ErrorHook does once (errors.describe).
    """
    pecan_cache.install()
    return pecan.make_app(
        root.RootController(),
        hooks=[hooks.ErrorHook(), hooks.RequestHook(), hooks.ContextHook(),
               hooks.EngineHook(), hooks.VersionHeaderHook()],
        force_canonical=False,
        guess_content_type_from_ext=False,
        request_cls=webob.Request,
        debug=False)


def app_factory(global_conf, **local_conf):
    """Paste app factory of the API (node action POSTs go express)."""
    return express.NodeActionExpress(setup_app())


def versions_factory(global_conf, **local_conf):
    """Paste app factory of the unauthenticated version documents."""
    return versions.VersionsApp()


def root_factory(loader, global_conf, **local_conf):
    """Paste composite factory: see versions.Dispatcher.

    ``versions`` and ``api`` name the applications (or pipelines) to use;
    ``healthcheck`` is optional.
    """
    def get(name):
        return loader.get_app(name, global_conf=global_conf)
    healthcheck = local_conf.get('healthcheck')
    return versions.Dispatcher(get(local_conf['versions']),
                               get(local_conf['api']),
                               get(healthcheck) if healthcheck else None)


def _shipped_paste_files():
    """The ini of the source tree, then the one installed as data file."""
    here = os.path.dirname(os.path.abspath(__file__))
    tree = os.path.join(here, '..', '..', 'etc', 'senlin_lite', PASTE_FILE)
    yield os.path.normpath(tree)
    for prefix in (sys.prefix, '/usr/local', '/usr'):
        yield os.path.join(prefix, 'etc', 'senlin_lite', PASTE_FILE)


def find_paste_file():
    """Where the paste deployment file is, as an absolute path.

    ``[senlin_api] api_paste_config``: an absolute path is used as is; a
    relative one is looked up next to the config files, then in the
    source tree and the installed data files.
    """
    configured = CONF.senlin_api.api_paste_config
    if os.path.isabs(configured):
        return configured
    found = CONF.find_file(configured)
    if found:
        return os.path.abspath(found)
    if os.path.basename(configured) == PASTE_FILE:
        for candidate in _shipped_paste_files():
            if os.path.exists(candidate):
                return candidate
    raise RuntimeError('Cannot find the paste deployment file %r'
                       % configured)


def load_app():
    """The WSGI application of the configured ``auth_strategy``."""
    path = find_paste_file()
    name = CONF.senlin_api.auth_strategy
    LOG.info('Loading the %s API pipeline from %s', name, path)
    return deploy.loadapp('config:%s' % path, name=name)
