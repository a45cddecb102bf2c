"""Reading the command line's arguments: one-line parser errors, typed values, flags in messages."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, NoReturn

import kzpk

#: Library wording (Python names) and the command-line flags that mean the same.
_FLAG_WORDS: Final[tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]] = (
    (re.compile(r"\binclude_planned=True\b"), lambda _: "--include-planned"),
    (
        re.compile(r"\bstatuses=\[([^\]]*)\]"),
        lambda m: " ".join(f"--status {c.strip(' ' + chr(39))}" for c in m[1].split(",")),
    ),
    (
        re.compile(r"\bavoid_crossings=\[([^\]]*)\]"),
        lambda m: " ".join(f"--avoid-crossing {c.strip(' ' + chr(39))}" for c in m[1].split(",")),
    ),
    (re.compile(r"\bprofile='(\w+)'"), lambda m: f"--profile {m[1]}"),
    (re.compile(r"\bavoid_crossings excludes\b"), lambda _: "--avoid-crossing excludes"),
    (
        re.compile(r"\bavoid_countries=\[([^\]]*)\]"),
        lambda m: " ".join(f"--avoid {c.strip(' ' + chr(39))}" for c in m[1].split(",")),
    ),
    (
        re.compile(r"\bmodes=\[([^\]]*)\]"),
        lambda m: " ".join(f"--mode {c.strip(' ' + chr(39))}" for c in m[1].split(",")),
    ),
    (re.compile(r"\bwhich avoid_countries excludes\b"), lambda _: "which --avoid excludes"),
    (re.compile(r"\bkzpk\.trade_figures\(\)"), lambda _: "`kzpk trade-figures`"),
    (re.compile(r"\bpass years or by\b"), lambda _: "pass --years or --by"),
    (re.compile(r"^unknown baseline\b"), lambda _: "unknown --baseline"),
    (re.compile(r"^baseline\b"), lambda _: "--baseline"),
    (re.compile(r"^(by|years|current|target|alternatives) must\b"), lambda m: f"--{m[1]} must"),
)


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


def speak_flags(message: str) -> str:
    """*message* with the library's argument names replaced by the flags that set them."""
    for pattern, replace in _FLAG_WORDS:
        message = pattern.sub(replace, message)
    return message


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
    from kzpk.trade._years import MAX_YEARS, MIN_YEARS

    try:
        years = Decimal(text)
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not a number of years: {text!r}") from None
    if not years.is_finite() or not MIN_YEARS <= years <= MAX_YEARS:
        raise argparse.ArgumentTypeError(
            f"must be between one day ({MIN_YEARS:.4f}) and {MAX_YEARS} years, got {text}"
        )
    return years


def nonempty_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty; give one")
    return Path(text)
