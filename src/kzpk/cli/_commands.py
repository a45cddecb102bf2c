"""What each command does: call the public API, hand the result to the output formats."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import kzpk
from kzpk.cli._output import Row, Show, emit, percent, usd


def summary(_: argparse.Namespace) -> None:
    dataset = kzpk.load()
    print(
        f"kzpk {kzpk.__version__}: {dataset.info.title}, data {dataset.version} "
        f"(as of {dataset.info.as_of})"
    )
    for kind in kzpk.KINDS:
        print(f"  {kind.name:<16}{len(getattr(dataset, kind.name)):>5}")


def agreements(arguments: argparse.Namespace) -> None:
    found = kzpk.agreements(
        arguments.sector, kind=arguments.kind, party=arguments.party, text=arguments.text
    )
    rows = (
        {
            "id": a.id,
            "kind": a.kind,
            "signed": a.signed,
            "sectors": a.sectors,
            "value_usd": a.value,
            "title": a.title,
        }
        for a in found
    )
    columns = ("id", "kind", "signed", "sectors", "value_usd", "title")
    emit(arguments, columns, rows, found, {"value_usd": usd})


def sectors(arguments: argparse.Namespace) -> None:
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
    emit(
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
    "current_usd": usd,
    "target_usd": usd,
    "gap_usd": usd,
    "years": lambda years: f"{years:.2f}",
    "cagr": percent,
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


def trade_gap(arguments: argparse.Namespace) -> None:
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
        emit(arguments, _GAP_COLUMNS, [_gap_row(gap)], gap)


def scenarios(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_scenarios(baseline=arguments.baseline)
    emit(arguments, _GAP_COLUMNS, (_gap_row(g) for g in found), found, _GAP_SHOW)


def route(arguments: argparse.Namespace) -> None:
    routes = kzpk.build_route(
        arguments.origin,
        arguments.destination,
        via=arguments.via or (),
        avoid_countries=arguments.avoid_countries or (),
        avoid_crossings=arguments.avoid_crossings or (),
        modes=arguments.modes,
        profile=arguments.profile,
        on=arguments.on,
        include_planned=arguments.include_planned,
        statuses=arguments.statuses,
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
        emit(arguments, columns, rows, routes)


def conflicts(arguments: argparse.Namespace) -> None:
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
    emit(arguments, ("claim", "question", "answer", "sources"), rows, found, show)


def sources(arguments: argparse.Namespace) -> None:
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
    emit(arguments, ("id", "kind", "outlet", "published", "records"), rows, found)


def timeline(arguments: argparse.Namespace) -> None:
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
    emit(arguments, ("start", "end", "kind", "place", "title"), rows, found)


def commitments(arguments: argparse.Namespace) -> None:
    found = kzpk.commitment_states(arguments.as_of)
    rows = (
        {
            "id": v.commitment.id,
            "state": v.state,
            "due_start": v.commitment.due.start if v.commitment.due else None,
            "due_end": v.commitment.due.end if v.commitment.due else None,
            "latest_report": v.latest_report,
            "title": v.commitment.title,
        }
        for v in found
    )
    columns = ("id", "state", "due_start", "due_end", "latest_report", "title")
    emit(arguments, columns, rows, found)


def trade_figures(arguments: argparse.Namespace) -> None:
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
    emit(arguments, columns, rows, found, {"value_usd": usd})


def mirror(arguments: argparse.Namespace) -> None:
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
        "exporter_says_usd": usd,
        "importer_says_usd": usd,
        "difference_usd": usd,
        "relative": percent,
    }
    emit(arguments, columns, rows, found, show)


def validate(arguments: argparse.Namespace) -> None:
    directory: Path = arguments.directory
    if not directory.exists():
        raise kzpk.InvalidInputError(f"directory {directory} does not exist")
    if not directory.is_dir():
        raise kzpk.InvalidInputError(f"{directory} is a file, not a dataset directory")
    dataset = kzpk.validate(directory)
    print(f"{directory}: valid ({sum(1 for _ in dataset.records())} records)")


def export(arguments: argparse.Namespace) -> None:
    paths = kzpk.export(arguments.directory, arguments.format)
    print(f"wrote {len(paths)} file(s) to {arguments.directory} ({arguments.format})")


def schema(arguments: argparse.Namespace) -> None:
    print(json.dumps(kzpk.json_schema(arguments.file), indent=2))


def plot_trade(arguments: argparse.Namespace) -> None:
    print(kzpk.plot_trade(arguments.out))


def plot_route(arguments: argparse.Namespace) -> None:
    route = kzpk.build_route(arguments.origin, arguments.destination, alternatives=1)[0]
    print(kzpk.plot_network(arguments.out, route))


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


def search(arguments: argparse.Namespace) -> None:
    found = kzpk.load().search(arguments.query, arguments.kind, limit=arguments.limit)
    rows = (
        {"rank": i, "id": r.id, "kind": type(r).__name__.lower(), "name": _label(r)}
        for i, r in enumerate(found, 1)
    )
    emit(arguments, ("rank", "id", "kind", "name"), rows, found)


def cite(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    record = dataset.lookup(arguments.record)
    print(f"{record.id}: {_label(record)}")
    print(kzpk.cite(record))
    for found in (n for n in dataset.names if n.record == record.id):
        print(f"  {found.text} ({found.language}, {found.kind.value}): {kzpk.cite(found)}")


def people(arguments: argparse.Namespace) -> None:
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
    emit(arguments, ("id", "name", "country", "roles", "names"), rows, found)


def facts(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    subject = None if arguments.subject is None else dataset.lookup(arguments.subject).id
    found = tuple(
        f
        for f in dataset.facts
        if (arguments.topic is None or f.topic.value == arguments.topic)
        and (subject is None or subject in f.subjects)
    )
    rows = ({"id": f.id, "topic": f.topic, "when": f.when, "statement": f.statement} for f in found)
    emit(arguments, ("id", "topic", "when", "statement"), rows, found)
