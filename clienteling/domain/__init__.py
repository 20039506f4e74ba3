"""Value types and business rules of the domain: pure, no I/O."""
