"""Agreements by sector, kind, party, date and words; the sector taxonomy; summaries.

Lookups are answered from indexes built once per dataset (on first use), not by
scanning. Results are tuples in a stable order: by signing date (undated last), then
title, then id. A sector query also finds the documents tagged only with a broader area
that covers the sector (the declaration's "education and information technology" for
"education"); they follow the others, and :func:`agreement_matches` marks them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from kzpk._deprecation import warn_renamed
from kzpk._spelling import choose, normalise
from kzpk.dataset._dataset import Dataset, load
from kzpk.dataset._derived import Derived
from kzpk.exceptions import InvalidInputError
from kzpk.model import Agreement, AgreementKind, DocumentCount, Period, Sector
from kzpk.model._base import RecordBase
from kzpk.names._resolve import resolver

_KIND_ALIASES: Mapping[AgreementKind, tuple[str, ...]] = {
    AgreementKind.DECLARATION: ("joint declaration", "declarations"),
    AgreementKind.AGREEMENT: ("agreements", "pact", "pacts", "accord", "treaty"),
    AgreementKind.MEMORANDUM: (
        "memoranda",
        "memorandums",
        "mou",
        "mous",
        "memorandum of understanding",
    ),
    AgreementKind.ACTION_PLAN: ("action plan", "plan", "action plans"),
    AgreementKind.ROADMAP: ("road map", "roadmaps"),
    AgreementKind.PLATFORM: ("platforms", "investment platform"),
    AgreementKind.SISTER_CITY: ("sister city", "sister cities", "twinning", "twin cities"),
}


@attrs.frozen(repr=False, eq=False)
class SectorNode(RecordBase):
    """A sector with its sub-sectors, as a tree.

    Attributes:
        sector: The sector.
        children: Its sub-sectors, in dataset order.
    """

    sector: Sector
    children: tuple[SectorNode, ...]

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Sector]]:
        """Yield ``(depth, sector)`` for this node and every node below it, depth first."""
        yield depth, self.sector
        for child in self.children:
            yield from child.walk(depth + 1)


@attrs.frozen(repr=False, eq=False)
class SectorSummary(RecordBase):
    """What is known of one sector's documents.

    Attributes:
        sector: The sector.
        depth: Its depth in the taxonomy (0 for a priority area).
        identified: Ids of the documents the dataset identifies in it or its sub-sectors.
        reported: The sources' counts that name this sector or a sub-sector.
    """

    sector: Sector
    depth: int
    identified: tuple[str, ...]
    reported: tuple[DocumentCount, ...]


@attrs.frozen(repr=False, eq=False)
class AgreementSummary(RecordBase):
    """Documents identified individually beside the totals sources report.

    Attributes:
        identified: How many documents the dataset identifies individually.
        reported: Every count a source gives.
        sectors: One row per sector, in taxonomy order.
    """

    identified: int
    reported: tuple[DocumentCount, ...]
    sectors: tuple[SectorSummary, ...]

    def __str__(self) -> str:
        """An aligned table for a terminal."""
        lines = [f"{self.identified} documents identified individually; sources report:"]
        lines += [
            f"  {_count_text(c)}  ({', '.join(x.source for x in c.citations)})"
            for c in self.reported
        ]
        width = max((len(s.sector.name) + 2 * s.depth for s in self.sectors), default=0)
        lines.append(f"{'sector':<{width}}  identified  reported")
        for row in self.sectors:
            label = "  " * row.depth + row.sector.name
            counts = ", ".join(_count_with_sources(c) for c in row.reported) or "-"
            lines.append(f"{label:<{width}}  {len(row.identified):>10}  {counts}")
        return "\n".join(lines)


@attrs.frozen(repr=False, eq=False)
class AgreementMatch(RecordBase):
    """An agreement found by a sector query, and how it matched.

    Attributes:
        agreement: The agreement.
        tagged: The id of the sector it is tagged with that made it match.
        broader: Whether that sector is a broader area above the one asked for (the
            document covers the whole area, not necessarily this sector).
    """

    agreement: Agreement
    tagged: str
    broader: bool


def _count_with_sources(count: DocumentCount) -> str:
    sources = ", ".join(c.source for c in count.citations)
    return f"{'over ' if count.at_least else ''}{count.count} ({sources})"


def _count_text(count: DocumentCount) -> str:
    return f"{'over ' if count.at_least else ''}{count.count} {count.scope}".rstrip()


def _order(agreement: Agreement) -> tuple[bool, dt.date, str, str]:
    return (
        agreement.signed is None,
        agreement.signed or dt.date.min,
        agreement.title,
        agreement.id,
    )


@attrs.frozen(repr=False, eq=False)
class _Index(RecordBase):
    roots: tuple[SectorNode, ...]
    by_sector: Mapping[str, tuple[Agreement, ...]]
    by_sector_deep: Mapping[str, tuple[Agreement, ...]]
    below: Mapping[str, frozenset[str]]
    above: Mapping[str, tuple[str, ...]]
    ordered: tuple[Agreement, ...]


def _index(dataset: Dataset) -> _Index:
    """The sector tree and agreements by sector, built once per dataset."""
    return dataset.derived(_INDEX)


def _build_index(dataset: Dataset) -> _Index:
    children: dict[str | None, list[Sector]] = {}
    for item in dataset.sectors:
        children.setdefault(item.parent, []).append(item)

    def node(item: Sector) -> SectorNode:
        return SectorNode(item, tuple(node(c) for c in children.get(item.id, ())))

    roots = tuple(node(s) for s in children.get(None, ()))
    ordered = tuple(sorted(dataset.agreements, key=_order))
    direct: dict[str, list[Agreement]] = {s.id: [] for s in dataset.sectors}
    for agreement in ordered:
        for sector_id in dict.fromkeys(agreement.sectors):
            direct[sector_id].append(agreement)
    below = {n.sector.id: frozenset(s.id for _, s in n.walk()) for r in roots for n in _nodes(r)}
    deep: dict[str, tuple[Agreement, ...]] = {}
    for sector_id, ids in below.items():
        found = {a.id for sid in ids for a in direct[sid]}
        deep[sector_id] = tuple(a for a in ordered if a.id in found)
    parents = {s.id: s.parent for s in dataset.sectors}
    above: dict[str, tuple[str, ...]] = {}
    for sector_id, parent in parents.items():
        chain: list[str] = []
        current = parent
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        above[sector_id] = tuple(chain)
    return _Index(
        roots=roots,
        by_sector=MappingProxyType({k: tuple(v) for k, v in direct.items()}),
        by_sector_deep=MappingProxyType(deep),
        below=MappingProxyType(below),
        above=MappingProxyType(above),
        ordered=ordered,
    )


#: The kinds of record an agreement's party may be.
_PARTY_KINDS: Final = ("countries", "organisations", "places", "people")
#: Other ways to name each kind of document ("MoU"), for the ``kind`` filter.
_KIND_NAMES: Final = {alias: kind for kind, names in _KIND_ALIASES.items() for alias in names}


def _words(dataset: Dataset) -> Mapping[str, frozenset[str]]:
    """Each agreement's normalised title and description words (built once per dataset)."""
    return dataset.derived(_WORDS)


def _build_words(dataset: Dataset) -> Mapping[str, frozenset[str]]:
    return MappingProxyType(
        {
            a.id: frozenset(normalise(f"{a.title} {a.description or ''}").split())
            for a in dataset.agreements
        }
    )


_INDEX: Final = Derived("kzpk.accords.index", _build_index)
_WORDS: Final = Derived("kzpk.accords.words", _build_words)


def _nodes(root: SectorNode) -> Iterator[SectorNode]:
    yield root
    for child in root.children:
        yield from _nodes(child)


def _sector_id(dataset: Dataset, value: Sector | str) -> str:
    if isinstance(value, Sector):
        value = value.id
    if not isinstance(value, str):
        raise TypeError(f"sector must be a Sector or a name, not {type(value).__name__}")
    return resolver(dataset, "sectors").resolve(value, option="sector")


def sector(name: Sector | str, *, dataset: Dataset | None = None) -> Sector:
    """Return the sector *name* stands for: id, name or alias, any case or accents.

    Raises:
        NotFoundError: No sector has that name; the message lists the closest.
    """
    data = dataset if dataset is not None else load()
    found = data.lookup(_sector_id(data, name))
    assert isinstance(found, Sector)  # noqa: S101 - the sector index holds sector ids only
    return found


def sector_tree(*, dataset: Dataset | None = None) -> tuple[SectorNode, ...]:
    """Return the sector taxonomy: one tree per priority area of the partnership."""
    data = dataset if dataset is not None else load()
    return _index(data).roots


def sectors(*, dataset: Dataset | None = None) -> tuple[SectorNode, ...]:
    """Deprecated name of :func:`sector_tree` (``Dataset.sectors`` is the flat tuple)."""
    warn_renamed("sectors", "sector_tree")
    return sector_tree(dataset=dataset)


_PAIR = 2


def _signed_in(agreement: Agreement, start: dt.date, end: dt.date) -> bool:
    """Whether the agreement is known to have been signed between *start* and *end*."""
    if agreement.signed is not None:
        return start <= agreement.signed <= end
    window = agreement.signed_within
    return (
        window is not None and window.end is not None and start <= window.start <= window.end <= end
    )


def _sector_matches(
    index: _Index, sector_id: str, *, include_subsectors: bool, include_broader: bool
) -> tuple[AgreementMatch, ...]:
    wanted = index.below[sector_id] if include_subsectors else frozenset({sector_id})
    found = index.by_sector_deep[sector_id] if include_subsectors else index.by_sector[sector_id]
    matches = [
        AgreementMatch(a, next(s for s in a.sectors if s in wanted), broader=False) for a in found
    ]
    if include_broader:
        seen = {a.id for a in found}
        for area in index.above[sector_id]:
            for agreement in index.by_sector[area]:
                if agreement.id not in seen:
                    seen.add(agreement.id)
                    matches.append(AgreementMatch(agreement, area, broader=True))
    return tuple(matches)


def agreement_matches(
    sector: Sector | str,
    *,
    include_subsectors: bool = True,
    include_broader: bool = True,
    dataset: Dataset | None = None,
) -> tuple[AgreementMatch, ...]:
    """Return the agreements a sector query finds, each marked with how it matched.

    Documents tagged with the sector (or, by default, a sub-sector) come first; then,
    by default, those tagged only with a broader area above it, marked ``broader``.

    Raises:
        NotFoundError: An unknown sector; the message lists the closest.
    """
    data = dataset if dataset is not None else load()
    index = _index(data)
    return _sector_matches(
        index,
        _sector_id(data, sector),
        include_subsectors=include_subsectors,
        include_broader=include_broader,
    )


def _date_range(signed: object) -> tuple[dt.date, dt.date]:
    if isinstance(signed, Period):
        return signed.start, signed.end or dt.date.max
    if isinstance(signed, dt.date):
        day = signed.date() if isinstance(signed, dt.datetime) else signed
        return day, day
    if (
        isinstance(signed, tuple)
        and len(signed) == _PAIR
        and all(isinstance(d, dt.date) for d in signed)
    ):
        start, end = signed
        if end < start:
            raise InvalidInputError(
                f"{{option}} range ends ({end}) before it starts ({start})",
                option="signed",
                value=signed,
            )
        return start, end
    raise TypeError("signed must be a date, a (start, end) pair of dates, or a Period")


def agreements(
    sector: Sector | str | None = None,
    *,
    kind: AgreementKind | str | None = None,
    party: str | None = None,
    signed: dt.date | tuple[dt.date, dt.date] | Period | None = None,
    text: str | None = None,
    include_subsectors: bool = True,
    include_broader: bool = True,
    dataset: Dataset | None = None,
) -> tuple[Agreement, ...]:
    """Return the agreements that match every filter given, in the module's stable order.

    Args:
        sector: A :class:`Sector`, or its id, name or any alias ("oil", "IT", "defense").
        kind: An :class:`AgreementKind` or its name ("memorandum", "MoU", "sister city").
        party: A country, organisation, place or person, by id, name or alias.
        signed: A day, a ``(start, end)`` pair (inclusive) or a :class:`Period`. An
            agreement matches when its signing day, or the whole stretch its sources
            place the signing in (``signed_within``), lies in the range; undated
            agreements never match a date filter.
        text: Words that must all occur, as whole words, in the title or description.
        include_subsectors: Whether a sector also matches its sub-sectors (default yes).
        include_broader: Whether a sector also finds documents tagged only with a broader
            area above it (default yes); they follow the others (see
            :func:`agreement_matches`).
        dataset: The dataset; default :func:`kzpk.load`.

    Raises:
        NotFoundError: An unknown sector, kind or party; the message lists the closest.
        InvalidInputError: A date range that ends before it starts.
        TypeError: A filter of the wrong type.
    """
    data = dataset if dataset is not None else load()
    index = _index(data)
    found = index.ordered
    if sector is not None:
        found = tuple(
            m.agreement
            for m in _sector_matches(
                index,
                _sector_id(data, sector),
                include_subsectors=include_subsectors,
                include_broader=include_broader,
            )
        )
    if kind is not None:
        wanted_kind = choose(AgreementKind, kind, "kind", aliases=_KIND_NAMES)
        found = tuple(a for a in found if a.kind is wanted_kind)
    if party is not None:
        parties = resolver(data, *_PARTY_KINDS, what="party")
        party_id = parties.resolve(party, option="party")
        found = tuple(a for a in found if party_id in a.parties)
    if signed is not None:
        start, end = _date_range(signed)
        found = tuple(a for a in found if _signed_in(a, start, end))
    if text is not None:
        words = set(normalise(text).split())
        if not words:
            raise InvalidInputError(
                f"{{option}} {text!r} has no words to look for", option="text", value=text
            )
        words_of = _words(data)
        found = tuple(a for a in found if words <= words_of[a.id])
    return found


def agreement_summary(*, dataset: Dataset | None = None) -> AgreementSummary:
    """Per sector, the documents identified individually beside the counts sources report."""
    data = dataset if dataset is not None else load()
    index = _index(data)
    rows = []
    for root in index.roots:
        for depth, item in root.walk():
            reported = tuple(
                c for c in data.document_counts if index.below[item.id] & set(c.sectors)
            )
            identified = tuple(a.id for a in index.by_sector_deep[item.id])
            rows.append(SectorSummary(item, depth, identified, reported))
    return AgreementSummary(len(data.agreements), data.document_counts, tuple(rows))
