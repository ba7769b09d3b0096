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

"""Flavors, images and key pairs: every name or id resolves.

Validation in the profile must always pass against the simulator, so
lookups never fail (except an image id lookup with a string that is not a
UUID, which Glance answers 404 so that clients fall back to a name
search). Images get a deterministic id, ``uuid5(namespace, name)``, so the
same name always yields the same id in every simulator process.
"""

import threading
import uuid

IMAGE_NAMESPACE = uuid.UUID('5f0b7e0c-6d6e-4c55-9d7c-2f8c7f1b0a11')
DEFAULT_IMAGE = 'cirros-0.6.2-x86_64-disk'
CREATED = '2024-01-01T00:00:00Z'

# id, name, vcpus, ram (MiB), disk (GiB): devstack's defaults.
_FLAVORS = (
    ('1', 'm1.tiny', 1, 512, 1),
    ('2', 'm1.small', 1, 2048, 20),
    ('3', 'm1.medium', 2, 4096, 40),
    ('4', 'm1.large', 4, 8192, 80),
    ('5', 'm1.xlarge', 8, 16384, 160),
    ('42', 'm1.nano', 1, 128, 1),
    ('84', 'm1.micro', 1, 192, 1),
)


def is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def flavor(ref):
    """The flavor with id or name ``ref``; unknown refs are made up."""
    ref = str(ref)
    for fid, name, vcpus, ram, disk in _FLAVORS:
        if ref in (fid, name):
            return {'id': fid, 'name': name, 'vcpus': vcpus, 'ram': ram,
                    'disk': disk}
    return {'id': ref, 'name': ref, 'vcpus': 1, 'ram': 512, 'disk': 1}


def flavors():
    return [flavor(item[0]) for item in _FLAVORS]


def keypair(name):
    digest = uuid.uuid5(IMAGE_NAMESPACE, 'key:%s' % name).hex
    fingerprint = ':'.join(digest[i:i + 2] for i in range(0, 32, 2))
    return {'name': name, 'type': 'ssh', 'fingerprint': fingerprint,
            'public_key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA%s sim'
                          % digest}


class ImageRegistry(object):
    """Remembers the names behind the image ids handed out so far."""

    def __init__(self):
        self._lock = threading.Lock()
        self._names = {}
        self.by_name(DEFAULT_IMAGE)

    def by_name(self, name):
        image_id = str(uuid.uuid5(IMAGE_NAMESPACE, name))
        with self._lock:
            self._names.setdefault(image_id, name)
        return self._image(image_id, name)

    def by_id(self, image_id):
        """The image with this UUID, or None if it is not a UUID."""
        if not is_uuid(image_id):
            return None
        image_id = str(uuid.UUID(image_id))
        with self._lock:
            name = self._names.get(image_id, 'image-%s' % image_id[:8])
        return self._image(image_id, name)

    def resolve(self, ref):
        """The image for an id or a name (what imageRef may carry)."""
        return self.by_id(ref) or self.by_name(ref)

    def all(self):
        with self._lock:
            items = sorted(self._names.items(), key=lambda kv: kv[1])
        return [self._image(i, n) for i, n in items]

    @staticmethod
    def _image(image_id, name):
        return {'id': image_id, 'name': name, 'status': 'active',
                'min_disk': 0, 'min_ram': 0, 'size': 21430272,
                'disk_format': 'qcow2', 'container_format': 'bare',
                'visibility': 'public', 'created_at': CREATED,
                'updated_at': CREATED}
