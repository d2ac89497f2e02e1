"""conc-tui: watch Python concurrency happen."""

__version__ = "0.1.0"
