"""The ``kzpk`` command line: parses arguments, calls the public API, formats what it returns.

Errors from bad input print one line on stderr and exit with status 2; no tracebacks.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import kzpk

Rows = list[dict[str, object]]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _date_or_year(text: str) -> dt.date | int:
    return int(text) if text.isdigit() and len(text) == 4 else _date(text)  # noqa: PLR2004


def _table(rows: Rows) -> str:
    if not rows:
        return "(nothing)"
    columns = list(rows[0])
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _emit(arguments: argparse.Namespace, rows: Rows, results: object) -> None:
    """Print *rows* as a table or CSV, or *results* as JSON, per ``--format``."""
    if arguments.format == "json":
        print(kzpk.to_json(results))
    elif arguments.format == "csv":
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(out.getvalue(), end="")
    else:
        print(_table(rows))


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
        "trade_figures",
        "corridors",
        "links",
        "events",
        "commitments",
        "claims",
    ):
        print(f"  {name:<14}{len(getattr(dataset, name)):>5}")


def _agreements(arguments: argparse.Namespace) -> None:
    found = kzpk.agreements(
        arguments.sector, kind=arguments.kind, party=arguments.party, text=arguments.text
    )
    rows: Rows = [
        {
            "id": a.id,
            "kind": a.kind.value,
            "signed": a.signed or "",
            "sectors": " ".join(a.sectors),
            "title": a.title,
        }
        for a in found
    ]
    _emit(arguments, rows, found)


def _sectors(arguments: argparse.Namespace) -> None:
    trees = kzpk.sectors()
    rows: Rows = [
        {
            "sector": "  " * depth + s.name,
            "id": s.id,
            "aliases": ", ".join(s.aliases),
            "agreements": len(kzpk.agreements(s)),
        }
        for tree in trees
        for depth, s in tree.walk()
    ]
    _emit(arguments, rows, tuple(s for tree in trees for _, s in tree.walk()))


def _gap_row(gap: kzpk.TradeGap) -> dict[str, object]:
    return {
        "current": kzpk.format_usd(gap.current),
        "target": kzpk.format_usd(gap.target),
        "years": f"{gap.years:.2f}",
        "cagr": f"{gap.cagr:.1%}",
        "horizon": gap.horizon,
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
        _emit(arguments, [_gap_row(gap)], gap)


def _scenarios(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_scenarios(baseline=arguments.baseline)
    _emit(arguments, [_gap_row(g) for g in found], found)


def _route(arguments: argparse.Namespace) -> None:
    routes = kzpk.build_route(
        arguments.origin,
        arguments.destination,
        via=arguments.via or (),
        avoid_countries=arguments.avoid or (),
        modes=arguments.mode,
        include_planned=not arguments.operational_only,
        optimize=arguments.optimize,
        alternatives=arguments.alternatives,
    )
    if arguments.format == "geojson":
        print(json.dumps(routes[0].to_geojson(), indent=2))
    elif arguments.format == "table":
        print("\n\n".join(str(r) for r in routes))
    else:
        rows: Rows = [
            {
                "rank": i,
                "km": f"{r.distance_km:.0f}",
                "hours": f"{r.hours:.0f}",
                "countries": "-".join(r.countries),
                "operational": r.is_operational,
                "via": " ".join(p.id for p in r.places),
            }
            for i, r in enumerate(routes, 1)
        ]
        _emit(arguments, rows, routes)


def _conflicts(arguments: argparse.Namespace) -> None:
    found = kzpk.conflicts()
    rows: Rows = [
        {
            "question": c.question,
            "answer": v.value,
            "sources": ", ".join(sorted({x.source for x in v.citations})),
        }
        for c in found
        for v in c.variants
    ]
    _emit(arguments, rows, found)


def _sources(arguments: argparse.Namespace) -> None:
    found = kzpk.sources()
    rows: Rows = [
        {
            "id": u.source.id,
            "kind": u.source.kind.value,
            "outlet": u.source.outlet or "",
            "published": u.source.published or "",
            "records": len(u.records),
        }
        for u in found
    ]
    _emit(arguments, rows, found)


def _timeline(arguments: argparse.Namespace) -> None:
    found = kzpk.timeline()
    rows: Rows = [
        {"when": e.when, "kind": e.kind.value, "place": e.place or "", "title": e.title}
        for e in found
    ]
    _emit(arguments, rows, found)


def _commitments(arguments: argparse.Namespace) -> None:
    found = kzpk.commitments(arguments.as_of)
    rows: Rows = [
        {"state": v.state.value, "due": v.commitment.due or "", "title": v.commitment.title}
        for v in found
    ]
    _emit(arguments, rows, found)


def _trade_figures(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_figures(arguments.reporter, arguments.flow, arguments.year)
    rows: Rows = [
        {
            "id": f.id,
            "reporter": f.reporter,
            "flow": f.flow.value,
            "period": f"{f.period.start}..{f.period.end or ''}",
            "value": kzpk.format_usd(f.value),
            "basis": f.basis.value,
            "partial": f.partial,
        }
        for f in found
    ]
    _emit(arguments, rows, found)


def _mirror(arguments: argparse.Namespace) -> None:
    found = kzpk.mirror(arguments.year)

    def value(figure: kzpk.TradeFigure | None) -> str:
        return "-" if figure is None else kzpk.format_usd(figure.value)

    rows: Rows = [
        {
            "flow": f"{p.exporter}->{p.importer}",
            "exporter says": value(p.as_exported),
            "importer says": value(p.as_imported),
            "difference": "-" if p.relative is None else f"{p.relative:+.0%}",
            "same period": p.same_period,
        }
        for p in found
    ]
    _emit(arguments, rows, found)


def _validate(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load(arguments.directory)
    print(f"{arguments.directory}: valid ({sum(1 for _ in dataset.records())} records)")


def _export(arguments: argparse.Namespace) -> None:
    paths = kzpk.export(arguments.directory, arguments.format)
    print(f"wrote {len(paths)} file(s) to {arguments.directory} ({arguments.format})")


def _schema(arguments: argparse.Namespace) -> None:
    print(json.dumps(kzpk.json_schema(arguments.file), indent=2))


def _plot(arguments: argparse.Namespace) -> None:
    if arguments.what == "trade":
        if len(arguments.places) != 1:
            raise kzpk.InvalidInputError("usage: kzpk plot trade OUT.png")
        print(kzpk.plot_trade(arguments.places[0]))
        return
    if len(arguments.places) != 3:  # noqa: PLR2004 - FROM TO OUT
        raise kzpk.InvalidInputError("usage: kzpk plot route FROM TO OUT.png")
    origin, destination, out = arguments.places
    print(kzpk.plot_network(out, kzpk.build_route(origin, destination, alternatives=1)[0]))


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
    rows: Rows = [
        {"rank": i, "id": r.id, "kind": type(r).__name__.lower(), "name": _label(r)}
        for i, r in enumerate(found, 1)
    ]
    _emit(arguments, rows, found)


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
    rows: Rows = [
        {
            "id": p.id,
            "name": p.name,
            "country": p.country,
            "roles": "; ".join(dict.fromkeys(r.title for r in p.roles)),
            "names": _other_names(dataset, p.id),
        }
        for p in found
    ]
    _emit(arguments, rows, found)


def _facts(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    subject = None if arguments.subject is None else dataset.lookup(arguments.subject).id
    found = tuple(
        f
        for f in dataset.facts
        if (arguments.topic is None or f.topic.value == arguments.topic)
        and (subject is None or subject in f.subjects)
    )
    rows: Rows = [
        {"id": f.id, "topic": f.topic.value, "when": f.when or "", "statement": f.statement}
        for f in found
    ]
    _emit(arguments, rows, found)


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


_FORMATS = ("table", "json", "csv")


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    run: Callable[..., None],
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
            help="output format (default %(default)s)",
        )
    return parser


def _parser() -> _Parser:
    parser = _Parser(
        prog="kzpk",
        description="The Kazakhstan–Pakistan strategic partnership "
        "(February 2026) as typed, cited data.",
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
    cmd = _command(
        commands,
        "trade-gap",
        _trade_gap,
        "the gap to the trade target",
        "kzpk trade-gap --current 250m --years 2",
    )
    cmd.add_argument("--current", help="current trade, e.g. 250m (default: the dataset's)")
    cmd.add_argument("--target", help="target, e.g. 1bn (default: the dataset's)")
    horizon = cmd.add_mutually_exclusive_group()
    horizon.add_argument("--years", type=float, help="horizon in years")
    horizon.add_argument("--by", type=_date_or_year, help="due date or year")
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help="trade figure id")
    cmd = _command(
        commands, "scenarios", _scenarios, "one trade gap per stated horizon", "kzpk scenarios"
    )
    cmd.add_argument("--baseline", default="trade-level-sharif-2026", help="trade figure id")
    cmd = _command(
        commands,
        "route",
        _route,
        "routes over the corridor network",
        "kzpk route Almaty Karachi --avoid AF",
        formats=(*_FORMATS, "geojson"),
    )
    cmd.add_argument("origin", help="place, alias, or country code")
    cmd.add_argument("destination", help="place, alias, or country code")
    cmd.add_argument("--via", action="append", help="waypoint (repeatable)")
    cmd.add_argument("--avoid", action="append", help="country to avoid (repeatable)")
    cmd.add_argument("--mode", action="append", help="rail, road, sea, air, pipeline")
    cmd.add_argument("--operational-only", action="store_true", help="operational links only")
    cmd.add_argument("--optimize", choices=("distance", "time"), default="distance")
    cmd.add_argument("--alternatives", type=int, default=3, help="up to N routes (default 3)")
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
    cmd = _command(
        commands,
        "trade-figures",
        _trade_figures,
        "official and stated trade figures",
        "kzpk trade-figures --reporter PK --flow exports",
    )
    cmd.add_argument("--reporter", help="KZ or PK")
    cmd.add_argument("--flow", help="turnover, exports or imports")
    cmd.add_argument("--year", type=int, help="the year the period ends in")
    cmd = _command(
        commands, "mirror", _mirror, "both reporters' figures side by side", "kzpk mirror 2024"
    )
    cmd.add_argument("year", type=int)
    cmd = _command(
        commands,
        "export",
        _export,
        "write the dataset for other tools",
        "kzpk export ./out --format datapackage",
        formats=(),
    )
    cmd.add_argument("directory")
    cmd.add_argument(
        "--format",
        choices=("json", "csv", "datapackage", "geojson", "sqlite"),
        default="json",
        help="json (default), csv, datapackage, geojson, sqlite",
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
    cmd = _command(
        commands,
        "plot",
        _plot,
        "draw trade scenarios or a route (kzpk[plot])",
        "kzpk plot route Almaty Karachi route.png",
        formats=(),
    )
    cmd.add_argument("what", choices=("trade", "route"))
    cmd.add_argument("places", nargs="+", metavar="ARG", help="OUT, or FROM TO OUT for a route")
    cmd = _command(
        commands,
        "validate",
        _validate,
        "check a dataset directory, list problems",
        "kzpk validate ./my-data",
        formats=(),
    )
    cmd.add_argument("directory")
    _add_name_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    arguments = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], None] = getattr(arguments, "run", _summary)
    try:
        run(arguments)
    except kzpk.DatasetError as error:
        print(f"kzpk: error: {error}", file=sys.stderr)  # every problem, one per line
        return 2
    except (kzpk.KzpkError, TypeError) as error:
        print(f"kzpk: error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    return 0
