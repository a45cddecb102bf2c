"""Hypothesis strategies for every record class, derived from the annotations.

Each field gets a strategy for its type (finite numbers inside the field's declared
bounds, one of the declared choices, non-empty text, tuples, optional values, nested
records), so a new record class is covered as soon as it is added to ``kzpk.KINDS``.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
from hypothesis import strategies as st

import kzpk
from kzpk.model import KINDS

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


def _strings(field: attrs.Attribute[Any] | None, metadata: Any) -> st.SearchStrategy[str]:
    """Ids for ids and references, one of the choices where declared, else any text."""
    if "choices" in metadata:
        return st.sampled_from(sorted(metadata["choices"]))
    return ids if "ref" in metadata or (field is not None and field.name == "id") else text


def _for_type(kind: Any, field: attrs.Attribute[Any] | None = None) -> st.SearchStrategy[Any]:
    metadata = field.metadata if field is not None else {}
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        return st.one_of(*(_for_type(arg, field) for arg in typing.get_args(kind)))
    if origin is tuple:
        return st.lists(_for_type(typing.get_args(kind)[0], field), max_size=3).map(tuple)
    if kind is type(None):
        return st.none()
    if kind is kzpk.Period:
        return periods()
    if kind is str:
        return _strings(field, metadata)
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(min_value=1 if metadata.get("positive") else -(10**6), max_value=10**6)
    if kind is float:
        low, high = metadata.get("bounds", (0.001 if metadata.get("positive") else -1e9, 1e9))
        return finite.filter(lambda x: low <= x <= high) | st.floats(low, high)
    if kind is Decimal:
        return money
    if kind is dt.date:
        return dates
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(kind)
    if attrs.has(kind):
        return records(kind)
    raise NotImplementedError(kind)  # pragma: no cover - a new field type needs a strategy


def records(cls: type[Any]) -> st.SearchStrategy[Any]:
    """A strategy for instances of the attrs class *cls*."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: _for_type(hints[f.name], f) for f in attrs.fields(cls)}
    return st.builds(cls, **fields)


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
def networks(draw: st.DrawFn, *, max_places: int = 7) -> kzpk.Dataset:
    """A small random network on the real dataset's countries, parameters and sources.

    Places lie in KZ, UZ, AF or PK; every third one is a border crossing between two of
    them. Links have random carriers, lengths, statuses, services and, now and then, a
    closure from ``CLOSURE_DAY`` on; rail and road links never join two countries except
    through a crossing of both, as the loader requires. Drawn as two lists of tuples, so a
    network costs few draws.
    """
    real = kzpk.load()
    drawn = draw(st.lists(_PLACE, min_size=3, max_size=max_places))
    places = []
    for index, (country, other, north, east) in enumerate(drawn):
        crossing = index % 3 == 2 and other != country
        places.append(
            kzpk.Place(
                f"n{index}",
                f"Node {index}",
                kzpk.PlaceKind.BORDER_CROSSING if crossing else kzpk.PlaceKind.CITY,
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
    for number, (pick, carrier, km, status, services, two_way, closes) in enumerate(
        draw(st.lists(_LINK, min_size=count, max_size=3 * count))
    ):
        a, b = pairs[pick % len(pairs)]
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
    """The attrs classes in *classes* and in their fields' types, however deeply nested."""
    found: set[type[Any]] = set()
    pending = list(classes)
    while pending:
        cls = pending.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            pending += [t for t in leaves(hint) if isinstance(t, type) and attrs.has(t)]
    return found


def leaves(hint: object) -> list[object]:
    """The types a type hint is built from (``tuple[Citation, ...] | None``: Citation, None)."""
    args = [a for a in typing.get_args(hint) if a is not Ellipsis]
    return [leaf for a in args for leaf in leaves(a)] if args else [hint]
