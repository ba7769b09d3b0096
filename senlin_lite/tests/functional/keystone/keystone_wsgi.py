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

"""Keystone's WSGI application for gunicorn, with gunicorn's argv hidden.

This file runs inside Keystone's own virtualenv (gunicorn loads it as
``keystone_wsgi:application``); senlin_lite never imports it. Keystone
parses ``sys.argv`` with oslo.config when it builds the application, and
gunicorn's own arguments (``--bind ...``) would make that fail, so they
are removed first. The configuration file comes from
``OS_KEYSTONE_CONFIG_FILES``.
"""

import sys

sys.argv = sys.argv[:1]

from keystone.server import wsgi  # noqa: E402

application = wsgi.initialize_public_application()
