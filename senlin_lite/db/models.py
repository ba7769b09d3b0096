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

"""SQLAlchemy models of senlin_lite (contract 3.18).

Where senlin_lite departs from Senlin's tables:

* The node lock is two columns of the node row (``lock_action_id``,
  ``lock_engine_id``) set by one conditional UPDATE, instead of a
  ``node_lock`` table: the winner is decided by a single statement on
  every backend without relying on an INSERT failing.
* ``node.active_action_id`` names the action that holds the node's
  "one active action" slot (contract 3.3), claimed by a conditional
  UPDATE so that two racing requests cannot both be accepted.
* ``action.not_before`` lets a lock retry be rescheduled rather than
  slept on in a worker thread.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from senlin_lite.db import types


class Base(orm.DeclarativeBase):

    def as_dict(self):
        return {c.key: getattr(self, c.key)
                for c in sa.inspect(self).mapper.column_attrs}


def _id_column(**kwargs):
    return sa.Column(sa.String(36), primary_key=True, **kwargs)


class Profile(Base):
    __tablename__ = 'profile'
    __table_args__ = (
        sa.Index('ix_profile_project_name', 'project', 'name'),
    )

    id = _id_column()
    name = sa.Column(sa.String(255), nullable=False)
    type = sa.Column(sa.String(255), nullable=False)
    context = sa.Column(types.JSONText)
    spec = sa.Column(types.JSONText)
    user = sa.Column(sa.String(64), nullable=False)
    project = sa.Column(sa.String(64), nullable=False)
    domain = sa.Column(sa.String(64))
    permission = sa.Column(sa.String(32))
    meta_data = sa.Column(types.JSONText)
    created_at = sa.Column(sa.DateTime)
    updated_at = sa.Column(sa.DateTime)


class Node(Base):
    __tablename__ = 'node'
    __table_args__ = (
        sa.Index('ix_node_project_name', 'project', 'name'),
        sa.Index('ix_node_profile_id', 'profile_id'),
        sa.Index('ix_node_lock_engine_id', 'lock_engine_id'),
    )

    id = _id_column()
    name = sa.Column(sa.String(255), nullable=False)
    physical_id = sa.Column(sa.String(36))
    cluster_id = sa.Column(sa.String(36), nullable=False, default='')
    profile_id = sa.Column(sa.String(36), sa.ForeignKey('profile.id'),
                           nullable=False)
    user = sa.Column(sa.String(64), nullable=False)
    project = sa.Column(sa.String(64), nullable=False)
    domain = sa.Column(sa.String(64))
    index = sa.Column(sa.Integer, default=-1)
    role = sa.Column(sa.String(64))
    init_at = sa.Column(sa.DateTime)
    created_at = sa.Column(sa.DateTime)
    updated_at = sa.Column(sa.DateTime)
    tainted = sa.Column(sa.Boolean)
    status = sa.Column(sa.String(255), nullable=False)
    status_reason = sa.Column(sa.Text)
    meta_data = sa.Column(types.JSONText)
    data = sa.Column(types.JSONText)
    dependents = sa.Column(types.JSONText)
    active_action_id = sa.Column(sa.String(36))
    lock_action_id = sa.Column(sa.String(36))
    lock_engine_id = sa.Column(sa.String(36))


class Action(Base):
    __tablename__ = 'action'
    __table_args__ = (
        sa.Index('ix_action_status_created', 'status', 'created_at'),
        sa.Index('ix_action_target_status', 'target', 'status'),
        sa.Index('ix_action_owner', 'owner'),
        sa.Index('ix_action_project_created', 'project', 'created_at'),
    )

    id = _id_column()
    name = sa.Column(sa.String(63))
    cluster_id = sa.Column(sa.String(36), nullable=False, default='')
    context = sa.Column(types.JSONText)
    target = sa.Column(sa.String(36))
    action = sa.Column(sa.String(255))
    cause = sa.Column(sa.String(255))
    owner = sa.Column(sa.String(36))
    interval = sa.Column(sa.Integer, default=-1)
    start_time = types.epoch_column()
    end_time = types.epoch_column()
    timeout = sa.Column(sa.Integer)
    status = sa.Column(sa.String(255), nullable=False)
    status_reason = sa.Column(sa.Text)
    control = sa.Column(sa.String(255))
    inputs = sa.Column(types.JSONText)
    outputs = sa.Column(types.JSONText)
    data = sa.Column(types.JSONText)
    user = sa.Column(sa.String(64))
    project = sa.Column(sa.String(64))
    domain = sa.Column(sa.String(64))
    not_before = types.epoch_column()
    created_at = sa.Column(sa.DateTime)
    updated_at = sa.Column(sa.DateTime)


class Dependency(Base):
    __tablename__ = 'dependency'

    id = _id_column()
    depended = sa.Column(sa.String(36), sa.ForeignKey('action.id'),
                         nullable=False)
    dependent = sa.Column(sa.String(36), sa.ForeignKey('action.id'),
                          nullable=False)


class Event(Base):
    __tablename__ = 'event'
    __table_args__ = (
        sa.Index('ix_event_oid', 'oid'),
        sa.Index('ix_event_project_timestamp', 'project', 'timestamp'),
    )

    id = _id_column()
    timestamp = sa.Column(sa.DateTime)
    oid = sa.Column(sa.String(36))
    oname = sa.Column(sa.String(255))
    otype = sa.Column(sa.String(36))
    cluster_id = sa.Column(sa.String(36))
    level = sa.Column(sa.String(64))
    user = sa.Column(sa.String(64))
    project = sa.Column(sa.String(64))
    action = sa.Column(sa.String(36))
    status = sa.Column(sa.String(255))
    status_reason = sa.Column(sa.Text)
    meta_data = sa.Column(types.JSONText)


class Service(Base):
    __tablename__ = 'service'

    id = _id_column()
    host = sa.Column(sa.String(255))
    binary = sa.Column(sa.String(255))
    topic = sa.Column(sa.String(255))
    disabled = sa.Column(sa.Boolean, default=False)
    disabled_reason = sa.Column(sa.String(255))
    created_at = sa.Column(sa.DateTime)
    updated_at = sa.Column(sa.DateTime)
