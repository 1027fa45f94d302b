"""vanort: the command-line registry of the City of Gothenburg's twin towns."""

__version__ = "0.1.0"


def version_line() -> str:
    """What `vanort --version` prints."""
    return f"vanort {__version__}"
