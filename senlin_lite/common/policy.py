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

"""The policy enforcer of senlin_lite (oslo.policy).

``authorize`` is called by every API operation before it does anything
else; a denied rule becomes the contract's 403 ``Forbidden``. The target
is the caller's own project: which objects the caller may see is decided
by the project scoping of the database queries, so a rule only answers
"may this caller do this kind of operation at all".
"""

import threading
import time

from oslo_policy import opts as policy_opts
from oslo_policy import policy

from senlin_lite.common import exception
from senlin_lite.common import policies
from senlin_lite import conf

CONF = conf.CONF

# Register [oslo_policy] now: the status command reads policy_file before
# any enforcer exists. The file is optional: the defaults live in the code.
policy_opts.set_defaults(CONF)

_ENFORCER = None
_LOCK = threading.Lock()

# Seconds a policy decision is reused for the same rule, credentials and
# target. oslo.policy re-reads the policy file's state and re-evaluates
# every check on each call (about a fifth of the API's CPU per request in
# the profiles of doc/source/admin/performance.rst); a decision depends on
# nothing else, so a change to the policy file still takes effect within
# this time.
DECISION_TTL = 1.0
DECISION_CACHE_SIZE = 4096


class _Decisions:
    """Policy decisions of the last DECISION_TTL seconds."""

    def __init__(self, ttl=DECISION_TTL, size=DECISION_CACHE_SIZE):
        self._ttl = ttl
        self._size = size
        self._lock = threading.Lock()
        self._period = None
        self._allowed = {}

    def _current(self):
        # Whole periods: everything decided in an earlier one is dropped.
        period = int(time.monotonic() / self._ttl)
        if period != self._period or len(self._allowed) >= self._size:
            self._period = period
            self._allowed = {}
        return self._allowed

    def get(self, key):
        with self._lock:
            return self._current().get(key)

    def put(self, key, allowed):
        with self._lock:
            self._current()[key] = allowed

    def clear(self):
        with self._lock:
            self._allowed = {}


_DECISIONS = _Decisions()


def _frozen(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(_frozen(item) for item in value))
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _credentials(context):
    """The caller's policy values, frozen; worked out once per context.

    A request asks for two decisions or more (its operation, whether the
    caller is an admin), each keyed by the same values.
    """
    frozen = context.__dict__.get('_senlin_policy_values')
    if frozen is None:
        frozen = _frozen(dict(context.to_policy_values()))
        context.__dict__['_senlin_policy_values'] = frozen
    return frozen


def _decide(rule, target, context):
    """Whether ``rule`` passes for ``context`` on ``target`` (remembered)."""
    key = (rule, _frozen(target), _credentials(context))
    allowed = _DECISIONS.get(key)
    if allowed is None:
        allowed = bool(get_enforcer().authorize(rule, target, context,
                                                do_raise=False))
        _DECISIONS.put(key, allowed)
    return allowed


def get_enforcer():
    """The process-wide Enforcer with the in-code defaults registered.

    Also the ``oslo.policy.enforcer`` entry point used by oslo.policy's
    command-line tools, which parse the configuration themselves.
    """
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is None:
            enforcer = policy.Enforcer(CONF)
            enforcer.register_defaults(policies.list_rules())
            _ENFORCER = enforcer
        return _ENFORCER


def reset():
    """Forget the enforcer (tests, or after a configuration change)."""
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is not None:
            _ENFORCER.clear()
        _ENFORCER = None
    _DECISIONS.clear()


def target_of(context):
    """The target of an operation done in the caller's own project."""
    return {'project_id': context.project_id, 'user_id': context.user_id}


def authorize(context, rule, target=None):
    """Raise Forbidden unless ``context`` may do ``rule``.

    An unregistered rule name is a programming error and raises
    oslo.policy's PolicyNotRegistered.
    """
    if target is None:
        target = target_of(context)
    # Every operation is project scoped: a caller without a project (an
    # unscoped token) is denied, and so is a token of the wrong scope
    # (system, domain).
    if not context.project_id or not _decide(rule, target, context):
        raise exception.Forbidden()


def check_is_admin(context):
    """Whether ``context_is_admin`` passes for the caller (contract 1.1)."""
    return _decide('context_is_admin', target_of(context), context)
