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

"""Keystone trusts: how the engine acts for the user who asked.

An action runs later, in another process, when the caller's token may
have expired; Senlin solved this with Keystone trusts and so does
senlin_lite (``cloud_backend = openstack`` only):

* API: when a user asks for an action, ``delegate`` finds or creates a
  trust from that user (trustor) to the ``[compute_auth]`` account
  (trustee) on the user's project, delegating ``[compute_auth]
  trust_roles`` with impersonation. Its id goes into the context stored
  with the action. Trust ids are cached per process for a few minutes.
* Engine: ``action_context`` turns the stored context back into a
  RequestContext. When an admin acted on another project's node, the
  admin's trust is for the wrong project, so the trust of the node's
  creator (stored with its NODE_CREATE action) is used instead.
  ``profiles.compute`` then authenticates as trustee with that trust.

Without a trust (noauth, or the simulator backend) the engine uses the
``[compute_auth]`` account's own scope.
"""

import threading
import time

from oslo_log import log as logging

from senlin_lite.common import consts
from senlin_lite.common import context as senlin_context
from senlin_lite.common import exception
from senlin_lite import conf
from senlin_lite.db import api as db_api
from senlin_lite.profiles import compute

CONF = conf.CONF
LOG = logging.getLogger(__name__)

# Seconds a trust id stays in the per-process cache.
CACHE_SECONDS = 300

_cache = {}
_trustee = {}
_lock = threading.Lock()


def enabled():
    return CONF.cloud_backend == 'openstack'


def reset_cache():
    with _lock:
        _cache.clear()
        _trustee.clear()


def trustee_id():
    """The user id of the ``[compute_auth]`` account (cached)."""
    with _lock:
        if 'id' in _trustee:
            return _trustee['id']
    auth = compute.service_auth()
    user_id = compute.session(auth).get_user_id()
    with _lock:
        _trustee['id'] = user_id
    return user_id


def _usable(trust, context, trustee):
    return (trust.trustee_user_id == trustee and
            trust.project_id == context.project_id and
            trust.is_impersonation and not trust.expires_at and
            trust.remaining_uses is None)


def _find_or_create(context):
    trustee = trustee_id()
    conn = compute.cloud_connection(
        credentials=compute.Credentials.of(context))
    for trust in conn.identity.trusts(trustor_user_id=context.user_id):
        if _usable(trust, context, trustee):
            return trust.id
    trust = conn.identity.create_trust(
        trustor_user_id=context.user_id, trustee_user_id=trustee,
        project_id=context.project_id, is_impersonation=True,
        roles=[{'name': role} for role in CONF.compute_auth.trust_roles])
    LOG.info('Created trust %s from user %s on project %s', trust.id,
             context.user_id, context.project_id)
    return trust.id


def delegate(context):
    """The trust id the engine will act through for ``context``, or None.

    None when no trust is needed (simulator backend) or possible (no
    token: noauth). Raises InternalError when Keystone refuses.
    """
    if not (enabled() and context.auth_token and context.user_id and
            context.project_id):
        return None
    key = (context.user_id, context.project_id)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached[1] > now:
        return cached[0]
    try:
        trust_id = _find_or_create(context)
    except compute.CLOUD_ERRORS as exc:
        LOG.warning('No trust for user %s on project %s: %s',
                    context.user_id, context.project_id, exc)
        raise exception.InternalError(
            message='Failed in delegating to the service the rights it '
                    'needs to run the action: %s' % compute.error_text(exc))
    with _lock:
        _cache[key] = (trust_id, now + CACHE_SECONDS)
    return trust_id


def _creator_trust(admin_ctx, node):
    """The trust stored with the node's NODE_CREATE action, if any."""
    rows = db_api.action_get_all(
        admin_ctx, filters={'target': [node.id],
                            'action': [consts.NODE_CREATE]},
        limit=1, project_safe=False)
    if not rows:
        return None
    values = rows[0].context or {}
    if values.get('project_id') != node.project:
        return None
    return values.get('trust_id')


def action_context(record):
    """The context an engine runs the claimed action ``record`` with.

    The stored context of the request that created it, with the trust
    that reaches the target node's project (see the module docstring).
    Never raises because of the trust lookup.
    """
    ctx = senlin_context.RequestContext.from_dict(record.context or {})
    if not enabled():
        return ctx
    try:
        admin_ctx = senlin_context.get_admin_context()
        node = db_api.node_get(admin_ctx, record.target, project_safe=False)
        if node is not None and ctx.project_id != node.project:
            ctx.trust_id = _creator_trust(admin_ctx, node)
    except Exception:
        LOG.exception('Could not look up the trust of action %s', record.id)
    if not ctx.trust_id:
        LOG.warning('Action %s has no trust: the [compute_auth] account '
                    'acts in its own project', record.id)
    return ctx
