"""selling: an order's payment (status, receipt, link, provider reference), ready_by, delivery_by

Existing orders: paid at the till, collected or delivered → paid; the others pending.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('payment_status', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('payment_receipt', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('payment_url', sa.String(length=500), nullable=True))
        batch.add_column(sa.Column('payment_reference', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('ready_by', sa.Date(), nullable=True))
        batch.add_column(sa.Column('delivery_by', sa.Date(), nullable=True))
    op.execute(
        "UPDATE orders SET payment_status = CASE "
        "WHEN payment_mode = 'paid_in_store' OR status IN ('collected', 'delivered') "
        "THEN 'paid' ELSE 'pending' END "
        "WHERE payment_mode IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        for column in ('delivery_by', 'ready_by', 'payment_reference', 'payment_url',
                       'payment_receipt', 'payment_status'):
            batch.drop_column(column)
