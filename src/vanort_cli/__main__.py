"""Allow `python -m vanort_cli`."""

from vanort_cli.cli.app import main

main()
