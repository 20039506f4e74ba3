"""The audit log: who did what to which customer, appended to, never edited through the API."""
