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

"""The requests Session under the compute connections.

keystoneauth sends every call of openstacksdk through a requests Session,
whose ``request`` does browser work on each call: it merges cookie jars
(building mock urllib requests to do so), merges session and call
settings, dispatches hooks and stores the cookies of every response. An
API client talking to Nova needs none of it, and a check is one GET, so
that work was about a quarter of the CPU of each check.

``APISession.request`` sends such a call straight to the transport
adapter. Anything that needs the general path takes it: redirects
followed by requests (keystoneauth follows them itself), cookies in the
jar or in the call, auth, hooks, proxies, files, credentials in the URL,
or environment lookups (``trust_env``). A response that sets a cookie
still has it stored, so the calls after it send it back.
"""

import datetime
import time
import urllib.parse

import requests
from requests import cookies as requests_cookies
from requests import models as requests_models
from requests import structures as requests_structures


class APISession(requests.Session):
    """A requests Session with a direct path for plain API calls."""

    def request(self, method, url, params=None, data=None, headers=None,
                cookies=None, files=None, auth=None, timeout=None,
                allow_redirects=True, proxies=None, hooks=None,
                stream=None, verify=None, cert=None, json=None):
        if not self._plain(url, cookies, files, auth, allow_redirects,
                           proxies, hooks):
            return super().request(
                method, url, params=params, data=data, headers=headers,
                cookies=cookies, files=files, auth=auth, timeout=timeout,
                allow_redirects=allow_redirects, proxies=proxies,
                hooks=hooks, stream=stream, verify=verify, cert=cert,
                json=json)
        prepared = requests_models.PreparedRequest()
        prepared.prepare_method(method)
        prepared.prepare_url(url, params)
        merged = requests_structures.CaseInsensitiveDict(self.headers)
        merged.update(headers or {})
        prepared.prepare_headers(
            {key: value for key, value in merged.items() if value is not None})
        prepared.prepare_body(data, None, json)
        prepared.prepare_hooks(None)
        stream = self.stream if stream is None else stream
        began = time.perf_counter()
        response = self.get_adapter(prepared.url).send(
            prepared, stream=stream, timeout=timeout, proxies={},
            verify=self.verify if verify is None else verify,
            cert=self.cert if cert is None else cert)
        response.elapsed = datetime.timedelta(
            seconds=time.perf_counter() - began)
        if 'set-cookie' in response.headers:
            requests_cookies.extract_cookies_to_jar(self.cookies, prepared,
                                                    response.raw)
        if not stream:
            response.content  # read it all, as requests does
        return response

    def _plain(self, url, cookies, files, auth, allow_redirects, proxies,
               hooks):
        """Whether the call needs nothing but the transport adapter."""
        if (allow_redirects or cookies or files or auth or proxies or hooks
                or self.trust_env or self.auth or self.proxies or
                self.params or len(self.cookies) or
                any(self.hooks.values())):
            return False
        return '@' not in urllib.parse.urlsplit(url).netloc


def api_session(session):
    """An APISession with the state of the requests Session ``session``.

    Adapters, headers, TLS settings and cookies carry over.
    """
    lean = APISession.__new__(APISession)
    lean.__dict__.update(vars(session))
    return lean
