"""client book: customers' stored figures with an index per sort, tasks, export records

The figures (lifetime value, orders, first and last purchase, channels) are computed here for
the customers who have orders, with `domain.stats` (the rule the server keeps them by).

Revision ID: 0007
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clienteling.server.db

revision: str = '0007'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SORTS = {
    'ix_customers_book_name': ['home_store_id', 'last_name_key', 'first_name_key',
                               'customer_id'],
    'ix_customers_book_value': ['home_store_id', 'lifetime_value', 'customer_id'],
    'ix_customers_book_last': ['home_store_id', 'last_purchase_at', 'customer_id'],
    'ix_customers_book_orders': ['home_store_id', 'orders_count', 'customer_id'],
    'ix_customers_book_channels': ['home_store_id', 'channels_count', 'customer_id'],
}

# Held by the index that counts the book's totals (customers/models.py, BOOK_FILTER_COLUMNS).
_FILTERS = ('lifetime_value', 'orders_count', 'last_purchase_at', 'first_purchase_at',
            'channels_count', 'consent_email', 'consent_sms', 'tier', 'assigned_seller_id',
            'erased_at')


def _backfill() -> None:
    from clienteling.domain import stats

    connection = op.get_bind()
    orders = sa.table('orders', sa.column('customer_id'), sa.column('status'),
                      sa.column('total', sa.Numeric(12, 2)), sa.column('currency'),
                      sa.column('channel'),
                      sa.column('created_at', clienteling.server.db.UTCDateTime(timezone=True)))
    customers = sa.table('customers', sa.column('customer_id'),
                         sa.column('lifetime_value', sa.Numeric(14, 2)),
                         sa.column('orders_count'),
                         sa.column('last_purchase_at',
                                   clienteling.server.db.UTCDateTime(timezone=True)),
                         sa.column('first_purchase_at',
                                   clienteling.server.db.UTCDateTime(timezone=True)),
                         sa.column('channels'), sa.column('channels_count'))
    current: str | None = None
    held: list[sa.Row] = []

    def flush() -> None:
        if current is None:
            return
        found = stats.figures(held)
        kept = [o.created_at for o in held if stats.counts(o.status)]
        connection.execute(customers.update().where(customers.c.customer_id == current).values(
            lifetime_value=found.lifetime_value, orders_count=found.orders_count,
            last_purchase_at=found.last_purchase_at, first_purchase_at=min(kept, default=None),
            channels=','.join(found.channels), channels_count=len(found.channels)))

    for row in connection.execute(sa.select(orders).order_by(orders.c.customer_id)):
        if row.customer_id != current:
            flush()
            current, held = row.customer_id, []
        held.append(row)
    flush()


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lifetime_value', sa.Numeric(precision=14, scale=2),
                                      server_default='0', nullable=False))
        batch_op.add_column(sa.Column('orders_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column(
            'last_purchase_at', clienteling.server.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column(
            'first_purchase_at', clienteling.server.db.UTCDateTime(timezone=True),
            nullable=True))
        batch_op.add_column(sa.Column('channels', sa.String(length=60), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('channels_count', sa.Integer(), server_default='0',
                                      nullable=False))
    _backfill()
    with op.batch_alter_table('customers', schema=None) as batch_op:
        for name, columns in _SORTS.items():
            # The name index also counts `q`'s totals: it holds erased_at (PostgreSQL).
            batch_op.create_index(name, columns, unique=False, postgresql_include=(
                ['erased_at'] if name == 'ix_customers_book_name' else []))
        batch_op.create_index('ix_customers_book_filters', ['home_store_id'], unique=False,
                              postgresql_include=list(_FILTERS))

    op.create_table(
        'tasks',
        sa.Column('task_id', sa.String(length=64), nullable=False),
        sa.Column('store_id', sa.String(length=64), nullable=False),
        sa.Column('customer_id', sa.String(length=64), nullable=False),
        sa.Column('assignee_id', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('snoozed_until', sa.Date(), nullable=True),
        sa.Column('created_at', clienteling.server.db.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column('updated_at', clienteling.server.db.UTCDateTime(timezone=True),
                  nullable=False),
        sa.ForeignKeyConstraint(['assignee_id'], ['staff_users.id'],
                                name=op.f('fk_tasks_assignee_id_staff_users')),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.customer_id'],
                                name=op.f('fk_tasks_customer_id_customers')),
        sa.ForeignKeyConstraint(['store_id'], ['stores.store_id'],
                                name=op.f('fk_tasks_store_id_stores')),
        sa.PrimaryKeyConstraint('task_id', name=op.f('pk_tasks')),
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_store_status', ['store_id', 'status', 'due_on',
                                                        'task_id'], unique=False)
        batch_op.create_index('ix_tasks_assignee_status', ['assignee_id', 'status', 'due_on',
                                                           'task_id'], unique=False)
    op.create_table(
        'client_exports',
        sa.Column('export_id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('store_id', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('at', clienteling.server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('filters', sa.JSON(), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('export_id', name=op.f('pk_client_exports')),
    )
    with op.batch_alter_table('client_exports', schema=None) as batch_op:
        batch_op.create_index('ix_client_exports_store_at', ['store_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('client_exports', schema=None) as batch_op:
        batch_op.drop_index('ix_client_exports_store_at')
    op.drop_table('client_exports')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_assignee_status')
        batch_op.drop_index('ix_tasks_store_status')
    op.drop_table('tasks')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_book_filters')
        for name in _SORTS:
            batch_op.drop_index(name)
        for column in ('channels_count', 'channels', 'first_purchase_at', 'last_purchase_at',
                       'orders_count', 'lifetime_value'):
            batch_op.drop_column(column)
