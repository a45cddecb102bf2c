"""The ``kzpk`` command line."""

from kzpk.cli._main import main

__all__ = ["main"]
