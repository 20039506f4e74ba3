"""Importing the files of the contract (stores, products, stock, customers, wishlists, interactions,
orders): checked in full, then applied idempotently with their feed changes."""
