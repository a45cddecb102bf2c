"""Checking structured records for what their types cannot say.

Field rules come from each field's metadata (``ref``: the kinds an id must name,
``bounds``, ``positive``) and apply wherever the record is nested. Rules that tie fields
of one record together, or a record to others, are the ``check_*`` methods of
:class:`Checker` listed in ``_RULES`` for the record classes they apply to. Every problem
is added as ``"<file>: <JSON path>: <what is wrong>"``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from kzpk import model as m
from kzpk._spelling import suggest
from kzpk.dataset._reading import Problems, Record
from kzpk.exceptions import Problem
from kzpk.model import FieldSpec, field_plan
from kzpk.model._kinds import KIND_BY_NAME

__all__ = ["check_all"]

_DISPUTE: Final = 2  # a claim needs two variants from two sources; a crossing joins two countries
_GAUGES: Final = frozenset({1435, 1520, 1676})
#: A number as quotes write it ("1,478", "4.5").
_NUMBER: Final = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: What follows a distance that gives a location rather than a length: "km north of",
#: "kilometres (190 mi) north-west of", "km (34 mi) in the east", "km from", "km away
#: from"; in German "km nordöstlich von"; in Russian "км от". "By road" in between makes
#: it a road distance, and "from A to B" ("от A до B") a length, which this does not match.
_LOCATION_PHRASE: Final = re.compile(
    r"\s*(?:km|kms|kilomet(?:er|re)s?|км|километр\w*)\.?\s*(?:\([^)]*\)\s*)?(?:"
    r"(?:to the\s+|in the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
    r"(?:\s+(?:of|from)\b|\s*(?:$|[,.;]))"
    r"|(?:away\s+)?from\b(?![^.;]*\bto\b)"
    r"|(?:nord|süd|ost|west)\w*\s+(?:von|des|der)\b"
    r"|от\b(?![^.;]*\bдо\b))",  # noqa: RUF001 - Russian "from … to"
    re.IGNORECASE,
)
_SAME_NUMBER: Final = 0.51  # a quoted figure matches a length to the nearest kilometre


def check_all(
    collections: Mapping[str, tuple[Record, ...]],
    ids: Mapping[str, Mapping[str, Record]],
    problems: Problems,
) -> None:
    """Check every record of *collections* (ids indexed in *ids*), adding to *problems*."""
    checker = Checker(ids, problems)
    for kind, records in collections.items():
        checker.file = f"{kind}.json"
        for index, record in enumerate(records):
            path = f"$.{kind}[{index}]"
            checker.check_fields(record, path)
            for rule in _RULES.get(type(record), ()):
                rule(checker, record, path)


@functools.cache  # keyed by record classes, which live as long as kzpk does
def _checked_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of *cls* worth checking: those with rules, and those holding records."""
    return tuple(f for f in field_plan(cls) if f.has_rules or f.is_record)


def _is_month_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(f"2000-{text}")  # a leap year: 02-29 is a valid window end
    except ValueError:
        return False
    return len(text) == len("MM-DD")


def _out_of_range(spec: FieldSpec, value: object) -> str:
    """What is wrong with a value outside the field's choices, bounds or sign."""
    if isinstance(value, str | tuple):
        return f"{value!r} is not allowed; valid: {', '.join(spec.choices)}"
    if spec.positive:
        return f"{value} must be greater than 0"
    return f"{value} is out of range {spec.low}..{spec.high}"


class Checker:
    """Walks the records of one load with their JSON paths, adding what is wrong."""

    def __init__(self, ids: Mapping[str, Mapping[str, Record]], problems: Problems) -> None:
        """Check against the records indexed in *ids*, adding to *problems*."""
        self.ids = ids
        self.every_id = frozenset(i for kind in ids.values() for i in kind)
        self.problems = problems
        self.file = ""
        self._valid_ids: dict[tuple[str, ...], frozenset[str]] = {}

    def add(self, path: str, message: str, code: str = "rule") -> None:
        """Note a problem at *path* of the file being checked (by default a rule broken)."""
        self.problems.append(Problem(self.file, path, code, message))

    def valid_ids(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """The ids a reference to *kinds* may name (``("*",)``: any record)."""
        if kinds == ("*",):
            return self.every_id
        found = self._valid_ids.get(kinds)
        if found is None:
            found = self._valid_ids[kinds] = frozenset(i for k in kinds for i in self.ids[k])
        return found

    # Field rules, for a record and every record nested in it.

    def check_fields(self, record: attrs.AttrsInstance, path: str) -> None:
        """References name records of the right kind; numbers are in range; periods ordered."""
        for spec in _checked_fields(type(record)):
            value = getattr(record, spec.name)
            if value is None or value == ():
                continue
            where = f"{path}.{spec.name}"
            if spec.is_record:
                self.check_nested(value, where)
            if spec.refs:
                self.check_refs(value, spec.refs, where)
            if not spec.allows(value):
                self.add(where, _out_of_range(spec, value), "out-of-range")
        if isinstance(record, m.Period) and record.end is not None and record.end < record.start:
            self.add(path, f"ends ({record.end}) before it starts ({record.start})")

    def check_nested(self, value: object, path: str) -> None:
        """Check the fields of every record in *value* (a record or tuples of them)."""
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                self.check_nested(item, f"{path}[{index}]")
        elif attrs.has(type(value)):
            self.check_fields(value, path)  # type: ignore[arg-type]

    def check_refs(self, value: object, kinds: tuple[str, ...], path: str) -> None:
        """Every id in *value* names a record of one of *kinds*."""
        if value is None:
            return
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                self.check_refs(item, kinds, f"{path}[{index}]")
            return
        valid = self.valid_ids(kinds)
        if value not in valid:
            what = (
                "record"
                if kinds == ("*",)
                else " or ".join(KIND_BY_NAME[k].singular for k in kinds)
            )
            message = f"unknown {what} {value!r}{suggest(str(value), valid)}"
            self.problems.append(
                Problem(self.file, path, "unknown-ref", message, str(value), kinds)
            )

    # Rules of one record class (see _RULES).

    def check_link_joins_two_places(self, link: m.Link, path: str) -> None:
        """A link's origin and destination differ."""
        if link.origin == link.destination:
            self.add(path, "a link must join two different places")

    def check_rail_gauge(self, link: m.Link, path: str) -> None:
        """Rail links have a known gauge; other links have none."""
        if link.mode is m.Mode.RAIL and link.gauge_mm not in _GAUGES:
            self.add(f"{path}.gauge_mm", f"rail needs a gauge, one of {sorted(_GAUGES)}")
        if link.mode is not m.Mode.RAIL and link.gauge_mm is not None:
            self.add(f"{path}.gauge_mm", "only rail links have a gauge")

    def check_borders_crossed_at_crossings(self, link: m.Link, path: str) -> None:
        """A rail or road link between two countries ends at a crossing of both."""
        places = self.ids["places"]
        a, b = places.get(link.origin), places.get(link.destination)
        if (
            isinstance(a, m.Place)
            and isinstance(b, m.Place)
            and link.mode in (m.Mode.RAIL, m.Mode.ROAD)
            and not set(a.countries) & set(b.countries)
        ):
            self.add(
                path,
                f"a {link.mode.value} link between {a.country} and {b.country} must end at a "
                "border crossing of both (a place of kind border-crossing whose border names them)",
            )

    def check_reported_length_stated(self, link: m.Link, path: str) -> None:
        """A reported length is not only a location ("50 km north of Almaty"): that is a proxy."""
        if link.basis is not m.LengthBasis.REPORTED:
            return
        stating = [
            (citation.quote, number.end())
            for citation in link.citations
            for number in _NUMBER.finditer(citation.quote)
            if abs(float(number[0].replace(",", "")) - link.km) < _SAME_NUMBER
        ]
        if stating and all(_LOCATION_PHRASE.match(quote, end) for quote, end in stating):
            self.add(
                f"{path}.basis",
                f"a reported length is stated as the length of the line or road; "
                f"{stating[0][0]!r} says where a place lies "
                "(use basis proxy, derived or estimated)",
            )

    def check_crossing_border(self, place: m.Place, path: str) -> None:
        """A border crossing joins two countries, one of them its own; other places none."""
        if place.kind is m.PlaceKind.BORDER_CROSSING:
            if len(set(place.border)) != _DISPUTE or place.country not in place.border:
                self.add(
                    f"{path}.border",
                    "a border crossing names the two countries it joins, its own among them",
                )
        elif place.border:
            self.add(f"{path}.border", "only border crossings have a border")

    def check_dwell_at_crossings_only(self, place: m.Place, path: str) -> None:
        """Only border crossings (clearance) and ports (transit dwell) have a dwell time."""
        if place.dwell and place.kind not in (m.PlaceKind.BORDER_CROSSING, m.PlaceKind.PORT):
            self.add(f"{path}.dwell", "only border crossings and ports have a dwell")

    def check_status_history(self, record: m.Link | m.Place, path: str) -> None:
        """Status spells end after they start and never overlap for the same traffic."""
        lowest, highest = dt.date.min, dt.date.max
        history = record.history
        for index, spell in enumerate(history):
            where = f"{path}.history[{index}]"
            if spell.start and spell.end and spell.end < spell.start:
                self.add(where, f"ends ({spell.end}) before it starts ({spell.start})")
            for other in history[:index]:
                overlap = (spell.start or lowest) <= (other.end or highest) and (
                    other.start or lowest
                ) <= (spell.end or highest)
                if overlap and set(spell.services) & set(other.services):
                    self.add(where, "overlaps an earlier spell for the same traffic")
                    break

    def check_season_days(self, record: m.Link | m.Place, path: str) -> None:
        """Seasons open and close on days written 'MM-DD'."""
        for index, season in enumerate(record.seasons):
            for end in ("opens", "closes"):
                if not _is_month_day(getattr(season, end)):
                    self.add(f"{path}.seasons[{index}].{end}", "must be a day as 'MM-DD'")

    def check_trade_parties(self, figure: m.TradeFigure, path: str) -> None:
        """Exports and imports name exporter and importer; turnover names neither."""
        is_turnover = figure.flow is m.TradeFlow.TURNOVER
        if is_turnover != (figure.exporter is None and figure.importer is None):
            self.add(
                path,
                "exporter and importer are required for exports and imports, "
                "and not allowed for turnover",
            )

    def check_claim_disputed(self, claim: m.Claim, path: str) -> None:
        """A claim has at least two variants, cited from at least two sources."""
        cited = {c.source for c in claim.citations}
        if len(claim.variants) < _DISPUTE or len(cited) < _DISPUTE:
            self.add(
                f"{path}.variants", "a claim needs at least two variants from different sources"
            )

    def check_status_reports(self, commitment: m.Commitment, path: str) -> None:
        """An update is last reported on or after its day, and not after the next update."""
        later = sorted(u.as_of for u in commitment.history)
        for index, update in enumerate(commitment.history):
            last = update.last_reported
            if last is None:
                continue
            where = f"{path}.history[{index}].last_reported"
            following = [day for day in later if day > update.as_of]
            if last < update.as_of:
                self.add(where, f"{last} is before the update's own day ({update.as_of})")
            elif following and last > following[0]:
                self.add(where, f"{last} is after the next update ({following[0]})")

    def check_derived_name(self, name: m.Name, path: str) -> None:
        """A derived name is a transliteration that its rule spells from a name of its record."""
        if (name.derived_from is None) != (name.rule is None):
            self.add(path, "a derived name gives both derived_from and rule, or neither")
            return
        rule = m.TRANSLITERATION_RULES.get(name.rule or "")
        source = self.ids["names"].get(name.derived_from or "")
        if rule is None or not isinstance(source, m.Name):
            return  # not derived, or an unknown rule or id: the field rules say so
        if name.kind is not m.NameKind.TRANSLITERATION:
            self.add(f"{path}.kind", "a derived name is a transliteration")
        if source.record != name.record:
            self.add(
                f"{path}.derived_from",
                f"{source.id!r} names {source.record!r}, not {name.record!r}",
            )
        if (source.language, name.language) != (rule.source_language, rule.target_language):
            self.add(
                f"{path}.rule",
                f"{rule.id} spells {rule.source_language} as {rule.target_language}, "
                f"not {source.language} as {name.language}",
            )
        elif (spelt := rule.spell(source.text)) != name.text:
            self.add(f"{path}.text", f"{rule.id} spells {source.text!r} as {spelt!r}")

    def check_sector_parents_acyclic(self, sector: m.Sector, path: str) -> None:
        """Following a sector's parents never comes back to it."""
        seen, parent = {sector.id}, sector.parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            parent = getattr(self.ids["sectors"].get(parent), "parent", None)
        if parent is not None:
            self.add(f"{path}.parent", "sector parents form a cycle")


_Rule = Callable[[Checker, Any, str], None]
#: The rules of each record class, run after its field rules, in this order.
_RULES: Final[Mapping[type, tuple[_Rule, ...]]] = {
    m.Link: (
        Checker.check_link_joins_two_places,
        Checker.check_rail_gauge,
        Checker.check_borders_crossed_at_crossings,
        Checker.check_reported_length_stated,
        Checker.check_status_history,
        Checker.check_season_days,
    ),
    m.Place: (
        Checker.check_crossing_border,
        Checker.check_dwell_at_crossings_only,
        Checker.check_status_history,
        Checker.check_season_days,
    ),
    m.TradeFigure: (Checker.check_trade_parties,),
    m.Claim: (Checker.check_claim_disputed,),
    m.Commitment: (Checker.check_status_reports,),
    m.Name: (Checker.check_derived_name,),
    m.Sector: (Checker.check_sector_parents_acyclic,),
}
