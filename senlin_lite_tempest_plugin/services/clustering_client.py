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

"""A tempest service client of the clustering API v1 (senlin_lite)."""

import time
from urllib import parse

from oslo_serialization import jsonutils
from tempest.lib.common import rest_client
from tempest.lib import exceptions as lib_exc

VERSION_HEADER = 'OpenStack-API-Version'
TERMINAL = ('SUCCEEDED', 'FAILED', 'CANCELLED')


class Response(object):
    """The response headers (``resp``, ``status``) and the parsed body."""

    def __init__(self, resp, body):
        self.resp = resp
        self.status = resp.status
        self.body = body

    def header(self, name):
        return self.resp.get(name.lower())


class ActionFailed(Exception):
    pass


class ClusteringClient(rest_client.RestClient):
    """Calls of the clustering API, with its microversion header.

    Paths are relative to the catalog endpoint (which has no version
    suffix, as with Senlin), e.g. ``v1/nodes``. Every request carries
    ``OpenStack-API-Version: clustering <version>``: ``version`` of the
    call, else ``microversion`` of the client, else ``latest``.
    """

    path_version = 'v1'

    def __init__(self, auth_provider, service, region, microversion=None,
                 wait_timeout=120, wait_interval=0.5, **kwargs):
        super().__init__(auth_provider, service, region, **kwargs)
        self.microversion = microversion
        self.build_timeout = wait_timeout
        self.build_interval = wait_interval

    # -- plumbing --------------------------------------------------------

    def call(self, method, path, body=None, version=None, expected=None,
             params=None):
        """One request; a :class:`Response`.

        4xx and 5xx answers raise tempest's exceptions, whose
        ``resp_body`` holds the error document.
        """
        headers = self.get_headers()
        headers[VERSION_HEADER] = 'clustering %s' % (
            version or self.microversion or 'latest')
        if params:
            path = '%s?%s' % (path, parse.urlencode(params, doseq=True))
        data = jsonutils.dumps(body) if body is not None else None
        resp, raw = self.request(method, path, headers=headers, body=data)
        if expected is not None:
            if isinstance(expected, tuple):
                expected = list(expected)
            self.expected_success(expected, resp.status)
        parsed = jsonutils.loads(raw) if raw else None
        return Response(resp, parsed)

    def _path(self, *parts):
        return '/'.join((self.path_version,) + tuple(parts))

    # -- generic resources (profiles, nodes, actions, events) ------------

    def list_objs(self, kind, params=None, version=None):
        return self.call('GET', self._path(kind), params=params,
                         version=version, expected=200)

    def get_obj(self, kind, obj_id, version=None):
        return self.call('GET', self._path(kind, obj_id), version=version,
                         expected=200)

    def create_obj(self, kind, body, version=None, expected=(201, 202)):
        return self.call('POST', self._path(kind), body, version=version,
                         expected=expected)

    def update_obj(self, kind, obj_id, body, version=None,
                   expected=(200, 202)):
        return self.call('PATCH', self._path(kind, obj_id), body,
                         version=version, expected=expected)

    def delete_obj(self, kind, obj_id, version=None, expected=(202, 204)):
        return self.call('DELETE', self._path(kind, obj_id),
                         version=version, expected=expected)

    # -- actions ---------------------------------------------------------

    @staticmethod
    def action_id(response):
        """The action id of a 202 response's ``Location`` header."""
        location = response.header('Location') or ''
        if '/actions/' not in location:
            raise lib_exc.InvalidHTTPResponseBody(
                'Location %r does not name an action' % location)
        return location.rstrip('/').rsplit('/', 1)[-1]

    def trigger_action(self, node_id, body, version=None):
        """``POST /v1/nodes/<id>/actions``; the 202 response."""
        return self.call('POST', self._path('nodes', node_id, 'actions'),
                         body, version=version, expected=202)

    def node_operation(self, node_id, body, version='1.4'):
        """``POST /v1/nodes/<id>/ops``; the 202 response."""
        return self.call('POST', self._path('nodes', node_id, 'ops'), body,
                         version=version, expected=202)

    def cancel_action(self, action_id, version='1.12'):
        return self.update_obj('actions', action_id,
                               {'action': {'status': 'CANCELLED'}},
                               version=version, expected=202)

    # -- waits -------------------------------------------------------------

    def _poll(self, fetch, done, what, timeout):
        deadline = time.monotonic() + (timeout or self.build_timeout)
        while True:
            current = fetch()
            if done(current):
                return current
            if time.monotonic() > deadline:
                raise lib_exc.TimeoutException(
                    '%s not reached within %ss; last seen: %s'
                    % (what, timeout or self.build_timeout, current))
            time.sleep(self.build_interval)

    def wait_for_action(self, action_id, status='SUCCEEDED', timeout=None):
        """Wait until the action is terminal; it must be in ``status``."""
        action = self._poll(
            lambda: self.get_obj('actions', action_id).body['action'],
            lambda a: a['status'] in TERMINAL,
            'action %s terminal' % action_id, timeout)
        if action['status'] != status:
            raise ActionFailed('action %s (%s) ended %s, not %s: %s' % (
                action_id, action['action'], action['status'], status,
                action['status_reason']))
        return action

    def wait_for_status(self, kind, obj_id, status, timeout=None):
        """Wait until ``GET /v1/<kind>/<id>`` shows ``status``."""
        singular = kind[:-1]
        return self._poll(
            lambda: self.get_obj(kind, obj_id).body[singular],
            lambda o: o['status'] == status,
            '%s %s status %s' % (singular, obj_id, status), timeout)

    def wait_for_delete(self, kind, obj_id, timeout=None):
        """Wait until ``GET /v1/<kind>/<id>`` answers 404."""
        def gone():
            try:
                self.get_obj(kind, obj_id)
            except lib_exc.NotFound:
                return True
            return False
        self._poll(gone, bool, '%s %s deleted' % (kind, obj_id), timeout)
