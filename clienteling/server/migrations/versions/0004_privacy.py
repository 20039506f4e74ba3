"""privacy: erasure requests, erased customers (tombstones), devices last seen and revoked

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clienteling.server.db

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'erasure_requests',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('customer_id', sa.String(length=64), nullable=False),
        sa.Column('requested_at', clienteling.server.db.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column('requested_by', sa.String(length=150), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('reason', sa.String(length=200), nullable=True),
        sa.Column('done_at', clienteling.server.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.customer_id'],
                                name=op.f('fk_erasure_requests_customer_id_customers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_requests')),
    )
    with op.batch_alter_table('erasure_requests', schema=None) as batch_op:
        batch_op.create_index('ix_erasure_requests_customer', ['customer_id', 'status'],
                              unique=False)
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'erased_at', clienteling.server.db.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'last_seen_at', clienteling.server.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('revoked_reason', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('device_sessions', schema=None) as batch_op:
        batch_op.drop_column('revoked_reason')
        batch_op.drop_column('last_seen_at')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
    with op.batch_alter_table('erasure_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_erasure_requests_customer')
    op.drop_table('erasure_requests')
