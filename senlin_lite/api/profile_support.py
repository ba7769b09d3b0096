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

"""The API's use of profile types (senlin_lite.profiles).

Only class-side features are used here (no cloud access), except for
``node_details`` which serves ``GET /v1/nodes/{id}?show_details=true``.
"""

from senlin_lite.api import microversions
from senlin_lite.common import exception
from senlin_lite.db import api as db_api
from senlin_lite.profiles import environment


def validate_spec(spec, profile_name=None):
    """Check a profile spec (contract 2.4); returns (type_key, properties).

    With ``profile_name`` (profile create) spec errors are prefixed with
    ``Failed in creating profile <name>: ``. A spec without ``type`` or
    ``version`` is a 400 InvalidSpec (a 500 ESchema in Senlin; contract
    "may fix").
    """
    try:
        return environment.validate_spec(spec)
    except exception.ESchema as exc:
        raise exception.InvalidSpec(message=exc.message)
    except exception.InvalidSpec as exc:
        if profile_name is None:
            raise
        raise exception.InvalidSpec(
            message='Failed in creating profile %s: %s'
            % (profile_name, exc.message))


def type_list(version):
    """Items of GET /v1/profile-types, shaped by the microversion."""
    result = []
    for type_key in environment.list_types():
        if version < microversions.V_SUPPORT_STATUS:
            result.append({'name': type_key})
            continue
        cls = environment.get_profile_class(type_key)
        result.append({
            'name': cls.TYPE_NAME,
            'version': cls.TYPE_VERSION,
            'support_status': cls.support_status(cls.TYPE_VERSION),
        })
    return result


def type_detail(type_key, version):
    """GET /v1/profile-types/{type}; 404 for an unknown type."""
    cls = environment.get_profile_class(type_key)
    result = {'name': type_key, 'schema': cls.schema_doc()}
    if version >= microversions.V_SUPPORT_STATUS:
        result['support_status'] = cls.support_status()
    return result


def operations(type_key):
    """The operations of a type; ResourceNotFound for an unknown type."""
    return environment.get_profile_class(type_key).operations_doc()


def _node_profile(context, node):
    profile = db_api.profile_get(context, node.profile_id,
                                 project_safe=False)
    if profile is None:
        raise exception.ResourceNotFound(type='profile', id=node.profile_id)
    return profile, environment.get_profile_class(profile.type)


def check_operation(context, node, operation, params):
    """Validate a /ops request against the node's profile type (2.7).

    :returns: the parameters to store, ``{}`` when none were given.
    :raises BadRequest: unsupported operation or invalid parameters.
    """
    _profile, cls = _node_profile(context, node)
    cls.validate_operation(operation, params)
    return params or {}


def node_details(context, node):
    """The backend's view of a node's physical resource."""
    profile, cls = _node_profile(context, node)
    return cls(profile, request_context=context).do_get_details(node)
