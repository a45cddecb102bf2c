"""The ``kzpk`` command line."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["main"]

#: 128 + SIGINT: the status of a command line interrupted by Ctrl-C.
_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    The command line's modules are imported here, so that Ctrl-C while they load ends the
    command quietly with status 130, as it does once the command runs.
    """
    try:
        from kzpk.cli._main import main as run
    except KeyboardInterrupt:
        return _INTERRUPTED
    return run(argv)
