"""The ``kzpk`` command line: parses arguments, calls the public API, formats what it returns.

Output: ``--format table`` is for people (amounts in words, percentages); ``csv`` and
``json`` are for tools: plain numbers (US dollars as numbers, rates and shares as
fractions, ISO dates), a CSV header even when nothing matches, ``[]`` for an empty JSON
result. A reader that stops early (``kzpk sectors | head``) ends the command quietly.

Exit status (each but 0 and 141 with one line on stderr, 1 with a traceback too):

- 0: done.
- 1: a bug in kzpk, with its traceback and a request to report it.
- 2: bad input (an unknown flag, a value kzpk cannot use, a leftover argument): the line
  names the flag.
- 74 (``EX_IOERR``): the output could not be written (a full disk, a closed stdout).
- 130 (128 + SIGINT): interrupted (Ctrl-C), quietly, also while kzpk is still starting.
- 141 (128 + SIGPIPE): the reader of the output went away (``kzpk sectors | head``), quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final, TextIO

import kzpk
from kzpk.cli._arguments import (
    Parser,
    checked,
    crew_argument,
    date_or_year,
    flag_spelling,
    integer_in,
    iso_date,
    nonempty_path,
    route_arguments,
    year_count,
)
from kzpk.cli._commands import (
    agreements,
    calibration,
    cite,
    commitments,
    conflicts,
    export,
    facts,
    mirror,
    people,
    plot_route,
    plot_trade,
    route,
    scenarios,
    schema,
    search,
    sectors,
    sources,
    summary,
    timeline,
    trade_figures,
    trade_gap,
    validate,
)

_BAD_INPUT: Final = 2
_IO_ERROR: Final = 74
_INTERRUPTED: Final = 130
_BROKEN_PIPE: Final = 141


_FORMATS: Final = ("table", "json", "csv")


def _command(
    commands: argparse._SubParsersAction[Parser],
    name: str,
    run: Callable[[argparse.Namespace], None],
    summary: str,
    example: str,
    *,
    formats: Sequence[str] = _FORMATS,
) -> Parser:
    parser = commands.add_parser(
        name, help=summary, description=summary, epilog=f"example: {example}"
    )
    parser.set_defaults(run=run)
    if formats:
        parser.add_argument(
            "--format",
            choices=formats,
            default=formats[0],
            help="output format: table for people, csv and json for tools (default %(default)s)",
        )
    return parser


_USD_HELP: Final = "e.g. 250m, 1bn, '$1.2 billion'"


def _amount(text: str) -> Decimal:
    """*text* as US dollars; a negative amount is refused as such, not as unreadable."""
    if text.strip().startswith("-"):
        raise kzpk.InvalidInputError(f"must be a positive amount, not {text!r}")
    return kzpk.parse_usd(text, "amount")


def _trade_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    amount = checked(_amount, "amount")
    baseline_help = (
        "trade figure id: a full calendar or fiscal year of turnover, or a stated level "
        "(default %(default)s; `kzpk trade-figures --flow turnover` lists them)"
    )
    cmd = _command(
        commands,
        "trade-gap",
        trade_gap,
        "the gap to the trade target",
        "kzpk trade-gap --current 250m --years 2",
    )
    cmd.add_argument("--current", type=amount, help=f"current trade, {_USD_HELP}")
    cmd.add_argument("--target", type=amount, help=f"target, {_USD_HELP}")
    horizon = cmd.add_mutually_exclusive_group()
    horizon.add_argument("--years", type=year_count, help="horizon in years (a day to 1000)")
    horizon.add_argument("--by", type=date_or_year, help="due date (YYYY-MM-DD) or year")
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help=baseline_help)
    cmd = _command(
        commands, "scenarios", scenarios, "one trade gap per stated horizon", "kzpk scenarios"
    )
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help=baseline_help)
    cmd = _command(
        commands,
        "trade-figures",
        trade_figures,
        "official and stated trade figures",
        "kzpk trade-figures --reporter PK --flow exports",
    )
    cmd.add_argument("--reporter", help="KZ or PK")
    cmd.add_argument("--flow", help="turnover, exports or imports")
    cmd.add_argument(
        "--year", type=integer_in(1900, 2100, "year"), help="the year the period ends in"
    )
    cmd = _command(
        commands, "mirror", mirror, "both reporters' figures side by side", "kzpk mirror 2024"
    )
    cmd.add_argument("year", type=integer_in(1900, 2100, "year"), help="the year periods end in")


def _file_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    cmd = _command(
        commands,
        "export",
        export,
        "write the dataset for other tools",
        "kzpk export ./out --format datapackage",
        formats=(),
    )
    cmd.add_argument("directory", type=nonempty_path, help="where to write (created if missing)")
    cmd.add_argument(
        "--format",
        choices=("json", "csv", "datapackage", "geojson", "sqlite"),
        default="json",
        help="json (default), csv, datapackage, geojson, sqlite (with Datasette metadata)",
    )
    cmd = _command(
        commands,
        "schema",
        schema,
        "JSON Schema of the dataset files",
        "kzpk schema places.json",
        formats=(),
    )
    cmd.add_argument("file", nargs="?", help="one dataset file (default: all)")
    plot = commands.add_parser(
        "plot",
        help="draw trade scenarios or a route (kzpk[plot])",
        description="draw trade scenarios or a route (needs kzpk[plot])",
        epilog="example: kzpk plot route Almaty Karachi route.png",
    )
    plots = plot.add_subparsers(dest="plot", metavar="WHAT", parser_class=Parser, required=True)
    cmd = _command(
        plots,
        "trade",
        plot_trade,
        "trade scenarios against the target",
        "kzpk plot trade trade.png",
        formats=(),
    )
    cmd.add_argument("out", type=nonempty_path, help="the image to write (.png, .svg or .pdf)")
    cmd = _command(
        plots,
        "route",
        plot_route,
        "the network with the best route highlighted",
        "kzpk plot route Almaty Karachi route.png",
        formats=(),
    )
    route_arguments(cmd, ranked=False)
    cmd.add_argument("out", type=nonempty_path, help="the image to write (.png, .svg or .pdf)")
    cmd = _command(
        commands,
        "validate",
        validate,
        "check a dataset directory, list problems",
        "kzpk validate ./my-data",
        formats=(),
    )
    cmd.add_argument("directory", type=nonempty_path, help="a directory of dataset JSON files")


def _parser() -> Parser:
    parser = Parser(
        prog="kzpk",
        description="The Kazakhstan–Pakistan strategic partnership "
        "(February 2026) as typed, cited data.",
        epilog="`kzpk COMMAND --help` describes each command.",
    )
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    _command(commands, "summary", summary, "what the dataset holds", "kzpk summary", formats=())
    cmd = _command(
        commands,
        "agreements",
        agreements,
        "agreements, filtered",
        "kzpk agreements --sector energy",
    )
    cmd.add_argument("--sector", help="sector id, name or alias (sub-sectors included)")
    cmd.add_argument("--kind", help="declaration, agreement, memorandum, sister-city, …")
    cmd.add_argument("--party", help="a country, organisation or city")
    cmd.add_argument("--text", help="words in the title or description")
    _command(commands, "sectors", sectors, "the sector taxonomy", "kzpk sectors")
    _trade_commands(commands)
    cmd = _command(
        commands,
        "route",
        route,
        "routes over the corridor network",
        "kzpk route Almaty Karachi --avoid AF",
        formats=(*_FORMATS, "geojson"),
    )
    route_arguments(cmd, ranked=True)
    cmd = _command(
        commands,
        "calibration",
        calibration,
        "modelled route times beside the trips the press reported",
        "kzpk calibration --crew double",
    )
    crew_argument(cmd)
    _command(commands, "conflicts", conflicts, "where sources disagree", "kzpk conflicts")
    _command(commands, "sources", sources, "sources and what they support", "kzpk sources")
    _command(commands, "timeline", timeline, "events in order", "kzpk timeline")
    cmd = _command(
        commands,
        "commitments",
        commitments,
        "commitments and their state",
        "kzpk commitments --as-of 2027-01-01",
    )
    cmd.add_argument("--as-of", type=iso_date, help="judge on this day (default today)")
    _file_commands(commands)
    _add_name_commands(commands)
    return parser


def _add_name_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """search, cite, people, facts: records by any name, in any script."""
    cmd = _command(
        commands,
        "search",
        search,
        "records named like a query, in any script",
        "kzpk search Алматы --kind place",
    )
    cmd.add_argument("query", help="a name, alias or id in any script (Алматы, کراچی, Chimkent)")
    cmd.add_argument("--kind", help="place, person, country, organisation, source, …")
    cmd.add_argument("--limit", type=int, default=10, help="at most N results (default 10)")
    cmd = _command(
        commands,
        "cite",
        cite,
        "where a record and its names come from",
        "kzpk cite Karachi",
        formats=(),
    )
    cmd.add_argument("record", help="an id or any name of the record")
    _command(commands, "people", people, "people, their roles and names", "kzpk people")
    cmd = _command(
        commands, "facts", facts, "stated facts, filtered", "kzpk facts --subject Тоқаев"
    )
    cmd.add_argument("--topic", choices=[t.value for t in kzpk.FactTopic], help="one topic")
    cmd.add_argument("--subject", help="a record the fact concerns (id or any name)")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor (tests)
        pass


class _WriteError(Exception):
    """Writing the output failed; *error* says why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Output(io.TextIOBase):
    """The real stdout, whose write failures are told apart from every other OSError."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise _WriteError(error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise _WriteError(error) from error

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _write_failed(error: OSError) -> int:
    """The status for output that could not be written, after one line on stderr."""
    _quiet_stdout()
    if isinstance(error, BrokenPipeError):
        return _BROKEN_PIPE  # the reader has gone: nothing to say to anyone
    _say(f"cannot write the output: {error.strerror or error}")
    return _IO_ERROR


def _say(message: str) -> None:
    """One line on stderr (where there is a stderr to write to)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"kzpk: error: {message}", file=sys.stderr)


def _show_warning(  # noqa: PLR0917 - the signature of warnings.showwarning
    message: Warning | str,
    category: type[Warning],  # noqa: ARG001 - the same signature
    filename: str,  # noqa: ARG001
    lineno: int,  # noqa: ARG001
    file: TextIO | None = None,  # noqa: ARG001
    line: str | None = None,  # noqa: ARG001
) -> None:
    """Show a warning (a misspelt ``KZPK_`` variable, the cache off) as one line."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"kzpk: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status.

    See the module docstring for the statuses.
    """
    stdout = sys.stdout
    if stdout is None:  # started with stdout closed (``kzpk sectors >&-``)
        _say("cannot write the output: standard output is closed")
        return _IO_ERROR
    output = _Output(stdout)
    sys.stdout = output
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            status = _run(argv)
        output.flush()
    except _WriteError as failure:
        return _write_failed(failure.error)
    except KeyboardInterrupt:
        with contextlib.suppress(_WriteError):
            output.flush()
        return _INTERRUPTED
    finally:
        sys.stdout = stdout
    return status


def _parse(argv: Sequence[str] | None) -> tuple[Parser, argparse.Namespace] | int:
    """The parser and the arguments in *argv*, or the status when there is nothing to run.

    ``--help`` and ``--version`` have printed their text (0); bad usage, a leftover
    argument or ``--version`` beside a command has printed one line on stderr (2).
    """
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
        if arguments.version and getattr(arguments, "run", None) is not None:
            parser.error(f"--version takes no command, not {arguments.command!r}")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    if arguments.version:
        print(f"kzpk {kzpk.__version__}")
        return 0
    if getattr(arguments, "run", None) is None:
        parser.print_usage(sys.stderr)
        _say("a command is required (kzpk --help lists them)")
        return _BAD_INPUT
    return parser, arguments


def _run(argv: Sequence[str] | None) -> int:
    """Parse *argv*, run the command and turn what it raised into a status."""
    parsed = _parse(argv)
    if isinstance(parsed, int):
        return parsed
    parser, arguments = parsed
    run: Callable[[argparse.Namespace], None] = arguments.run
    try:
        run(arguments)
    except kzpk.DatasetError as error:
        count = len(error.problems)
        _say(f"invalid dataset ({count} problem{'s' * (count != 1)}):")
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return _BAD_INPUT
    except kzpk.KzpkError as error:
        _say(error.describe(flag_spelling(parser)).splitlines()[0] or type(error).__name__)
        return _BAD_INPUT
    except (_WriteError, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - a bug: show it whole and ask for a report
        traceback.print_exc()
        print(
            f"kzpk: internal error in kzpk {kzpk.__version__}: this is a bug, not your input; "
            "please report it to the kzpk developers with the command and the traceback above",
            file=sys.stderr,
        )
        return 1
    return 0
