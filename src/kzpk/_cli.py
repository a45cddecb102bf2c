"""The ``kzpk`` command line: parses arguments, calls the public API, formats what it returns.

Output: ``--format table`` is for people (amounts in words, percentages); ``csv`` and
``json`` are for tools: plain numbers (US dollars as numbers, rates and shares as
fractions, ISO dates), a CSV header even when nothing matches, ``[]`` for an empty JSON
result. A reader that stops early (``kzpk sectors | head``) ends the command quietly.

Exit status: 0 on success; 2 for bad input, with one line on stderr that names the flag;
1 for a bug in kzpk, with its traceback and a request to report it; 141 (128 + SIGPIPE)
when the reader of the output goes away.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Final, NoReturn

import kzpk

Row = Mapping[str, object]
Show = Mapping[str, Callable[[Any], str]]

_BROKEN_PIPE: Final = 141
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


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _speak_flags(message: str) -> str:
    """*message* with the library's argument names replaced by the flags that set them."""
    for pattern, replace in _FLAG_WORDS:
        message = pattern.sub(replace, message)
    return message


def _checked(parse: Callable[[str], object], what: str) -> Callable[[str], object]:
    """An argparse type that runs *parse* and turns kzpk's errors into argparse's."""

    def check(text: str) -> object:
        try:
            return parse(text)
        except (kzpk.KzpkError, ValueError) as error:
            message = str(error).splitlines()[0] if str(error) else f"not {what}"
            raise argparse.ArgumentTypeError(message) from None

    check.__name__ = what  # argparse names the type in "invalid <name> value"
    return check


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _date_or_year(text: str) -> dt.date | int:
    if text.isdigit() and len(text) == 4:  # noqa: PLR2004 - a four-digit year
        return int(text)
    return _date(text)


def _integer(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be {low} to {high}, got {value}")
        return value

    return parse


def _years(text: str) -> Decimal:
    from kzpk._trade import MAX_YEARS, MIN_YEARS

    try:
        years = Decimal(text)
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not a number of years: {text!r}") from None
    if not years.is_finite() or not MIN_YEARS <= years <= MAX_YEARS:
        raise argparse.ArgumentTypeError(
            f"must be between one day ({MIN_YEARS:.4f}) and {MAX_YEARS} years, got {text}"
        )
    return years


def _path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty; give one")
    return Path(text)


def _number(value: Decimal) -> int | float:
    """A Decimal as the plain number it is: an int when whole, else the nearest float."""
    if value == value.to_integral_value() and abs(value) < 2**63:
        return int(value)
    return float(value)


def _float(value: float) -> float:
    """*value* to 15 significant digits: no binary noise such as 3423.2000000000003."""
    return float(f"{value:.15g}")


def _decimal_text(value: Decimal) -> str:
    return repr(_number(value)) if value.is_finite() else str(value)


_CELL_TEXT: Final[tuple[tuple[type, Callable[[Any], str]], ...]] = (
    (bool, lambda flag: "true" if flag else "false"),
    (Decimal, _decimal_text),
    (float, lambda value: repr(_float(value))),
    (dt.date, dt.date.isoformat),
    (Enum, lambda member: str(member.value)),
)


def _plain(value: object) -> str:
    """A CSV cell: plain numbers, ISO dates, ``true``/``false``, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "; ".join(_plain(v) for v in value)
    for kind, text in _CELL_TEXT:
        if isinstance(value, kind):
            return text(value)
    return str(value)


def _for_people(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _plain(value)


def _usd(value: Decimal | None) -> str:
    return "-" if value is None else kzpk.format_usd(value)


def _percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:+.1%}"


def _json_text(results: object) -> str:
    """*results* as JSON with plain numbers (``kzpk.to_json`` keeps money exact as text)."""
    from kzpk._convert import make_converter

    converter = make_converter()
    converter.register_unstructure_hook(Decimal, _number)
    converter.register_unstructure_hook(float, _float)
    return json.dumps(converter.unstructure(results), indent=2, ensure_ascii=False)


def _table(columns: Sequence[str], rows: Sequence[Row], show: Show) -> str:
    if not rows:
        return "(nothing)"
    headers = [c.removesuffix("_usd").replace("_", " ") for c in columns]
    cells = [[show.get(c, _for_people)(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _emit(
    arguments: argparse.Namespace,
    columns: Sequence[str],
    rows: Iterable[Row],
    results: object,
    show: Show | None = None,
) -> None:
    """Print *rows* as a table or CSV (header always), or *results* as JSON, per ``--format``."""
    listed = list(rows)
    if arguments.format == "json":
        print(_json_text(results))
    elif arguments.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_plain(row.get(c)) for c in columns] for row in listed)
        print(out.getvalue(), end="")
    else:
        print(_table(columns, listed, show or {}))


def _summary(_: argparse.Namespace) -> None:
    from kzpk._dataset import KINDS

    dataset = kzpk.load()
    print(
        f"kzpk {kzpk.__version__}: {dataset.info.title}, data {dataset.version} "
        f"(as of {dataset.info.as_of})"
    )
    for name, _cls in KINDS:
        print(f"  {name:<16}{len(getattr(dataset, name)):>5}")


def _agreements(arguments: argparse.Namespace) -> None:
    found = kzpk.agreements(
        arguments.sector, kind=arguments.kind, party=arguments.party, text=arguments.text
    )
    rows = (
        {"id": a.id, "kind": a.kind, "signed": a.signed, "sectors": a.sectors, "title": a.title}
        for a in found
    )
    _emit(arguments, ("id", "kind", "signed", "sectors", "title"), rows, found)


def _sectors(arguments: argparse.Namespace) -> None:
    trees = kzpk.sector_tree()
    walked = [(depth, s) for tree in trees for depth, s in tree.walk()]
    rows = (
        {
            "id": s.id,
            "name": s.name,
            "parent": s.parent,
            "depth": depth,
            "aliases": s.aliases,
            "agreements": len(kzpk.agreements(s)),
        }
        for depth, s in walked
    )
    indent = {s.id: "  " * depth for depth, s in walked}
    show: dict[str, Callable[[Any], str]] = {"aliases": ", ".join}
    if arguments.format == "table":
        rows = ({**row, "name": indent[str(row["id"])] + str(row["name"])} for row in rows)
    _emit(
        arguments,
        ("id", "name", "parent", "depth", "aliases", "agreements"),
        rows,
        tuple(s for _, s in walked),
        show,
    )


_GAP_COLUMNS: Final = (
    "current_usd",
    "target_usd",
    "gap_usd",
    "years",
    "cagr",
    "base_date",
    "horizon",
)
_GAP_SHOW: Final[Show] = {
    "current_usd": _usd,
    "target_usd": _usd,
    "gap_usd": _usd,
    "years": lambda years: f"{years:.2f}",
    "cagr": _percent,
}


def _gap_row(gap: kzpk.TradeGap) -> Row:
    return {
        "current_usd": gap.current,
        "target_usd": gap.target,
        "gap_usd": gap.gap,
        "years": gap.years,
        "cagr": gap.cagr,
        "base_date": gap.base_date,
        "horizon": str(gap.horizon),
    }


def _trade_gap(arguments: argparse.Namespace) -> None:
    gap = kzpk.trade_gap(
        arguments.current,
        arguments.target,
        years=arguments.years,
        by=arguments.by,
        baseline=arguments.baseline,
    )
    if arguments.format == "table":
        print(gap)
    else:
        _emit(arguments, _GAP_COLUMNS, [_gap_row(gap)], gap)


def _scenarios(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_scenarios(baseline=arguments.baseline)
    _emit(arguments, _GAP_COLUMNS, (_gap_row(g) for g in found), found, _GAP_SHOW)


def _route(arguments: argparse.Namespace) -> None:
    routes = kzpk.build_route(
        arguments.origin,
        arguments.destination,
        via=arguments.via or (),
        avoid_countries=arguments.avoid or (),
        avoid_crossings=arguments.avoid_crossing or (),
        modes=arguments.mode,
        profile=arguments.profile,
        on=arguments.on,
        include_planned=arguments.include_planned,
        statuses=arguments.status,
        optimize=arguments.optimize,
        alternatives=arguments.alternatives,
    )
    if arguments.format == "geojson":
        print(json.dumps(kzpk.routes_geojson(routes), indent=2))
    elif arguments.format == "table":
        print("\n\n".join(str(r) for r in routes))
    else:
        rows = (
            {
                "rank": i,
                "on": r.on.isoformat(),
                "km": r.distance_km,
                "hours": r.hours,
                "days": r.days,
                "countries": "-".join(r.countries),
                "crossings": " ".join(c.place.id for c in r.crossings),
                "operational": r.is_operational,
                "via": tuple(p.id for p in r.places),
            }
            for i, r in enumerate(routes, 1)
        )
        columns = (
            "rank",
            "on",
            "km",
            "hours",
            "days",
            "countries",
            "crossings",
            "operational",
            "via",
        )
        _emit(arguments, columns, rows, routes)


def _conflicts(arguments: argparse.Namespace) -> None:
    found = kzpk.conflicts()
    rows = (
        {
            "claim": c.id,
            "question": c.question,
            "answer": v.value,
            "sources": tuple(sorted({x.source for x in v.citations})),
        }
        for c in found
        for v in c.variants
    )
    show: Show = {"sources": ", ".join}
    _emit(arguments, ("claim", "question", "answer", "sources"), rows, found, show)


def _sources(arguments: argparse.Namespace) -> None:
    found = kzpk.sources_cited()
    rows = (
        {
            "id": u.source.id,
            "kind": u.source.kind,
            "outlet": u.source.outlet,
            "published": u.source.published,
            "records": len(u.records),
        }
        for u in found
    )
    _emit(arguments, ("id", "kind", "outlet", "published", "records"), rows, found)


def _timeline(arguments: argparse.Namespace) -> None:
    found = kzpk.timeline()
    rows = (
        {
            "start": e.when.start,
            "end": e.when.end,
            "kind": e.kind,
            "place": e.place,
            "title": e.title,
        }
        for e in found
    )
    _emit(arguments, ("start", "end", "kind", "place", "title"), rows, found)


def _commitments(arguments: argparse.Namespace) -> None:
    found = kzpk.commitment_states(arguments.as_of)
    rows = (
        {
            "id": v.commitment.id,
            "state": v.state,
            "due_start": v.commitment.due.start if v.commitment.due else None,
            "due_end": v.commitment.due.end if v.commitment.due else None,
            "title": v.commitment.title,
        }
        for v in found
    )
    _emit(arguments, ("id", "state", "due_start", "due_end", "title"), rows, found)


def _trade_figures(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_figures(arguments.reporter, arguments.flow, arguments.year)
    rows = (
        {
            "id": f.id,
            "reporter": f.reporter,
            "flow": f.flow,
            "period_start": f.period.start,
            "period_end": f.period.end,
            "value_usd": f.value,
            "basis": f.basis,
            "partial": f.partial,
        }
        for f in found
    )
    columns = (
        "id",
        "reporter",
        "flow",
        "period_start",
        "period_end",
        "value_usd",
        "basis",
        "partial",
    )
    _emit(arguments, columns, rows, found, {"value_usd": _usd})


def _mirror(arguments: argparse.Namespace) -> None:
    found = tuple(
        p
        for p in kzpk.mirror(arguments.year)
        if p.as_exported is not None or p.as_imported is not None
    )
    if not found and arguments.format == "table":
        years = sorted({(f.period.end or f.period.start).year for f in kzpk.trade_figures()})
        print(
            f"no full-year export or import figures for {arguments.year}; "
            f"years with figures: {', '.join(map(str, years))}"
        )
        return

    def value(figure: kzpk.TradeFigure | None) -> Decimal | None:
        return None if figure is None else figure.value

    rows = (
        {
            "exporter": p.exporter,
            "importer": p.importer,
            "exporter_says_usd": value(p.as_exported),
            "importer_says_usd": value(p.as_imported),
            "difference_usd": p.difference,
            "relative": p.relative,
            "same_period": p.same_period,
        }
        for p in found
    )
    columns = (
        "exporter",
        "importer",
        "exporter_says_usd",
        "importer_says_usd",
        "difference_usd",
        "relative",
        "same_period",
    )
    show: Show = {
        "exporter_says_usd": _usd,
        "importer_says_usd": _usd,
        "difference_usd": _usd,
        "relative": _percent,
    }
    _emit(arguments, columns, rows, found, show)


def _validate(arguments: argparse.Namespace) -> None:
    directory: Path = arguments.directory
    if not directory.exists():
        raise kzpk.InvalidInputError(f"directory {directory} does not exist")
    if not directory.is_dir():
        raise kzpk.InvalidInputError(f"{directory} is a file, not a dataset directory")
    from kzpk._validation import validate

    dataset = validate(directory)
    print(f"{directory}: valid ({sum(1 for _ in dataset.records())} records)")


def _export(arguments: argparse.Namespace) -> None:
    paths = kzpk.export(arguments.directory, arguments.format)
    print(f"wrote {len(paths)} file(s) to {arguments.directory} ({arguments.format})")


def _schema(arguments: argparse.Namespace) -> None:
    print(json.dumps(kzpk.json_schema(arguments.file), indent=2))


def _plot_trade(arguments: argparse.Namespace) -> None:
    print(kzpk.plot_trade(arguments.out))


def _plot_route(arguments: argparse.Namespace) -> None:
    route = kzpk.build_route(arguments.origin, arguments.destination, alternatives=1)[0]
    print(kzpk.plot_network(arguments.out, route))


_FORMATS: Final = ("table", "json", "csv")


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    run: Callable[[argparse.Namespace], None],
    summary: str,
    example: str,
    *,
    formats: Sequence[str] = _FORMATS,
) -> _Parser:
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


def _trade_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    amount = _checked(lambda text: kzpk.parse_usd(text, "amount"), "amount")
    baseline_help = (
        "trade figure id: a full calendar or fiscal year of turnover, or a stated level "
        "(default %(default)s; `kzpk trade-figures --flow turnover` lists them)"
    )
    cmd = _command(
        commands,
        "trade-gap",
        _trade_gap,
        "the gap to the trade target",
        "kzpk trade-gap --current 250m --years 2",
    )
    cmd.add_argument("--current", type=amount, help=f"current trade, {_USD_HELP}")
    cmd.add_argument("--target", type=amount, help=f"target, {_USD_HELP}")
    horizon = cmd.add_mutually_exclusive_group()
    horizon.add_argument("--years", type=_years, help="horizon in years (a day to 1000)")
    horizon.add_argument("--by", type=_date_or_year, help="due date (YYYY-MM-DD) or year")
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help=baseline_help)
    cmd = _command(
        commands, "scenarios", _scenarios, "one trade gap per stated horizon", "kzpk scenarios"
    )
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help=baseline_help)
    cmd = _command(
        commands,
        "trade-figures",
        _trade_figures,
        "official and stated trade figures",
        "kzpk trade-figures --reporter PK --flow exports",
    )
    cmd.add_argument("--reporter", help="KZ or PK")
    cmd.add_argument("--flow", help="turnover, exports or imports")
    cmd.add_argument(
        "--year", type=_integer(1900, 2100, "year"), help="the year the period ends in"
    )
    cmd = _command(
        commands, "mirror", _mirror, "both reporters' figures side by side", "kzpk mirror 2024"
    )
    cmd.add_argument("year", type=_integer(1900, 2100, "year"), help="the year periods end in")


def _file_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    cmd = _command(
        commands,
        "export",
        _export,
        "write the dataset for other tools",
        "kzpk export ./out --format datapackage",
        formats=(),
    )
    cmd.add_argument("directory", type=_path, help="where to write (created if missing)")
    cmd.add_argument(
        "--format",
        choices=("json", "csv", "datapackage", "geojson", "sqlite"),
        default="json",
        help="json (default), csv, datapackage, geojson, sqlite (with Datasette metadata)",
    )
    cmd = _command(
        commands,
        "schema",
        _schema,
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
    plots = plot.add_subparsers(dest="plot", metavar="WHAT", parser_class=_Parser, required=True)
    cmd = _command(
        plots,
        "trade",
        _plot_trade,
        "trade scenarios against the target",
        "kzpk plot trade trade.png",
        formats=(),
    )
    cmd.add_argument("out", type=_path, help="the image to write (.png, .svg or .pdf)")
    cmd = _command(
        plots,
        "route",
        _plot_route,
        "the network with the best route highlighted",
        "kzpk plot route Almaty Karachi route.png",
        formats=(),
    )
    cmd.add_argument("origin", help="place, alias, or country code")
    cmd.add_argument("destination", help="place, alias, or country code")
    cmd.add_argument("out", type=_path, help="the image to write (.png, .svg or .pdf)")
    cmd = _command(
        commands,
        "validate",
        _validate,
        "check a dataset directory, list problems",
        "kzpk validate ./my-data",
        formats=(),
    )
    cmd.add_argument("directory", type=_path, help="a directory of dataset JSON files")


def _parser() -> _Parser:
    parser = _Parser(
        prog="kzpk",
        description="The Kazakhstan–Pakistan strategic partnership "
        "(February 2026) as typed, cited data.",
        epilog="`kzpk COMMAND --help` describes each command.",
    )
    parser.add_argument("--version", action="version", version=f"kzpk {kzpk.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _command(commands, "summary", _summary, "what the dataset holds", "kzpk summary", formats=())
    cmd = _command(
        commands,
        "agreements",
        _agreements,
        "agreements, filtered",
        "kzpk agreements --sector energy",
    )
    cmd.add_argument("--sector", help="sector id, name or alias (sub-sectors included)")
    cmd.add_argument("--kind", help="declaration, agreement, memorandum, sister-city, …")
    cmd.add_argument("--party", help="a country, organisation or city")
    cmd.add_argument("--text", help="words in the title or description")
    _command(commands, "sectors", _sectors, "the sector taxonomy", "kzpk sectors")
    _trade_commands(commands)
    cmd = _command(
        commands,
        "route",
        _route,
        "routes over the corridor network",
        "kzpk route Almaty Karachi --avoid AF",
        formats=(*_FORMATS, "geojson"),
    )
    _route_arguments(cmd)
    _command(commands, "conflicts", _conflicts, "where sources disagree", "kzpk conflicts")
    _command(commands, "sources", _sources, "sources and what they support", "kzpk sources")
    _command(commands, "timeline", _timeline, "events in order", "kzpk timeline")
    cmd = _command(
        commands,
        "commitments",
        _commitments,
        "commitments and their state",
        "kzpk commitments --as-of 2027-01-01",
    )
    cmd.add_argument("--as-of", type=_date, help="judge on this day (default today)")
    _file_commands(commands)
    _add_name_commands(commands)
    return parser


def _label(record: kzpk.Record) -> str:
    """A record's own name, title or question, or its id."""
    for attribute in ("name", "title", "question", "statement", "text"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return record.id


def _other_names(dataset: kzpk.Dataset, record_id: str) -> str:
    """``Алматы (kk), Alma-Ata (en, historical)``: a record's names from names.json."""
    plain = (kzpk.NameKind.OFFICIAL, kzpk.NameKind.COMMON)
    return ", ".join(
        f"{n.text} ({n.language})" if n.kind in plain else f"{n.text} ({n.language}, {n.kind})"
        for n in dataset.names
        if n.record == record_id
    )


def _search(arguments: argparse.Namespace) -> None:
    found = kzpk.load().search(arguments.query, arguments.kind, limit=arguments.limit)
    rows = (
        {"rank": i, "id": r.id, "kind": type(r).__name__.lower(), "name": _label(r)}
        for i, r in enumerate(found, 1)
    )
    _emit(arguments, ("rank", "id", "kind", "name"), rows, found)


def _cite(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    record = dataset.lookup(arguments.record)
    print(f"{record.id}: {_label(record)}")
    print(kzpk.cite(record))
    for found in (n for n in dataset.names if n.record == record.id):
        print(f"  {found.text} ({found.language}, {found.kind.value}): {kzpk.cite(found)}")


def _people(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    found = dataset.people
    rows = (
        {
            "id": p.id,
            "name": p.name,
            "country": p.country,
            "roles": "; ".join(dict.fromkeys(r.title for r in p.roles)),
            "names": _other_names(dataset, p.id),
        }
        for p in found
    )
    _emit(arguments, ("id", "name", "country", "roles", "names"), rows, found)


def _facts(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    subject = None if arguments.subject is None else dataset.lookup(arguments.subject).id
    found = tuple(
        f
        for f in dataset.facts
        if (arguments.topic is None or f.topic.value == arguments.topic)
        and (subject is None or subject in f.subjects)
    )
    rows = ({"id": f.id, "topic": f.topic, "when": f.when, "statement": f.statement} for f in found)
    _emit(arguments, ("id", "topic", "when", "statement"), rows, found)


def _add_name_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """search, cite, people, facts: records by any name, in any script."""
    cmd = _command(
        commands,
        "search",
        _search,
        "records named like a query, in any script",
        "kzpk search Алматы --kind place",
    )
    cmd.add_argument("query", help="a name, alias or id in any script (Алматы, کراچی, Chimkent)")
    cmd.add_argument("--kind", help="place, person, country, organisation, source, …")
    cmd.add_argument("--limit", type=int, default=10, help="at most N results (default 10)")
    cmd = _command(
        commands,
        "cite",
        _cite,
        "where a record and its names come from",
        "kzpk cite Karachi",
        formats=(),
    )
    cmd.add_argument("record", help="an id or any name of the record")
    _command(commands, "people", _people, "people, their roles and names", "kzpk people")
    cmd = _command(
        commands, "facts", _facts, "stated facts, filtered", "kzpk facts --subject Тоқаев"
    )
    cmd.add_argument("--topic", choices=[t.value for t in kzpk.FactTopic], help="one topic")
    cmd.add_argument("--subject", help="a record the fact concerns (id or any name)")


def _route_arguments(cmd: argparse.ArgumentParser) -> None:
    """The arguments of ``kzpk route``."""
    cmd.add_argument("origin", help="place, alias, or country code")
    cmd.add_argument("destination", help="place, alias, or country code")
    cmd.add_argument("--via", action="append", help="waypoint (repeatable)")
    cmd.add_argument("--avoid", action="append", help="country to avoid (repeatable)")
    cmd.add_argument(
        "--avoid-crossing", action="append", help="border crossing to avoid (repeatable)"
    )
    cmd.add_argument("--mode", action="append", help="rail, road, sea, air, pipeline (repeatable)")
    cmd.add_argument(
        "--profile",
        choices=("freight", "passenger"),
        default="freight",
        help="freight (default: rail, road, sea) or passenger (air too)",
    )
    cmd.add_argument(
        "--on", type=_date, help="the day (YYYY-MM-DD; default the as-of day or today)"
    )
    cmd.add_argument(
        "--include-planned",
        action="store_true",
        help="also planned and under-construction links",
    )
    cmd.add_argument("--status", action="append", help="link statuses to use (repeatable)")
    cmd.add_argument("--optimize", choices=("distance", "time"), default="distance")
    cmd.add_argument(
        "--alternatives",
        type=_integer(1, kzpk.MAX_ALTERNATIVES, "alternatives"),
        default=3,
        help=f"up to N routes, 1 to {kzpk.MAX_ALTERNATIVES} (default 3)",
    )


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor (tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], None] | None = getattr(arguments, "run", None)
    if run is None:
        parser.print_usage(sys.stderr)
        print("kzpk: error: a command is required (kzpk --help lists them)", file=sys.stderr)
        return 2
    try:
        run(arguments)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return _BROKEN_PIPE
    except kzpk.DatasetError as error:
        count = len(error.problems)
        print(
            f"kzpk: error: invalid dataset ({count} problem{'s' * (count != 1)}):", file=sys.stderr
        )
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except kzpk.KzpkError as error:
        message = _speak_flags(str(error).splitlines()[0] if str(error) else type(error).__name__)
        print(f"kzpk: error: {message}", file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - a bug: show it whole and ask for a report
        traceback.print_exc()
        print(
            f"kzpk: internal error in kzpk {kzpk.__version__}: this is a bug, not your input; "
            "please report it to the kzpk developers with the command and the traceback above",
            file=sys.stderr,
        )
        return 1
    return 0
