"""Pull, push, the outbox and connectivity: plain threads and callbacks, no Qt."""
