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

"""Engine service registry queries (heartbeats)."""

from senlin_lite.common import consts
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db import models


@_base.retry
@_base.writer
def service_create(context, service_id, host, binary, topic):
    now = utils.utcnow()
    service = models.Service(id=service_id, host=host, binary=binary,
                             topic=topic, disabled=False, created_at=now,
                             updated_at=now)
    context.session.add(service)
    return service


@_base.retry
@_base.writer
def service_heartbeat(context, service_id):
    """Refresh ``updated_at``; False if the row is gone."""
    return context.session.query(models.Service).filter(
        models.Service.id == service_id).update(
            {'updated_at': utils.utcnow()}, synchronize_session=False) == 1


@_base.retry
@_base.writer
def service_update(context, service_id, values):
    values = dict(values, updated_at=utils.utcnow())
    return context.session.query(models.Service).filter(
        models.Service.id == service_id).update(
            values, synchronize_session=False) == 1


@_base.reader
def service_ids_dead(context, cutoff, binary=consts.ENGINE_BINARY):
    """Ids of ``binary`` services whose last heartbeat is before cutoff."""
    rows = context.session.query(models.Service.id).filter(
        models.Service.binary == binary,
        models.Service.updated_at < cutoff).order_by(models.Service.id)
    return [row.id for row in rows]


@_base.retry
@_base.writer
def service_delete(context, service_id):
    context.session.query(models.Service).filter(
        models.Service.id == service_id).delete(synchronize_session=False)


@_base.reader
def service_get_all(context):
    return context.session.query(models.Service).all()
