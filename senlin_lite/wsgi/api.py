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

"""WSGI entry point of the API for uwsgi, mod_wsgi and friends.

``application`` is built when this module is imported. Configuration
files come from ``SENLIN_LITE_CONFIG_FILES`` (comma separated) or, when
that is unset, oslo.config's default search for project ``senlin_lite``
(e.g. /etc/senlin_lite/senlin_lite.conf). Command-line arguments of the
hosting server are never parsed.
"""

import os
import threading

from senlin_lite.api import app
from senlin_lite.common import service

CONFIG_FILES_ENV = 'SENLIN_LITE_CONFIG_FILES'

_LOCK = threading.Lock()
_APPLICATION = None


def _config_files():
    value = os.environ.get(CONFIG_FILES_ENV, '')
    files = [path.strip() for path in value.split(',') if path.strip()]
    return files or None


def init_application():
    """Prepare configuration and logging once, then load the app.

    Also the ``wsgi_scripts`` entry point of setup.cfg.
    """
    global _APPLICATION
    with _LOCK:
        if _APPLICATION is None:
            service.prepare_service(['senlin-lite-api-wsgi'],
                                    default_config_files=_config_files())
            _APPLICATION = app.load_app()
            service.freeze_startup_objects()
        return _APPLICATION


application = init_application()
