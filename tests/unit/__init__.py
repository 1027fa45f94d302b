"""The unit lane: pure tests, with no registry, no database server and no CLI run.

A package, so that its modules are `unit.test_x`: the pure half of a test file
keeps the name of its registry half in tests/ without the two colliding.
"""
