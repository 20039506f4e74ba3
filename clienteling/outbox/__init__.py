"""The outbox: the queue of a seller's unsent writes (`queue`), one command module per kind of
write (`kinds/`, found through the registry in `command`), and the overlay that shows unsent
work on top of the replica (`overlay`). Nothing here talks to the network: `clienteling.sync`
sends the queue."""
