"""audit log; Idempotency-Keys per user

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clienteling.server.db

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  autoincrement=True, nullable=False),
        sa.Column('at', clienteling.server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('username', sa.String(length=150), nullable=True),
        sa.Column('store_id', sa.String(length=64), nullable=True),
        sa.Column('customer_id', sa.String(length=64), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_action', ['action', 'id'], unique=False)
        batch_op.create_index('ix_audit_log_customer', ['customer_id', 'id'], unique=False)
        batch_op.create_index('ix_audit_log_staff', ['staff_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    # A key is the user's own: (user_id, key) is the primary key. The rows are kept.
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_constraint('pk_idempotency_keys', type_='primary')
        batch_op.create_primary_key('pk_idempotency_keys', ['user_id', 'key'])


def downgrade() -> None:
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_constraint('pk_idempotency_keys', type_='primary')
        batch_op.create_primary_key('pk_idempotency_keys', ['key'])
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index('ix_audit_log_staff')
        batch_op.drop_index('ix_audit_log_customer')
        batch_op.drop_index('ix_audit_log_action')
    op.drop_table('audit_log')
