"""The managers' side: the client book, assignments, follow-up tasks, exports and KPIs."""
