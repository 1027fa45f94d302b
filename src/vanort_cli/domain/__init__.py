"""Pure domain logic: no clock, no database, no I/O. Property-tested.

The bottom floor: imports nothing of vanort's outside domain/, and no database,
terminal, drawing or file-format library."""
