"""One module per kind of write; each registers its command when imported (the registry
imports every module of this package)."""
