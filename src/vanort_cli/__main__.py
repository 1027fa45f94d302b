"""Allow `python -m vanort_cli`."""

from vanort_cli.entry import main

main()
