"""Output formats: a table for people, CSV and JSON with plain numbers for tools."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Final, Generic, NamedTuple, TypeVar

import kzpk

_Item = TypeVar("_Item")


def _plain_number(value: Decimal | float) -> str:
    """A number as tools read it: ``250000000``, ``0.5``, no binary noise."""
    return repr(kzpk.unstructure(value, exact=False))


_CELL_TEXT: Final[tuple[tuple[type, Callable[[Any], str]], ...]] = (
    (bool, lambda flag: "true" if flag else "false"),
    (Decimal, lambda value: _plain_number(value) if value.is_finite() else str(value)),
    (float, _plain_number),
    (dt.date, dt.date.isoformat),
    (Enum, lambda member: str(member.value)),
)


def plain(value: object) -> str:
    """A CSV cell: plain numbers, ISO dates, ``true``/``false``, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "; ".join(plain(v) for v in value)
    for kind, text in _CELL_TEXT:
        if isinstance(value, kind):
            return text(value)
    return str(value)


def for_people(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return plain(value)


class Column(NamedTuple, Generic[_Item]):
    """One column of a command's output: its name, its value for an item, how a table shows it.

    The name heads the CSV column (and, ``_usd`` dropped and ``_`` spaced, the table's).
    """

    name: str
    get: Callable[[_Item], object]
    show: Callable[[Any], str] = for_people


def usd(value: Decimal | None) -> str:
    return "-" if value is None else kzpk.format_usd(value)


def percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:+.1%}"


def one_place(value: float | None) -> str:
    """A figure to one decimal place (days), ``-`` for none."""
    return "-" if value is None else f"{value:.1f}"


def whole(value: float | None) -> str:
    """A figure to the whole unit with thousands separated (km), ``-`` for none."""
    return "-" if value is None else f"{value:,.0f}"


def error_share(value: float | None) -> str:
    """A modelled figure's error as a whole percentage, signed; ``0%`` when it rounds to 0."""
    if value is None:
        return "-"
    return "0%" if round(value, 2) == 0 else f"{value:+.0%}"


def _json_text(results: object) -> str:
    """*results* as JSON with plain numbers (``kzpk.to_json`` keeps money exact as text)."""
    return json.dumps(kzpk.unstructure(results, exact=False), indent=2, ensure_ascii=False)


def _table(columns: Sequence[Column[_Item]], items: Sequence[_Item]) -> str:
    if not items:
        return "(nothing)"
    headers = [c.name.removesuffix("_usd").replace("_", " ") for c in columns]
    cells = [[c.show(c.get(item)) for c in columns] for item in items]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def emit(
    arguments: argparse.Namespace,
    columns: Sequence[Column[_Item]],
    items: Iterable[_Item],
    results: object,
) -> None:
    """Print *items* in *columns* as a table or CSV (header always), or *results* as JSON."""
    listed = list(items)
    if arguments.format == "json":
        print(_json_text(results))
    elif arguments.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(c.name for c in columns)
        writer.writerows([plain(c.get(item)) for c in columns] for item in listed)
        print(out.getvalue(), end="")
    else:
        print(_table(columns, listed))
