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

"""Profile queries."""

from senlin_lite.common import exception
from senlin_lite.common import utils
from senlin_lite.db.api import _base
from senlin_lite.db import models


@_base.retry
@_base.writer
def profile_create(context, values):
    profile = models.Profile(**values)
    if not profile.id:
        profile.id = utils.generate_uuid()
    profile.created_at = profile.created_at or utils.utcnow()
    context.session.add(profile)
    return profile


@_base.reader
def profile_find(context, identity, project_safe=True):
    """By id, name or short id; raises ResourceNotFound/MultipleChoices."""
    return _base.find(context, models.Profile, 'profile', identity,
                      project_safe=project_safe)


@_base.reader
def profile_get(context, profile_id, project_safe=True):
    query = _base.scoped(context.session.query(models.Profile),
                         models.Profile, context, project_safe)
    return query.filter(models.Profile.id == profile_id).first()


@_base.reader
def profile_get_all(context, filters=None, limit=None, marker=None,
                    sort=None, project_safe=True):
    query = _base.scoped(context.session.query(models.Profile),
                         models.Profile, context, project_safe)
    query = _base.filter_in(query, models.Profile, filters)
    return _base.paginate(context, query, models.Profile, limit, marker,
                          sort).all()


@_base.retry
@_base.writer
def profile_update(context, profile_id, values):
    profile = context.session.get(models.Profile, profile_id)
    if profile is None:
        raise exception.ResourceNotFound(type='profile', id=profile_id)
    for key, value in values.items():
        setattr(profile, key, value)
    profile.updated_at = utils.utcnow()
    return profile


@_base.retry
@_base.writer
def profile_delete(context, profile_id):
    """Delete a profile no node uses; raises ResourceInUse otherwise."""
    in_use = context.session.query(models.Node.id).filter(
        models.Node.profile_id == profile_id).first()
    if in_use is not None:
        raise exception.ResourceInUse(
            type='profile', id=profile_id,
            reason='still referenced by some clusters and/or nodes')
    context.session.query(models.Profile).filter(
        models.Profile.id == profile_id).delete(synchronize_session=False)
