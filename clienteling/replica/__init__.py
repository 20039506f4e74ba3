"""The local SQLite replica: schema, applying the feed, queries, search, the screens ' views."""
