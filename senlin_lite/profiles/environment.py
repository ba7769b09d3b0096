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

"""The registry of profile types, loaded from stevedore entry points.

Profile types are classes published under the ``senlin_lite.profiles``
entry-point namespace, named by their type key (``os.nova.server-1.0``).
Only types whose profile really works are published (contract section 0).
"""

import threading

from oslo_log import log as logging
from stevedore import extension

from senlin_lite.common import exception

LOG = logging.getLogger(__name__)
NAMESPACE = 'senlin_lite.profiles'

_lock = threading.Lock()
_registry = None


def _on_load_failure(manager, entrypoint, exc):
    LOG.error('Cannot load profile type %s: %s', entrypoint.name, exc)


def _load():
    global _registry
    with _lock:
        if _registry is None:
            manager = extension.ExtensionManager(
                NAMESPACE, invoke_on_load=False,
                on_load_failure_callback=_on_load_failure)
            _registry = {ext.name: ext.plugin for ext in manager}
        return _registry


def reset():
    """Forget the loaded registry (tests)."""
    global _registry
    with _lock:
        _registry = None


def list_types():
    """The registered type keys, sorted."""
    return sorted(_load())


def get_profile_class(type_key):
    """The class registered as ``type_key``.

    :raises exception.ResourceNotFound: ``The profile_type '<key>' could
        not be found.``
    """
    cls = _load().get(type_key)
    if cls is None:
        raise exception.ResourceNotFound(type='profile_type', id=type_key)
    return cls


def spec_type_key(spec):
    """``<type>-<version>`` of a spec (contract 2.4, step 1).

    :raises exception.ESchema: the spec is not a map or lacks a key.
    """
    if not isinstance(spec, dict):
        raise exception.ESchema(message='The provided spec is not a map.')
    for key in ('type', 'version'):
        if key not in spec:
            raise exception.ESchema(
                message="The '%s' key is missing from the provided spec "
                        "map." % key)
    return '%s-%s' % (spec['type'], spec['version'])


def validate_spec(spec):
    """Steps 1-5 of contract 2.4; returns ``(type_key, properties)``.

    :raises exception.ESchema: step 1.
    :raises exception.ResourceNotFound: step 2, unknown type.
    :raises exception.InvalidSpec: steps 3-5, bare message.
    """
    type_key = spec_type_key(spec)
    cls = get_profile_class(type_key)
    return type_key, cls.validate_spec(spec)
