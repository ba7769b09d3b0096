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

"""Work pecan repeats on every request, done once per controller.

pecan (1.8) inspects the signature of the controller on every request,
and its ``getargspec`` builds a new namedtuple class each time: about a
tenth of the API's CPU per POST in the profiles of
doc/source/admin/performance.rst. A controller's signature cannot change
while the process runs, so the spec is computed once per function.

The spec of a bound method equals that of its function (pecan keeps
``self`` in both), so bound methods share their function's entry and a
new bound method per request does not grow the cache.

Its object dispatch also calls ``_detect_custom_path_segments`` for each
controller it walks through, which lists the controller's attributes
(``dir()``) before checking whether that class was already inspected:
8 % of an API worker's CPU per POST. Classes already inspected are
skipped here; pecan itself does nothing more for them.
"""

import functools

from pecan import core as pecan_core
from pecan import rest as pecan_rest
from pecan import routing as pecan_routing
from pecan import util as pecan_util

# The modules that imported pecan.util.getargspec by name.
_USERS = (pecan_core, pecan_rest, pecan_routing)
_original = pecan_util.getargspec
_original_detect = pecan_routing._detect_custom_path_segments


@functools.lru_cache(maxsize=1024)
def _spec_of(function):
    return _original(function)


def getargspec(method):
    """pecan's ``getargspec``, computed once per function."""
    function = getattr(method, '__func__', method)
    try:
        return _spec_of(function)
    except TypeError:  # unhashable callable: nothing to remember
        return _original(method)


def detect_custom_path_segments(controller):
    """pecan's custom-route detection, once per controller class."""
    if type(controller) in pecan_routing.__observed_controllers__:
        return
    _original_detect(controller)


def install():
    """Make pecan's request path use the remembered work (idempotent)."""
    for module in _USERS:
        module.getargspec = getargspec
    pecan_routing._detect_custom_path_segments = detect_custom_path_segments
