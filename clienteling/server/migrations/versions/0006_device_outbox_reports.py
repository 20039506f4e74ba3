"""device outbox reports: what each device had not sent when it was last heard of

Chained after 0008 (selling), which reached main first: a database already at 0008 then
still gets this one with `upgrade head`.

Revision ID: 0006
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clienteling.server.db

revision: str = '0006'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'device_outbox_reports',
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('reported_at', clienteling.server.db.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column('entries', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['device_id'], ['device_sessions.id'],
                                name=op.f('fk_device_outbox_reports_device_id_device_sessions')),
        sa.PrimaryKeyConstraint('device_id', name=op.f('pk_device_outbox_reports')),
    )


def downgrade() -> None:
    op.drop_table('device_outbox_reports')
