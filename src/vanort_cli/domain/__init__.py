"""Pure domain logic: no clock, no database, no I/O. Property-tested."""
