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

"""Initial schema: profile, node, action, dependency, event, service.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa

from senlin_lite.db import types

revision = '0001'
down_revision = None


def _epoch(name):
    return sa.Column(name, sa.Numeric(18, 6, asdecimal=False))


def upgrade():
    op.create_table(
        'profile',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('type', sa.String(255), nullable=False),
        sa.Column('context', types.JSONText),
        sa.Column('spec', types.JSONText),
        sa.Column('user', sa.String(64), nullable=False),
        sa.Column('project', sa.String(64), nullable=False),
        sa.Column('domain', sa.String(64)),
        sa.Column('permission', sa.String(32)),
        sa.Column('meta_data', types.JSONText),
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
    )
    op.create_index('ix_profile_project_name', 'profile',
                    ['project', 'name'])
    op.create_table(
        'node',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('physical_id', sa.String(36)),
        sa.Column('cluster_id', sa.String(36), nullable=False),
        sa.Column('profile_id', sa.String(36), sa.ForeignKey('profile.id'),
                  nullable=False),
        sa.Column('user', sa.String(64), nullable=False),
        sa.Column('project', sa.String(64), nullable=False),
        sa.Column('domain', sa.String(64)),
        sa.Column('index', sa.Integer),
        sa.Column('role', sa.String(64)),
        sa.Column('init_at', sa.DateTime),
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
        sa.Column('tainted', sa.Boolean),
        sa.Column('status', sa.String(255), nullable=False),
        sa.Column('status_reason', sa.Text),
        sa.Column('meta_data', types.JSONText),
        sa.Column('data', types.JSONText),
        sa.Column('dependents', types.JSONText),
        sa.Column('active_action_id', sa.String(36)),
        sa.Column('lock_action_id', sa.String(36)),
        sa.Column('lock_engine_id', sa.String(36)),
    )
    op.create_index('ix_node_project_name', 'node', ['project', 'name'])
    op.create_index('ix_node_profile_id', 'node', ['profile_id'])
    op.create_table(
        'action',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(63)),
        sa.Column('cluster_id', sa.String(36), nullable=False),
        sa.Column('context', types.JSONText),
        sa.Column('target', sa.String(36)),
        sa.Column('action', sa.String(255)),
        sa.Column('cause', sa.String(255)),
        sa.Column('owner', sa.String(36)),
        sa.Column('interval', sa.Integer),
        _epoch('start_time'),
        _epoch('end_time'),
        sa.Column('timeout', sa.Integer),
        sa.Column('status', sa.String(255), nullable=False),
        sa.Column('status_reason', sa.Text),
        sa.Column('control', sa.String(255)),
        sa.Column('inputs', types.JSONText),
        sa.Column('outputs', types.JSONText),
        sa.Column('data', types.JSONText),
        sa.Column('user', sa.String(64)),
        sa.Column('project', sa.String(64)),
        sa.Column('domain', sa.String(64)),
        _epoch('not_before'),
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
    )
    op.create_index('ix_action_status_created', 'action',
                    ['status', 'created_at'])
    op.create_index('ix_action_target_status', 'action',
                    ['target', 'status'])
    op.create_index('ix_action_owner', 'action', ['owner'])
    op.create_index('ix_action_project_created', 'action',
                    ['project', 'created_at'])
    op.create_table(
        'dependency',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('depended', sa.String(36), sa.ForeignKey('action.id'),
                  nullable=False),
        sa.Column('dependent', sa.String(36), sa.ForeignKey('action.id'),
                  nullable=False),
    )
    op.create_table(
        'event',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('timestamp', sa.DateTime),
        sa.Column('oid', sa.String(36)),
        sa.Column('oname', sa.String(255)),
        sa.Column('otype', sa.String(36)),
        sa.Column('cluster_id', sa.String(36)),
        sa.Column('level', sa.String(64)),
        sa.Column('user', sa.String(64)),
        sa.Column('project', sa.String(64)),
        sa.Column('action', sa.String(36)),
        sa.Column('status', sa.String(255)),
        sa.Column('status_reason', sa.Text),
        sa.Column('meta_data', types.JSONText),
    )
    op.create_index('ix_event_oid', 'event', ['oid'])
    op.create_index('ix_event_project_timestamp', 'event',
                    ['project', 'timestamp'])
    op.create_table(
        'service',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('host', sa.String(255)),
        sa.Column('binary', sa.String(255)),
        sa.Column('topic', sa.String(255)),
        sa.Column('disabled', sa.Boolean),
        sa.Column('disabled_reason', sa.String(255)),
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
    )
