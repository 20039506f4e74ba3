"""The wire contract (pydantic models shared by server and client) and the HTTP client."""
