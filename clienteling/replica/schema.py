"""The replica's tables: the server's state as the feed delivered it, the search index, the outbox.

Base tables hold server state only. A seller's unsent work lives in `outbox` alone and is laid
over the server state when read (see `clienteling.outbox.overlay`), so a pull may rewrite any
base row without ever touching pending work.

The schema version is `PRAGMA user_version`; bump `SCHEMA_VERSION` with every change and add a
step to `MIGRATIONS` (or let the replica be rebuilt from the server: the outbox is kept).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text, text

# 2: new rows indexed set-wise, not by an insert trigger; 3: prefix indexes up to 8 characters;
# 4: timeline entries keep their code and parameters (rebuilt from the server)
# 5: the store's follow-up tasks (rebuilt from the server)
# 6: orders keep the server's payment (status, link, receipt), ready_by and delivery_by (rebuilt)
# 7: the client book: each customer's figures (domain.stats) and folded name keys stored on the
#    customer row, kept current by the feed, with an index per sort; saved client lists
#    (rebuilt from the server)
# 8: the device's open carts (`cart_lines`, device-local: kept across a rebuild)
SCHEMA_VERSION = 8

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String, primary_key=True),
    Column("value", Text),
)

stores = Table(
    "stores", metadata,
    Column("store_id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("address", String, nullable=False),
    Column("postcode", String, nullable=False),
    Column("city", String, nullable=False),
    Column("country", String, nullable=False),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("click_and_collect", Integer, nullable=False),
)

products = Table(
    "products", metadata,
    Column("sku", String, primary_key=True),
    Column("ean", String),
    Column("name", String, nullable=False),
    Column("brand", String, nullable=False),
    Column("category", String, nullable=False),
    Column("price", String, nullable=False),  # decimal text: exact
    Column("currency", String, nullable=False),
    Column("search_terms", Text, nullable=False),
    Index("ix_products_ean", "ean"),
)

stock = Table(
    "stock", metadata,
    Column("store_id", String, primary_key=True),
    Column("sku", String, primary_key=True),
    Column("on_hand", Integer, nullable=False),
    Column("reserved", Integer, nullable=False),
    Column("available", Integer, nullable=False),
    Column("updated_at", String, nullable=False),
    Index("ix_stock_sku", "sku"),
)

customers = Table(
    "customers", metadata,
    Column("customer_id", String, primary_key=True),
    Column("card", String),
    Column("first_name", String, nullable=False),
    Column("last_name", String, nullable=False),
    Column("email", String),
    Column("phone", String),
    Column("birth_date", String),
    Column("home_store_id", String),
    Column("tier", String, nullable=False),
    Column("points", Integer, nullable=False),
    Column("consent_email", Integer, nullable=False),
    Column("consent_email_at", String),
    Column("consent_email_source", String),
    Column("consent_sms", Integer, nullable=False),
    Column("consent_sms_at", String),
    Column("consent_sms_source", String),
    Column("assigned_seller_id", Integer),
    Column("version", Integer, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    # Folded names, email, phone digits (E.164 and national) and card: what FTS5 indexes.
    Column("search_terms", Text, nullable=False),
    # 1: delivered by the feed (the device's scope); 0: cached from an online lookup.
    Column("in_scope", Integer, nullable=False),
    # The client book's name sort: folded as the server folds them (ignoring case and accents).
    Column("last_name_key", String, nullable=False, server_default=""),
    Column("first_name_key", String, nullable=False, server_default=""),
    # The customer's figures (`clienteling.replica.figures`, with domain.stats: the server's
    # rule), written when the feed brings their orders, never by a customer upsert: the book
    # sorts and filters half a million customers without reading their orders.
    Column("lifetime_value", Float, nullable=False, server_default=text("0")),
    Column("orders_count", Integer, nullable=False, server_default=text("0")),
    # Fixed-width UTC text; '' when the customer never bought: it sorts first ascending and
    # last descending, as the server's book puts them.
    Column("last_purchase_at", String, nullable=False, server_default=""),
    Column("first_purchase_at", String),
    Column("channels", String, nullable=False, server_default=""),  # sorted, comma-separated
    Column("channels_count", Integer, nullable=False, server_default=text("0")),
    Index("ix_customers_card", "card"),
    # One index per sort of the client book: a store's clients in that order (keyset pages).
    Index("ix_customers_book_name", "home_store_id", "last_name_key", "first_name_key",
          "customer_id"),
    Index("ix_customers_book_value", "home_store_id", "lifetime_value", "customer_id"),
    Index("ix_customers_book_last", "home_store_id", "last_purchase_at", "customer_id"),
    Index("ix_customers_book_orders", "home_store_id", "orders_count", "customer_id"),
    Index("ix_customers_book_channels", "home_store_id", "channels_count", "customer_id"),
)

# The figures' columns: computed on the device, never part of what the feed writes.
FIGURE_COLUMNS = ("lifetime_value", "orders_count", "last_purchase_at", "first_purchase_at",
                  "channels", "channels_count")

orders = Table(
    "orders", metadata,
    Column("order_number", String, primary_key=True),
    Column("customer_id", String, nullable=False),
    Column("channel", String, nullable=False),
    Column("status", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String),
    Column("fulfillment_type", String, nullable=False),
    Column("fulfillment_store_id", String),
    Column("address", Text),  # JSON
    Column("delivery_method", String),
    Column("delivery_fee", String),
    Column("payment_mode", String),
    Column("payment_status", String),  # pending | paid (None: the server said nothing)
    Column("payment_url", String),  # payment_link: the provider's page
    Column("payment_receipt", String),  # paid_in_store: the till's receipt number
    Column("ready_by", String),  # ISO date: click and collect
    Column("delivery_by", String),  # ISO date: home delivery
    Column("origin_store_id", String),
    Column("pickup_code", String),
    Column("total", String, nullable=False),
    Column("currency", String, nullable=False),
    Column("lines", Text, nullable=False),  # JSON list of the wire's order lines
    Index("ix_orders_customer_created", "customer_id", "created_at"),
    Index("ix_orders_pickup_queue", "fulfillment_store_id", "status"),
)

wishlist_items = Table(
    "wishlist_items", metadata,
    Column("customer_id", String, primary_key=True),
    Column("sku", String, primary_key=True),
    Column("added_at", String, nullable=False),
)

interactions = Table(
    "interactions", metadata,
    Column("interaction_id", String, primary_key=True),
    Column("customer_id", String, nullable=False),
    Column("occurred_at", String, nullable=False),
    Column("channel", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("summary", Text, nullable=False),
    Column("store_id", String),
    Column("author", String),
    Column("code", String),  # domain.timeline's code; NULL for free text
    Column("params", Text),  # its parameters, JSON
    Index("ix_interactions_customer_time", "customer_id", "occurred_at"),
)

tasks = Table(
    "tasks", metadata,
    Column("task_id", String, primary_key=True),
    Column("store_id", String, nullable=False),
    Column("customer_id", String, nullable=False),
    Column("assignee_id", Integer, nullable=False),
    Column("channel", String, nullable=False),
    Column("due_on", String, nullable=False),  # ISO date
    Column("reason", Text, nullable=False),
    Column("status", String, nullable=False),
    Column("snoozed_until", String),
    Column("updated_at", String, nullable=False),
    Index("ix_tasks_assignee_status", "assignee_id", "status", "due_on"),
    Index("ix_tasks_customer", "customer_id"),
)

outbox = Table(
    "outbox", metadata,
    # AUTOINCREMENT: ids are never reused, so the FIFO order is the id order forever.
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),
    Column("customer_id", String),
    Column("target", String),  # the other key: sku, order number
    Column("payload", Text, nullable=False),  # JSON body of the request
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("created_at", String, nullable=False),
    Column("state", String, nullable=False),  # waiting | failed
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", Float, nullable=False),  # epoch seconds
    Column("error_code", String),
    Column("error_detail", Text),
    Column("problem", Text),  # the server's problem+json, or the transport error
    Column("author", String),  # the signed-in seller who made the write
    Index("ix_outbox_customer", "customer_id"),
    sqlite_autoincrement=True,
)

# The manager's saved client lists (a name → the book's filters and sort, JSON): the device's
# own, never from the feed.
client_lists = Table(
    "client_lists", metadata,
    Column("name", String, primary_key=True),
    Column("filters", Text, nullable=False),
    Column("saved_at", String, nullable=False),
)

# The store's staff the manager assigns clients to, as the server last listed them (online
# refresh; kept for offline use).
store_staff = Table(
    "store_staff", metadata,
    Column("staff_id", Integer, primary_key=True),
    Column("store_id", String, nullable=False),
    Column("display_name", String, nullable=False),
    Column("role", String, nullable=False),
)

# The seller's open carts, one per customer: device-local work, never sent and never filled
# by the feed (not in SERVER_TABLES), so a clean re-download keeps it.
cart_lines = Table(
    "cart_lines", metadata,
    Column("customer_id", String, primary_key=True),
    Column("sku", String, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("added_at", String, nullable=False),  # ISO timestamp: the lines' order
    Column("updated_at", String, nullable=False),
)

# The device's own work beside the outbox: never from the feed, kept across a schema rebuild
# and a clean re-download.
DEVICE_TABLES = (cart_lines, client_lists)

# Tables the feed fills; a clean re-download (410) empties exactly these.
SERVER_TABLES = (stores, products, stock, customers, orders, wishlist_items, interactions, tasks)

# Search: external-content FTS5 tables over `search_terms`. Updates and deletes are kept in
# step by triggers; new rows are indexed by `clienteling.replica.apply` with one INSERT …
# SELECT per batch, three times cheaper than a per-row insert trigger on a first download.
# The terms are already folded (clienteling.domain.text.fold, the server's folding); the
# tokenizer's diacritic removal also folds whatever the query side might have missed.
# Prefix indexes for 1 to 8 characters: a query word typed so far ("marti") reads one
# precomputed list instead of merging every term that starts with it (a "first last" search
# on a million customers: p95 from ~20 ms to ~4 ms, for ~40% more index).
FTS_DDL = [
    """CREATE VIRTUAL TABLE customer_fts USING fts5(
        search_terms, content='customers', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8')""",
    """CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customer_fts(customer_fts, rowid, search_terms)
        VALUES ('delete', old.rowid, old.search_terms);
    END""",
    # Points or consents change far more often than names: only re-index when terms change.
    """CREATE TRIGGER customers_au AFTER UPDATE OF search_terms ON customers
        WHEN old.search_terms IS NOT new.search_terms BEGIN
        INSERT INTO customer_fts(customer_fts, rowid, search_terms)
        VALUES ('delete', old.rowid, old.search_terms);
        INSERT INTO customer_fts(rowid, search_terms) VALUES (new.rowid, new.search_terms);
    END""",
    """CREATE VIRTUAL TABLE product_fts USING fts5(
        search_terms, content='products', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8')""",
    """CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN
        INSERT INTO product_fts(product_fts, rowid, search_terms)
        VALUES ('delete', old.rowid, old.search_terms);
    END""",
    """CREATE TRIGGER products_au AFTER UPDATE OF search_terms ON products
        WHEN old.search_terms IS NOT new.search_terms BEGIN
        INSERT INTO product_fts(product_fts, rowid, search_terms)
        VALUES ('delete', old.rowid, old.search_terms);
        INSERT INTO product_fts(rowid, search_terms) VALUES (new.rowid, new.search_terms);
    END""",
]
