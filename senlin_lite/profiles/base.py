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

"""The profile plugin API: what the API and the engine may rely on.

Class side (used by the API, no cloud access):

* ``TYPE_NAME``/``TYPE_VERSION`` (``os.nova.server``/``1.0``),
  ``type_key()`` (``os.nova.server-1.0``), ``VERSIONS`` (support status),
  ``properties_schema`` (``{name: schema.Schema}``) and ``OPERATIONS``
  (``{name: schema.Operation}``).
* ``support_status(version=None)``, ``schema_doc()``, ``operations_doc()``
  render contract section 2.3.
* ``validate_spec(spec)`` checks a whole spec (section 2.4, steps 3-5) and
  raises ``exception.InvalidSpec(message=<error>)`` with the bare error
  text (the API adds ``Failed in creating profile <name>: `` on create).
* ``validate_operation(op, params)`` checks a ``/ops`` request (section
  2.7, rules 6-7) and raises ``exception.BadRequest`` with its message.

Node side (used by the engine; each call talks to the cloud):

``node`` is any object with the attributes ``id``, ``name``,
``physical_id``, ``data`` (dict), ``cluster_id`` ('' for orphans) and
``index``. ``guard`` is an optional callable without arguments; the
profile calls it between two polls of a long wait (never while holding a
half-done request), and whatever it raises propagates unchanged, so the
engine can stop a cancelled or timed-out action at a safe point. While a
server exists that the engine does not know of yet (during create and
RECREATE), a propagating guard exception gets a ``resource_id``
attribute holding that server's id, unless it already has one.

* ``do_create(node, guard=None)`` -> ``Created(physical_id, data)``;
  ``data`` is merged into ``node.data`` (``{'placement': {'zone': AZ}}``).
* ``do_delete(node, guard=None, force=False, timeout=None)`` -> None once
  the resource is gone (an already missing one counts as gone).
* ``do_check(node, guard=None)`` -> True when running (ACTIVE), False
  otherwise; raises ``ServerNotFound`` when the cloud says 404.
* ``do_recover(node, operation=None, options=None, guard=None)`` -> the
  physical id after recovery: the same one for REBOOT/REBUILD, a new one
  for RECREATE (the default when ``operation`` is empty; compared
  case-insensitively). ``options`` may hold ``operation_params``,
  ``delete_timeout`` and ``force_recreate`` (section 2.6).
* ``do_update(node, new_profile, guard=None)`` -> True after applying the
  differences between this profile's properties and ``new_profile``'s.
* ``do_operation(node, operation, params, guard=None)`` -> None after the
  operation and its wait (section 3.13).
* ``do_get_details(node)`` -> dict for ``show_details``; never raises for
  cloud errors (they become ``{'Error': {'code': ..., 'message': ...}}``).

Every cloud failure is raised as ``ProfileError`` (or its subclass
``ServerNotFound``), whose ``str()`` is the node's ``status_reason`` of
contract section 3.12, e.g. ``Failed in creating server: <msg>.``,
``Failed in deleting server '<id>': <msg>.``, ``Failed in found server
'<id>': <msg>.``, ``Failed in checking server '<id>': <msg>.``,
``Failed in rebooting server '<id>': <msg>.``, ``Failed in rebuilding
server '<id>': <msg>.``, ``Failed in recovering node '<node id>': <msg>.``,
``Failed in updating server '<id>': <msg>.``, ``Failed in <op> server
'<id>': <msg>.`` for other operations, or ``Failed in connecting to the
compute service: <msg>.`` when no connection can be built. Its
``resource_id`` is the id of the server concerned when one exists (a
create that failed after Nova accepted it, a RECREATE whose new server
failed), else None. Nothing else escapes these methods except what
``guard`` raises and programming errors.
"""

import collections
import types

from senlin_lite.common import exception
from senlin_lite.profiles import schema

Created = collections.namedtuple('Created', 'physical_id data')

# Keyword arguments of Senlin's request context: the only keys accepted
# in the ``context`` property (contract 2.4, step 5).
CONTEXT_KEYS = (
    'auth_token', 'user', 'project', 'domain', 'user_domain',
    'project_domain', 'is_admin', 'read_only', 'show_deleted',
    'request_id', 'auth_url', 'trusts', 'user_name', 'project_name',
    'domain_name', 'user_domain_name', 'project_domain_name',
    'auth_token_info', 'region_name', 'roles', 'password',
)

SPEC_KEYS = ('type', 'version', 'properties')


class ProfileError(exception.ProfileOperationFailed):
    """A cloud operation failed; the message is the node's reason."""

    def __init__(self, message, resource_id=None):
        super().__init__(message=message)
        self.resource_id = resource_id


class ServerNotFound(ProfileError):
    """The cloud answered 404 for the node's physical resource."""


def failure(op, kind, ident, message, resource_id=None, cls=ProfileError):
    """``Failed in <op> <kind> '<id>': <message>.`` as a ProfileError."""
    text = str(message).rstrip()
    if text.endswith('.'):
        text = text[:-1]
    if ident is None:
        return cls('Failed in %s %s: %s.' % (op, kind, text), resource_id)
    return cls("Failed in %s %s '%s': %s." % (op, kind, ident, text),
               resource_id)


def no_guard():
    """The guard used when the caller gives none."""


class Profile(object):
    """Base class of profile types; see the module docstring."""

    TYPE_NAME = None
    TYPE_VERSION = '1.0'
    VERSIONS = {}
    properties_schema = {}
    OPERATIONS = {}

    def __init__(self, record=None, request_context=None, **fields):
        """Build from a profile row (or keyword fields of the same names).

        Uses ``id``, ``name``, ``spec`` and ``context`` when present. The
        spec was validated when the profile was created; here missing
        properties just take their defaults. ``request_context`` is whom
        the cloud calls are made for: the stored context of the action
        being run (with its trust), or the API caller's context.
        """
        self.request_context = request_context
        source = record if record is not None else \
            types.SimpleNamespace(**fields)
        self.id = getattr(source, 'id', None)
        self.name = getattr(source, 'name', None)
        self.spec = getattr(source, 'spec', None) or {}
        self.properties = schema.resolve_defaults(
            self.properties_schema, self.spec.get('properties'))
        self.context = getattr(source, 'context', None) or {}

    # -- class side: registry and API support --

    @classmethod
    def type_key(cls):
        return '%s-%s' % (cls.TYPE_NAME, cls.TYPE_VERSION)

    @classmethod
    def support_status(cls, version=None):
        """All versions' support status, or only ``version``'s entry."""
        if version is None:
            return {v: [dict(s) for s in entries]
                    for v, entries in cls.VERSIONS.items()}
        return {version: [dict(s) for s in cls.VERSIONS.get(version, [])]}

    @classmethod
    def schema_doc(cls):
        return {name: item.to_dict()
                for name, item in cls.properties_schema.items()}

    @classmethod
    def operations_doc(cls):
        return {name: op.to_dict() for name, op in cls.OPERATIONS.items()}

    @classmethod
    def validate_spec(cls, spec):
        """Check a spec; return its properties with defaults applied.

        :raises exception.InvalidSpec: with the bare contract message.
        """
        try:
            properties = cls._validate_spec(spec)
        except schema.SchemaError as exc:
            raise exception.InvalidSpec(message=str(exc))
        return schema.resolve_defaults(cls.properties_schema, properties)

    @classmethod
    def _validate_spec(cls, spec):
        if 'properties' not in spec:
            raise schema.SchemaError(
                "Required spec item 'properties' not provided")
        for key in spec:
            if key not in SPEC_KEYS:
                raise schema.SchemaError(
                    "Unrecognizable spec item '%s'" % key)
        data = spec['properties']
        if not isinstance(data, dict):
            raise schema.SchemaError("'%s' is not a Map" % (data,))
        properties = schema.validate_items(cls.properties_schema, data)
        cls._validate_context(properties.get('context'))
        return properties

    @staticmethod
    def _validate_context(context):
        bad = [key for key in context or {} if key not in CONTEXT_KEYS]
        if bad:
            raise schema.SchemaError(
                "Some keys in 'context' are invalid: %s" % bad)

    @classmethod
    def validate_operation(cls, operation, params):
        """Check an operation request; params may be None or {}.

        :raises exception.BadRequest: unsupported operation or bad params.
        """
        op = cls.OPERATIONS.get(operation)
        if op is None:
            raise exception.BadRequest(
                msg="The requested operation '%s' is not supported by the "
                    "profile type '%s'." % (operation, cls.type_key()))
        if not params:
            return
        try:
            op.validate(params)
        except schema.SchemaError as exc:
            raise exception.BadRequest(msg=str(exc))

    # -- node side: implemented by the profile types --

    def do_create(self, node, guard=None):
        raise NotImplementedError()

    def do_delete(self, node, guard=None, force=False, timeout=None):
        raise NotImplementedError()

    def do_check(self, node, guard=None):
        raise NotImplementedError()

    def do_recover(self, node, operation=None, options=None, guard=None):
        raise NotImplementedError()

    def do_update(self, node, new_profile, guard=None):
        raise NotImplementedError()

    def do_operation(self, node, operation, params, guard=None):
        raise NotImplementedError()

    def do_get_details(self, node):
        return {}
