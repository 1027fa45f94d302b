"""Allow `python -m vanort_cli`."""

import os

try:
    from vanort_cli.entry import main
except KeyboardInterrupt:  # Ctrl-C before the entry point's own handler is in place
    os._exit(130)

main()
