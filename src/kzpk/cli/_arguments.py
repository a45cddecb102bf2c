"""Reading the command line's arguments: typed values and one-line errors.

Parser errors are one line and exit 2, values are typed, flags are named in messages, and
the route question's flags take :func:`kzpk.build_route`'s defaults.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import kzpk
from kzpk.exceptions import BARE


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2.

    A word starting with a minus and a digit, a point or a dollar sign (``-250m``,
    ``-$1bn``, ``-1e5``) is a value, not an option, so that ``--current -250m`` reaches
    the check that refuses it by name (argparse alone takes only ``-250`` and ``-2.5``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - as argparse takes
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-[\d.$]")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def flag_spelling(parser: argparse.ArgumentParser) -> Callable[[str, object], str]:
    """How the command line names a library option: by the flag whose ``dest`` it is.

    The parser is the one table: each argument's ``dest`` is the library's name for it
    (``--avoid`` sets ``avoid_countries``), so an error's ``option`` maps to its flag,
    and a value to the flags that give it (``--avoid AF --avoid CN``, ``--include-planned``).
    """
    flags = {
        action.dest: action.option_strings[0] if action.option_strings else action.dest
        for action in _actions(parser)
    }

    def spell(option: str, value: object) -> str:
        flag = flags.get(option, option)
        if value is BARE or value is True or not flag.startswith("-"):
            return flag
        if isinstance(value, list | tuple | frozenset | set):
            return " ".join(f"{flag} {item}" for item in value)
        return f"{flag} {value}"

    return spell


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of *parser* and of its commands, at any depth."""
    found = []
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public walk
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for command in action.choices.values():
                found += _actions(command)
        else:
            found.append(action)
    return found


def checked(parse: Callable[[str], object], what: str) -> Callable[[str], object]:
    """An argparse type that runs *parse* and turns kzpk's errors into argparse's."""

    def check(text: str) -> object:
        try:
            return parse(text)
        except (kzpk.KzpkError, ValueError) as error:
            message = str(error).splitlines()[0] if str(error) else f"not {what}"
            raise argparse.ArgumentTypeError(message) from None

    check.__name__ = what  # argparse names the type in "invalid <name> value"
    return check


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def date_or_year(text: str) -> dt.date | int:
    if text.isdigit() and len(text) == 4:  # noqa: PLR2004 - a four-digit year
        return int(text)
    return iso_date(text)


def integer_in(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low} to {high}, got {value}")
        return value

    return parse


def year_count(text: str) -> Decimal:
    try:
        years = Decimal(text)
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not a number of years: {text!r}") from None
    if not years.is_finite() or not kzpk.MIN_YEARS <= years <= kzpk.MAX_YEARS:
        low, high = kzpk.MIN_YEARS, kzpk.MAX_YEARS
        raise argparse.ArgumentTypeError(
            f"must be between one day ({low:.4f}) and {high} years, got {text}"
        )
    return years


def nonempty_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty; give one")
    return Path(text)


def route_arguments(cmd: argparse.ArgumentParser, *, ranked: bool) -> None:
    """The arguments of a route question, as :func:`kzpk.build_route` takes them.

    *ranked* adds those that shape the alternatives (``kzpk route`` lists them; a plot
    draws the best route only).
    """
    cmd.add_argument("origin", help="place, alias, or country code")
    cmd.add_argument("destination", help="place, alias, or country code")
    cmd.add_argument("--via", action="append", help="waypoint (repeatable)")
    cmd.add_argument(
        "--avoid", dest="avoid_countries", action="append", help="country to avoid (repeatable)"
    )
    cmd.add_argument(
        "--avoid-crossing",
        dest="avoid_crossings",
        action="append",
        help="border crossing to avoid (repeatable)",
    )
    cmd.add_argument(
        "--mode",
        dest="modes",
        action="append",
        help="rail, road, sea, air, pipeline (repeatable)",
    )
    cmd.add_argument(
        "--profile",
        choices=[p.value for p in kzpk.Profile],
        default=_asked("profile"),
        help="freight (default: rail, road, sea) or passenger (air too)",
    )
    cmd.add_argument(
        "--on", type=iso_date, help="the day (YYYY-MM-DD; default the as-of day or today)"
    )
    cmd.add_argument(
        "--next-open",
        action="store_true",
        help="the first day from --on that a route exists, instead of --on itself",
    )
    cmd.add_argument(
        "--include-planned",
        action="store_true",
        help="also planned and under-construction links",
    )
    cmd.add_argument(
        "--status", dest="statuses", action="append", help="link statuses to use (repeatable)"
    )
    cmd.add_argument("--optimize", choices=("distance", "time"), default=_asked("optimize"))
    crew_argument(cmd)
    if not ranked:
        return
    cmd.add_argument(
        "--alternatives",
        type=integer_in(1, kzpk.MAX_ALTERNATIVES, "alternatives"),
        default=_asked("alternatives"),
        help=f"up to N routes, 1 to {kzpk.MAX_ALTERNATIVES} (default {_asked('alternatives')})",
    )
    cmd.add_argument(
        "--weight-factor",
        type=float,
        default=_asked("weight_factor"),
        help=f"an alternative costs at most X times the best (default {_asked('weight_factor')})",
    )
    cmd.add_argument(
        "--share-factor",
        type=float,
        default=_asked("share_factor"),
        help="an alternative shares at most X of its length with a better one "
        f"(default {_asked('share_factor')})",
    )


def crew_argument(cmd: argparse.ArgumentParser) -> None:
    """``--crew``: who drives the trucks, as :func:`kzpk.build_route` takes it."""
    cmd.add_argument(
        "--crew",
        choices=[c.value for c in kzpk.Crew],
        default=_asked("crew"),
        help=f"trucks' crew: single (AETR 9 h a day) or double (default {_asked('crew')})",
    )


def _asked(option: str) -> object:
    """What :func:`kzpk.build_route` takes for *option* when not told: its one default."""
    return inspect.signature(kzpk.build_route).parameters[option].default
