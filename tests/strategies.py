"""Hypothesis strategies for every record class, derived from the field plans.

Each field gets a strategy from its plan (:func:`kzpk.field_plan`): finite numbers inside
the field's bounds, one of its choices, ids for references, non-empty text, tuples,
optional values, nested records; so a new record class is covered as soon as it is added
to ``kzpk.KINDS``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import kzpk
from kzpk.model import KINDS, FieldSpec, Shape, field_plan

text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
).filter(str.strip)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**13), places=2)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def periods(draw: st.DrawFn) -> kzpk.Period:
    """A period whose end, if any, is not before its start."""
    start = draw(dates)
    end = draw(st.none() | st.dates(start, dt.date(2100, 12, 31)))
    return kzpk.Period(start, end, draw(st.none() | text))


def _strings(spec: FieldSpec) -> st.SearchStrategy[str]:
    """Ids for ids and references, one of the choices where declared, else any text."""
    if spec.choices:
        return st.sampled_from(spec.choices)
    return ids if spec.refs or spec.name == "id" else text


def _numbers(spec: FieldSpec, kind: type) -> st.SearchStrategy[Any]:
    """Numbers of *kind* inside the field's bounds, above zero where it must be."""
    if kind is Decimal:
        return money
    low = spec.low if spec.low is not None else (0.001 if spec.positive else -1e9)
    high = spec.high if spec.high is not None else 1e9
    if kind is int:
        return st.integers(min_value=1 if spec.positive else -(10**6), max_value=10**6)
    return finite.filter(lambda x: low <= x <= high) | st.floats(low, high)


def _value(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """One value of the field (an item, for a tuple field)."""
    kind = spec.type
    if kind is kzpk.Period:
        return periods()
    if spec.is_record:
        return records(kind)
    if spec.is_enum:
        return st.sampled_from(kind)
    if kind is str:
        return _strings(spec)
    if kind is bool:
        return st.booleans()
    if kind is dt.date:
        return dates
    return _numbers(spec, kind)


def _field(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """The field's value, shaped as its plan says: one, optional, or a tuple."""
    value = _value(spec)
    if spec.shape is Shape.MANY:
        return st.lists(value, max_size=3).map(tuple)
    return st.none() | value if spec.shape is Shape.OPTIONAL else value


def records(cls: type[Any]) -> st.SearchStrategy[Any]:
    """A strategy for instances of the record class *cls*, field by field from its plan."""
    return st.builds(cls, **{spec.name: _field(spec) for spec in field_plan(cls)})


RECORD_CLASSES: tuple[type[Any], ...] = (kzpk.DatasetInfo, *(k.cls for k in KINDS))
any_record = st.sampled_from(RECORD_CLASSES).flatmap(records)


_NETWORK_CITATION = (kzpk.Citation("qazinform-tokayev-remarks", "synthetic"),)
_CARRIERS = (
    (kzpk.Mode.RAIL, 1520),
    (kzpk.Mode.RAIL, 1435),
    (kzpk.Mode.ROAD, None),
    (kzpk.Mode.SEA, None),
    (kzpk.Mode.AIR, None),
)
_STATUSES = (*[kzpk.LinkStatus.OPERATIONAL] * 4, *kzpk.LinkStatus)
_BOTH = (kzpk.Service.FREIGHT, kzpk.Service.PASSENGER)
_SERVICES = (_BOTH, _BOTH, _BOTH, (kzpk.Service.FREIGHT,), (kzpk.Service.PASSENGER,))
#: The day synthetic closures are judged around.
CLOSURE_DAY = dt.date(2026, 6, 1)


_COUNTRIES = ("KZ", "UZ", "AF", "PK")
_PLACE = st.tuples(
    st.sampled_from(_COUNTRIES), st.sampled_from(_COUNTRIES), st.integers(0, 50), st.integers(0, 50)
)
_LINK = st.tuples(
    st.integers(0, 10**6),  # which pair of places
    st.sampled_from(_CARRIERS),
    st.integers(1, 400),
    st.sampled_from(_STATUSES),
    st.sampled_from(_SERVICES),
    st.sampled_from((True, True, True, False)),  # two-way, mostly
    st.integers(0, 5),  # 0: closes on CLOSURE_DAY
)


@st.composite
def networks(draw: st.DrawFn, *, max_places: int = 7, dense: bool = False) -> kzpk.Dataset:
    """A small random network on the real dataset's countries, parameters and sources.

    Places lie in KZ, UZ, AF or PK; every third one is a border crossing between two of
    them, and some others are ports. Links have random carriers, lengths, statuses,
    services and, now and then, a closure from ``CLOSURE_DAY`` on; rail and road links
    never join two countries except through a crossing of both, as the loader requires.
    The first links chain the places in order, so that most questions have an answer to
    judge. Drawn as two lists of tuples, so a network costs few draws. A *dense* network has at
    least four places and two links a place, all open both ways to all traffic, so that
    most questions on it have alternatives to judge.
    """
    real = kzpk.load()
    drawn = draw(st.lists(_PLACE, min_size=4 if dense else 3, max_size=max_places))
    places = []
    for index, (country, other, north, east) in enumerate(drawn):
        crossing = index % 3 == 2 and other != country
        port = not crossing and index % 4 == 1
        kind = kzpk.PlaceKind.PORT if port else kzpk.PlaceKind.CITY
        places.append(
            kzpk.Place(
                f"n{index}",
                f"Node {index}",
                kzpk.PlaceKind.BORDER_CROSSING if crossing else kind,
                country,
                40 + north / 10,
                60 + east / 10,
                border=tuple(sorted({country, other})) if crossing else (),
                citations=_NETWORK_CITATION,
            )
        )
    count = len(places)
    pairs = [(a, b) for a in range(count) for b in range(a + 1, count)]
    links = []
    drawn_links = draw(st.lists(_LINK, min_size=(2 if dense else 1) * count, max_size=3 * count))
    if dense:  # open both ways to all traffic, never closing
        drawn_links = [(*d[:3], kzpk.LinkStatus.OPERATIONAL, _BOTH, True, 1) for d in drawn_links]
    for number, (pick, carrier, km, status, services, two_way, closes) in enumerate(drawn_links):
        # the first links chain the places in order, so most networks are connected
        a, b = (number, number + 1) if number < count - 1 else pairs[pick % len(pairs)]
        mode, gauge = carrier
        one, two = places[a], places[b]
        if mode in (kzpk.Mode.RAIL, kzpk.Mode.ROAD) and not set(one.countries) & set(two.countries):
            mode, gauge = kzpk.Mode.SEA, None
        history: tuple[kzpk.StatusSpell, ...] = ()
        if closes == 0:
            history = (
                kzpk.StatusSpell(kzpk.LinkStatus.OPERATIONAL, end=CLOSURE_DAY - dt.timedelta(1)),
                kzpk.StatusSpell(kzpk.LinkStatus.CLOSED, start=CLOSURE_DAY),
            )
        links.append(
            kzpk.Link(
                f"k{number}",
                one.id,
                two.id,
                mode,
                km + 0.5,
                kzpk.LengthBasis.REPORTED,
                history[-1].status if history else status,
                gauge_mm=gauge,
                services=services,
                two_way=two_way,
                history=history,
                citations=_NETWORK_CITATION,
            )
        )
    return real.replace(places=tuple(places), links=tuple(links))


def reachable(classes: tuple[type[Any], ...]) -> set[type[Any]]:
    """The record classes in *classes* and in their fields, however deeply nested."""
    found: set[type[Any]] = set()
    pending = list(classes)
    while pending:
        cls = pending.pop()
        if cls not in found:
            found.add(cls)
            pending += [spec.type for spec in field_plan(cls) if spec.is_record]
    return found
