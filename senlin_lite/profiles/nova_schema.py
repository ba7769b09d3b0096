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

"""The property and operation schemas of ``os.nova.server-1.0``."""

from senlin_lite.profiles import schema as s

VERSIONS = {
    '1.0': [{'status': 'SUPPORTED', 'since': '2016.04'}],
    '1.1': [{'status': 'SUPPORTED', 'since': '2023.04'}],
    '1.2': [{'status': 'SUPPORTED', 'since': '2023.07'}],
}

_BDM = s.Map('One block device of the server.', schema={
    'uuid': s.String('Id of the source (image, volume or snapshot).'),
    'source_type': s.String('Kind of source: image, volume, snapshot or '
                            'blank.', required=True),
    'destination_type': s.String('Where the device lives: volume or '
                                 'local.', required=True),
    'disk_bus': s.String('Bus of the device, e.g. virtio.'),
    'device_name': s.String('Device name, e.g. vda.'),
    'volume_size': s.Integer('Size of the volume in GiB.', required=True),
    'guest_format': s.String('Filesystem to format a blank device with.'),
    'boot_index': s.Integer('Boot order; 0 is the boot device.'),
    'device_type': s.String('Device type, e.g. disk or cdrom.'),
    'delete_on_termination': s.Boolean('Delete the volume with the '
                                       'server.'),
    'volume_type': s.String('Volume type of a volume created for it.'),
})

_NETWORK = s.Map('One network interface of the server.', schema={
    'network': s.String('Network UUID handed to Nova as the interface\'s '
                        'network.'),
    'port': s.String('Existing port UUID to attach.'),
    'vnic_type': s.String('VNIC type of a port (not applied: senlin_lite '
                          'creates no ports).'),
    'fixed_ip': s.String('Fixed IP address to request on the network.'),
    'floating_network': s.String('Network for a floating IP (not '
                                 'applied).'),
    'floating_ip': s.String('Floating IP to associate (not applied).'),
    'subnet': s.String('Subnet of the interface (not applied).'),
    'security_groups': s.List('Security groups of a port (not applied).',
                              schema=s.String('A security group name.',
                                              required=True)),
})

PROPERTIES = {
    'context': s.Map('Request context to act in; only region_name is '
                     'used by senlin_lite.'),
    'admin_pass': s.String('Administrator password of the server.'),
    'auto_disk_config': s.Boolean('Let Nova resize the root partition to '
                                  'the disk size.', default=True),
    'availability_zone': s.String('Availability zone to boot in.'),
    'block_device_mapping_v2': s.List('Block devices of the server.',
                                      schema=_BDM),
    'config_drive': s.Boolean('Attach a config drive.'),
    'flavor': s.String('Flavor name or id.', required=True,
                       updatable=True),
    'image': s.String('Image name or id; optional when booting from a '
                      'volume.', updatable=True),
    'key_name': s.String('Name of the key pair to inject.'),
    'metadata': s.Map('Key/value metadata of the server.', updatable=True),
    'name': s.String('Server name; the node name when absent.',
                     updatable=True),
    'networks': s.List('Network interfaces of the server.',
                       schema=_NETWORK, updatable=True),
    'personality': s.List('Files to inject (ignored by Nova since API '
                          '2.57).', schema=s.Map('One file.', schema={
                              'path': s.String('File path.', required=True),
                              'contents': s.String('File contents.',
                                                   required=True)})),
    'scheduler_hints': s.Map('Hints for the Nova scheduler.'),
    'security_groups': s.List('Security group names.',
                              schema=s.String('A security group name.',
                                              required=True)),
    'user_data': s.String('User data handed to the server (cloud-init).'),
}

_NO_PARAMS = {}

OPERATIONS = {
    'reboot': s.Operation('Reboot the server.', {
        'type': s.String('SOFT asks the guest to restart; HARD power '
                         'cycles it.', default='SOFT',
                         constraints=[s.AllowedValues(['SOFT', 'HARD'])]),
    }),
    'rebuild': s.Operation('Rebuild the server from its current image.',
                           _NO_PARAMS),
    'change_password': s.Operation('Change the administrator password.', {
        'admin_pass': s.String('The new password.'),
    }),
    'pause': s.Operation('Pause the server.', _NO_PARAMS),
    'unpause': s.Operation('Unpause a paused server.', _NO_PARAMS),
    'suspend': s.Operation('Suspend the server.', _NO_PARAMS),
    'resume': s.Operation('Resume a suspended server.', _NO_PARAMS),
    'lock': s.Operation('Lock the server against changes.', _NO_PARAMS),
    'unlock': s.Operation('Unlock a locked server.', _NO_PARAMS),
    'start': s.Operation('Power on a stopped server.', _NO_PARAMS),
    'stop': s.Operation('Power off the server.', _NO_PARAMS),
    'rescue': s.Operation('Boot the server into rescue mode.', {
        'image_ref': s.String('Image to rescue from; the server\'s own '
                              'image when absent.'),
    }),
    'unrescue': s.Operation('Leave rescue mode.', _NO_PARAMS),
    'evacuate': s.Operation('Rebuild the server on another host.', {
        'host': s.String('Target host; the scheduler picks one when '
                         'absent.'),
        'force': s.String('true to skip the scheduler checks on the '
                          'target host.'),
    }),
}
