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

"""``SimControl``: a small HTTP client of the simulator's ``/sim`` API."""

import requests


class SimControlError(Exception):
    """The control API answered with an error status."""

    def __init__(self, code, message):
        super().__init__('%s: %s' % (code, message))
        self.code = code
        self.message = message


class SimControl(object):
    """Drive a running simulator: its URL is ``http://host:port``."""

    def __init__(self, url, timeout=10):
        self.url = url.rstrip('/') + '/sim'
        self.timeout = timeout
        self._session = requests.Session()

    def _call(self, method, path, body=None):
        resp = self._session.request(method, self.url + path, json=body,
                                     timeout=self.timeout)
        if resp.status_code >= 400:
            try:
                message = resp.json()['error']['message']
            except (ValueError, KeyError, TypeError):
                message = resp.text
            raise SimControlError(resp.status_code, message)
        return resp.json() if resp.content else None

    def configure(self, **config):
        """Change delays (api_delay, build_delay, ...); returns them all."""
        return self._call('PUT', '/config', config)['config']

    def get_config(self):
        return self._call('GET', '/config')['config']

    def reset(self):
        """Forget all servers and faults; restore the initial delays."""
        self._call('POST', '/reset')

    def servers(self):
        """The true state of every server, as a list of dicts."""
        return self._call('GET', '/servers')['servers']

    def server(self, server_id):
        """The true state of one server; SimControlError(404) if gone."""
        return self._call('GET', '/servers/%s' % server_id)['server']

    def set_status(self, server_id, status, fault=None):
        """Put a server in ``status`` now (ERROR records ``fault``)."""
        body = {'status': status}
        if fault is not None:
            body['fault'] = fault
        return self._call('PUT', '/servers/%s/status' % server_id,
                          body)['server']

    def vanish(self, server_id):
        """Make a server disappear: Nova answers 404 from now on."""
        self._call('DELETE', '/servers/%s' % server_id)

    def fail_next(self, operation, count=1, server_id=None, message=None,
                  http_status=None):
        """Make the next ``count`` ``operation`` requests fail.

        Without ``http_status`` the request is accepted and the server
        ends in ERROR with ``message`` as its fault, as Nova does; with it
        the request itself is answered with that HTTP error.
        """
        body = {'operation': operation, 'count': count}
        for key, value in (('server_id', server_id), ('message', message),
                           ('http_status', http_status)):
            if value is not None:
                body[key] = value
        return self._call('POST', '/faults', body)['fault']

    def faults(self):
        return self._call('GET', '/faults')['faults']

    def clear_faults(self):
        self._call('DELETE', '/faults')

    def close(self):
        self._session.close()
