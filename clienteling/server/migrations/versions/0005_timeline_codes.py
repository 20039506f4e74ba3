"""timeline codes: interactions carry a code and its parameters; existing entries converted

The server wrote its own entries as English sentences; they are read back into codes with
parameters here (order placed, enrolled, consent changes). Entries that are free text (notes,
imported history) keep no code. The sentences are kept as `summary` (the API still sends it).

Revision ID: 0005
Revises: 0004
"""

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The sentences the server wrote up to 0004 (orders/service.py, imports/service.py,
# customers/service.py), frozen here: the code that wrote them moves on.
_ORDER = re.compile(r"^Order (?P<number>\S+): (?P<items>\d+) items?, (?P<total>-?\d+\.\d{2}) "
                    r"(?P<currency>[A-Z]{3}), (?:(?P<cc>click and collect) at (?P<cc_store>\S+)"
                    r"|(?P<in_store>in store) at (?P<in_store_id>\S+)|(?P<home>home delivery))$")
_ENROLLED = re.compile(r"^Enrolled, card (?P<card>\S+)(?:; consents: (?P<consents>.+))?$")
_CONSENT = re.compile(r"^(?P<label>Email|SMS) consent (?P<state>granted|withdrawn) "
                      r"\((?P<source>[^)]*)\)$")


def coded(kind: str, summary: str) -> tuple[str, dict[str, Any]] | None:
    """The code and parameters an old entry's sentence says, or None (free text)."""
    if kind == "order" and (m := _ORDER.match(summary)):
        if m["cc"]:
            fulfilment, store = "click_and_collect", m["cc_store"]
        elif m["in_store"]:
            fulfilment, store = "in_store", m["in_store_id"]
        else:
            fulfilment, store = "home_delivery", None
        params: dict[str, Any] = {"number": m["number"], "items": int(m["items"]),
                                  "total": m["total"], "currency": m["currency"],
                                  "fulfilment": fulfilment}
        if store is not None:
            params["store_id"] = store
        return "order.placed", params
    if kind == "enrolled" and (m := _ENROLLED.match(summary)):
        consents = m["consents"].split(", ") if m["consents"] else []
        return "customer.enrolled", {"card": m["card"], "consents": consents}
    if kind == "consent" and (m := _CONSENT.match(summary)):
        return (f"consent.{m['state']}",
                {"channel": m["label"].lower(), "source": m["source"]})
    return None


def upgrade() -> None:
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))
    interactions = sa.table('interactions', sa.column('interaction_id', sa.String),
                            sa.column('kind', sa.String), sa.column('summary', sa.Text),
                            sa.column('code', sa.String), sa.column('params', sa.JSON))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(interactions.c.interaction_id, interactions.c.kind, interactions.c.summary)
        .where(interactions.c.kind.in_(("order", "enrolled", "consent")))).all()
    updates = []
    for interaction_id, kind, summary in rows:
        found = coded(kind, summary)
        if found is not None:
            updates.append({"b_id": interaction_id, "code": found[0], "params": found[1]})
    for start in range(0, len(updates), 1000):
        connection.execute(
            interactions.update()
            .where(interactions.c.interaction_id == sa.bindparam('b_id'))
            .values(code=sa.bindparam('code'), params=sa.bindparam('params')),
            updates[start:start + 1000])


def downgrade() -> None:
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_column('params')
        batch_op.drop_column('code')
