"""Frozen data for the schema migrations (see migrations.py): what a step changes
in the shipped facts of an existing registry, kept as it was when the step was
written, so that a later release's data/ never changes what an old step does."""
