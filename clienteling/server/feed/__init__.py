"""The change feed each store's devices pull (GET /sync/changes), recorded with every write."""
