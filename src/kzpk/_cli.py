"""The ``kzpk`` command line: parses arguments, calls the public API, formats what it returns.

Errors from bad input print one line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import kzpk


def _summary(_: argparse.Namespace) -> None:
    dataset = kzpk.load()
    print(
        f"kzpk {kzpk.__version__}: {dataset.info.title}, data {dataset.version} "
        f"(as of {dataset.info.as_of})"
    )
    for name in (
        "sources",
        "people",
        "organisations",
        "places",
        "agreements",
        "corridors",
        "links",
        "events",
        "commitments",
        "claims",
    ):
        print(f"  {name:<14}{len(getattr(dataset, name)):>5}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kzpk",
        description="The Kazakhstan–Pakistan strategic partnership as typed, cited data.",
    )
    parser.add_argument("--version", action="version", version=f"kzpk {kzpk.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    summary = commands.add_parser(
        "summary",
        help="what the dataset holds (the default)",
        description="Print the dataset's version and record counts.",
    )
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    run = getattr(arguments, "run", _summary)
    try:
        run(arguments)
    except kzpk.KzpkError as error:
        print(f"kzpk: error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    return 0
