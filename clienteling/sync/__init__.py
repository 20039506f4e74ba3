"""The transport: pull, push (sending the outbox), connectivity and the engine loop; plain
threads and callbacks, no Qt. What a write sends and does is `clienteling.outbox`."""
