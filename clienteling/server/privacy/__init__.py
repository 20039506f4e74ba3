"""GDPR rights on the central database: access (export), erasure, retention."""
