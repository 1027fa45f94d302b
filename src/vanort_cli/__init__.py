"""vanort: the command-line registry of the City of Gothenburg's twin towns."""

__version__ = "0.1.0"
