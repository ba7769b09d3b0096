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

"""Base class of the plugin's tests: credentials, client, helpers."""

from tempest import config
from tempest.lib.common import api_version_utils
from tempest.lib.common.utils import data_utils
from tempest.lib import exceptions as lib_exc
import tempest.test

from senlin_lite_tempest_plugin.services import clustering_client

CONF = config.CONF

# The nova spec of the contract's test vectors.
NOVA_SPEC = {
    'type': 'os.nova.server',
    'version': '1.0',
    'properties': {
        'flavor': '1',
        'name': 'new-server-test',
        'image': 'cirros-0.4.0-x86_64-disk',
        'networks': [{'network': 'private'}],
    },
}


class BaseSenlinLiteTest(tempest.test.BaseTestCase):
    """One primary (member) user and a clustering client for it."""

    credentials = ['primary']
    min_microversion = None
    max_microversion = 'latest'

    @classmethod
    def skip_checks(cls):
        super().skip_checks()
        if not CONF.service_available.senlin_lite:
            raise cls.skipException('senlin_lite is not available: '
                                    '[service_available] senlin_lite')
        api_version_utils.check_skip_with_microversion(
            cls.min_microversion, cls.max_microversion,
            CONF.clustering.min_microversion,
            CONF.clustering.max_microversion)

    @classmethod
    def setup_credentials(cls):
        # senlin_lite's own tests need no network resources.
        cls.set_network_resources()
        super().setup_credentials()

    @classmethod
    def setup_clients(cls):
        super().setup_clients()
        params = {
            'endpoint_type': CONF.clustering.endpoint_type,
            'disable_ssl_certificate_validation':
                CONF.identity.disable_ssl_certificate_validation,
            'ca_certs': CONF.identity.ca_certificates_file,
            'trace_requests': CONF.debug.trace_requests,
        }
        cls.client = clustering_client.ClusteringClient(
            cls.os_primary.auth_provider, CONF.clustering.catalog_type,
            CONF.identity.region,
            wait_timeout=CONF.clustering.wait_timeout,
            wait_interval=CONF.clustering.wait_interval, **params)

    # -- assertions --------------------------------------------------------

    def assertError(self, exc, code, message, error_type=None):
        """A raised tempest exception carries this error document."""
        body = exc.resp_body
        self.assertEqual(code, body['code'], body)
        self.assertEqual(message, body['error']['message'], body)
        if error_type is not None:
            self.assertEqual(error_type, body['error']['type'], body)

    def assertRaisesError(self, exc_class, code, message, func, *args,
                          error_type=None, **kwargs):
        exc = self.assertRaises(exc_class, func, *args, **kwargs)
        self.assertError(exc, code, message, error_type)
        return exc

    # -- resources -------------------------------------------------------

    @classmethod
    def create_profile(cls, name=None, spec=None, metadata=None,
                       cleanup=True):
        """A nova profile; removed when the class ends (if ``cleanup``)."""
        body = {'profile': {
            'name': name or data_utils.rand_name('sl-tempest-profile'),
            'spec': spec or NOVA_SPEC}}
        if metadata is not None:
            body['profile']['metadata'] = metadata
        profile = cls.client.create_obj('profiles', body,
                                        expected=201).body['profile']
        if cleanup:
            cls.addClassResourceCleanup(cls._delete_quietly, 'profiles',
                                        profile['id'])
        return profile

    @classmethod
    def create_node(cls, profile_id, name=None, cleanup=True):
        """An ACTIVE orphan node; deleted when the class ends."""
        resp = cls.client.create_obj('nodes', {'node': {
            'name': name or data_utils.rand_name('sl-tempest-node'),
            'profile_id': profile_id}}, expected=202)
        node_id = resp.body['node']['id']
        if cleanup:
            cls.addClassResourceCleanup(cls.delete_node, node_id)
        cls.client.wait_for_action(cls.client.action_id(resp))
        return cls.client.get_obj('nodes', node_id).body['node']

    @classmethod
    def delete_node(cls, node_id):
        """Delete a node (if still there) and wait until it is gone."""
        try:
            resp = cls.client.delete_obj('nodes', node_id)
        except lib_exc.NotFound:
            return
        except lib_exc.Conflict:
            # Still busy with an action: wait and try once more.
            cls.client.wait_for_status('nodes', node_id, 'ACTIVE')
            resp = cls.client.delete_obj('nodes', node_id)
        cls.client.wait_for_action(cls.client.action_id(resp))
        cls.client.wait_for_delete('nodes', node_id)

    @classmethod
    def _delete_quietly(cls, kind, obj_id):
        try:
            cls.client.delete_obj(kind, obj_id)
        except lib_exc.NotFound:
            pass

    def events_of(self, obj_id):
        """The events of one object, oldest first."""
        return self.client.list_objs('events', {
            'oid': obj_id, 'sort': 'timestamp:asc'}).body['events']
