"""What each command does: call the public API, hand the result to the output formats."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import kzpk
from kzpk.cli._output import Column, emit, error_share, one_place, percent, usd, whole


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
    columns: tuple[Column[kzpk.Agreement], ...] = (
        Column("id", lambda a: a.id),
        Column("kind", lambda a: a.kind),
        Column("signed", lambda a: a.signed),
        Column("sectors", lambda a: a.sectors),
        Column("value_usd", lambda a: a.value, usd),
        Column("title", lambda a: a.title),
    )
    emit(arguments, columns, found, found)


def sectors(arguments: argparse.Namespace) -> None:
    trees = kzpk.sector_tree()
    walked = [(depth, s) for tree in trees for depth, s in tree.walk()]
    indented = arguments.format == "table"  # a table shows the tree by indenting names
    columns: tuple[Column[tuple[int, kzpk.Sector]], ...] = (
        Column("id", lambda w: w[1].id),
        Column("name", lambda w: "  " * w[0] * indented + w[1].name),
        Column("parent", lambda w: w[1].parent),
        Column("depth", lambda w: w[0]),
        Column("aliases", lambda w: w[1].aliases, ", ".join),
        Column("agreements", lambda w: len(kzpk.agreements(w[1]))),
    )
    emit(arguments, columns, walked, tuple(s for _, s in walked))


_GAP_COLUMNS: Final[tuple[Column[kzpk.TradeGap], ...]] = (
    Column("current_usd", lambda g: g.current, usd),
    Column("target_usd", lambda g: g.target, usd),
    Column("gap_usd", lambda g: g.gap, usd),
    Column("years", lambda g: g.years, lambda years: f"{years:.2f}"),
    Column("cagr", lambda g: g.cagr, percent),
    Column("base_date", lambda g: g.base_date),
    Column("horizon", lambda g: str(g.horizon)),
)


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
        emit(arguments, _GAP_COLUMNS, [gap], gap)


def scenarios(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_scenarios(baseline=arguments.baseline)
    emit(arguments, _GAP_COLUMNS, found, found)


def _question(arguments: argparse.Namespace) -> dict[str, Any]:
    """The route question the command line asks, as :func:`kzpk.build_route`'s options."""
    options: dict[str, Any] = {
        "via": arguments.via or (),
        "avoid_countries": arguments.avoid_countries or (),
        "avoid_crossings": arguments.avoid_crossings or (),
        "modes": arguments.modes,
        "profile": arguments.profile,
        "include_planned": arguments.include_planned,
        "statuses": arguments.statuses,
        "crew": arguments.crew,
    }
    on = arguments.on
    if arguments.next_open:
        on = kzpk.next_open(arguments.origin, arguments.destination, after=on, **options)
    ranking = {
        name: getattr(arguments, name)
        for name in ("alternatives", "weight_factor", "share_factor")
        if hasattr(arguments, name)  # not for a plot, which draws the best route only
    }
    return {**options, **ranking, "on": on, "optimize": arguments.optimize}


def route(arguments: argparse.Namespace) -> None:
    routes = kzpk.build_route(arguments.origin, arguments.destination, **_question(arguments))
    if arguments.format == "geojson":
        print(json.dumps(kzpk.routes_geojson(routes), indent=2))
    elif arguments.format == "table":
        print("\n\n".join(str(r) for r in routes))
    else:
        columns: tuple[Column[tuple[int, kzpk.Route]], ...] = (
            Column("rank", lambda ranked: ranked[0]),
            Column("on", lambda ranked: ranked[1].on.isoformat()),
            Column("km", lambda ranked: ranked[1].distance_km),
            Column("hours", lambda ranked: ranked[1].hours),
            Column("days", lambda ranked: ranked[1].days),
            Column("countries", lambda ranked: "-".join(ranked[1].countries)),
            Column("crossings", lambda ranked: " ".join(c.place.id for c in ranked[1].crossings)),
            Column("operational", lambda ranked: ranked[1].is_operational),
            Column("via", lambda ranked: tuple(p.id for p in ranked[1].places)),
        )
        emit(arguments, columns, enumerate(routes, 1), routes)


def calibration(arguments: argparse.Namespace) -> None:
    rows = kzpk.calibration(crew=arguments.crew)
    columns: tuple[Column[kzpk.Calibration], ...] = (
        Column("trip", lambda row: row.trip.id),
        Column("modes", lambda row: "+".join(m.value for m in row.trip.modes)),
        Column("on", lambda row: row.on),
        Column("reported_days_min", lambda row: row.trip.days_min),
        Column("reported_days_max", lambda row: row.trip.days_max),
        Column("modelled_days", lambda row: row.modelled_days, one_place),
        Column("days_error", lambda row: row.days_error, error_share),
        Column("reported_km", lambda row: row.trip.km, whole),
        Column("modelled_km", lambda row: row.modelled_km, whole),
        Column("km_error", lambda row: row.km_error, error_share),
        Column("fit", lambda row: row.fit),
    )
    emit(arguments, columns, rows, rows)


def conflicts(arguments: argparse.Namespace) -> None:
    found = kzpk.conflicts()
    columns: tuple[Column[tuple[kzpk.Claim, kzpk.Variant]], ...] = (
        Column("claim", lambda cv: cv[0].id),
        Column("question", lambda cv: cv[0].question),
        Column("answer", lambda cv: cv[1].value),
        Column("sources", lambda cv: tuple(sorted({x.source for x in cv[1].citations})), ", ".join),
    )
    emit(arguments, columns, ((c, v) for c in found for v in c.variants), found)


def sources(arguments: argparse.Namespace) -> None:
    found = kzpk.sources_cited()
    columns: tuple[Column[kzpk.SourceUse], ...] = (
        Column("id", lambda u: u.source.id),
        Column("kind", lambda u: u.source.kind),
        Column("outlet", lambda u: u.source.outlet),
        Column("published", lambda u: u.source.published),
        Column("records", lambda u: len(u.records)),
    )
    emit(arguments, columns, found, found)


def timeline(arguments: argparse.Namespace) -> None:
    found = kzpk.timeline()
    columns: tuple[Column[kzpk.Event], ...] = (
        Column("start", lambda e: e.when.start),
        Column("end", lambda e: e.when.end),
        Column("kind", lambda e: e.kind),
        Column("place", lambda e: e.place),
        Column("title", lambda e: e.title),
    )
    emit(arguments, columns, found, found)


def commitments(arguments: argparse.Namespace) -> None:
    found = kzpk.commitment_states(arguments.as_of)
    columns: tuple[Column[kzpk.CommitmentView], ...] = (
        Column("id", lambda v: v.commitment.id),
        Column("state", lambda v: v.state),
        Column("due_start", lambda v: v.commitment.due.start if v.commitment.due else None),
        Column("due_end", lambda v: v.commitment.due.end if v.commitment.due else None),
        Column("latest_report", lambda v: v.latest_report),
        Column("title", lambda v: v.commitment.title),
    )
    emit(arguments, columns, found, found)


def trade_figures(arguments: argparse.Namespace) -> None:
    found = kzpk.trade_figures(arguments.reporter, arguments.flow, arguments.year)
    columns: tuple[Column[kzpk.TradeFigure], ...] = (
        Column("id", lambda f: f.id),
        Column("reporter", lambda f: f.reporter),
        Column("flow", lambda f: f.flow),
        Column("period_start", lambda f: f.period.start),
        Column("period_end", lambda f: f.period.end),
        Column("value_usd", lambda f: f.value, usd),
        Column("basis", lambda f: f.basis),
        Column("partial", lambda f: f.partial),
    )
    emit(arguments, columns, found, found)


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

    columns: tuple[Column[kzpk.MirrorPair], ...] = (
        Column("exporter", lambda p: p.exporter),
        Column("importer", lambda p: p.importer),
        Column("exporter_says_usd", lambda p: value(p.as_exported), usd),
        Column("importer_says_usd", lambda p: value(p.as_imported), usd),
        Column("difference_usd", lambda p: p.difference, usd),
        Column("relative", lambda p: p.relative, percent),
        Column("same_period", lambda p: p.same_period),
    )
    emit(arguments, columns, found, found)


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
    route = kzpk.build_route(
        arguments.origin, arguments.destination, alternatives=1, **_question(arguments)
    )[0]
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
    columns: tuple[Column[tuple[int, kzpk.Record]], ...] = (
        Column("rank", lambda ranked: ranked[0]),
        Column("id", lambda ranked: ranked[1].id),
        Column("kind", lambda ranked: type(ranked[1]).__name__.lower()),
        Column("name", lambda ranked: _label(ranked[1])),
    )
    emit(arguments, columns, enumerate(found, 1), found)


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
    columns: tuple[Column[kzpk.Person], ...] = (
        Column("id", lambda p: p.id),
        Column("name", lambda p: p.name),
        Column("country", lambda p: p.country),
        Column("roles", lambda p: "; ".join(dict.fromkeys(r.title for r in p.roles))),
        Column("names", lambda p: _other_names(dataset, p.id)),
    )
    emit(arguments, columns, found, found)


def facts(arguments: argparse.Namespace) -> None:
    dataset = kzpk.load()
    subject = None if arguments.subject is None else dataset.lookup(arguments.subject).id
    found = tuple(
        f
        for f in dataset.facts
        if (arguments.topic is None or f.topic.value == arguments.topic)
        and (subject is None or subject in f.subjects)
    )
    columns: tuple[Column[kzpk.Fact], ...] = (
        Column("id", lambda f: f.id),
        Column("topic", lambda f: f.topic),
        Column("when", lambda f: f.when),
        Column("statement", lambda f: f.statement),
    )
    emit(arguments, columns, found, found)
