"""login throttle

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 08:30:00

Sign-in attempts per username, so that the limit holds across API processes and restarts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clienteling.server.db

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('login_throttle',
    sa.Column('username_key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_ends_at', clienteling.server.db.UTCDateTime(timezone=True),
              nullable=False),
    sa.PrimaryKeyConstraint('username_key', name=op.f('pk_login_throttle'))
    )
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttle_window_ends_at'), ['window_ends_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttle_window_ends_at'))

    op.drop_table('login_throttle')
