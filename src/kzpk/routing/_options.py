"""The options of a route question, checked and resolved to ids and enums.

Every bad option raises a :class:`~kzpk.KzpkError` naming the option and what is valid.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from enum import StrEnum
from typing import Final, TypeVar

from kzpk._spelling import suggest
from kzpk.exceptions import InvalidInputError, NotFoundError
from kzpk.model import LinkStatus, Mode, PlaceKind
from kzpk.routing._network import OPEN_STATUSES, PLANNED_STATUSES, Filters, Network, Profile

__all__ = [
    "MAX_ALTERNATIVES",
    "alternatives_count",
    "choose",
    "crossing_id",
    "day",
    "factor",
    "modes_of",
    "optimize_by_time",
    "statuses_of",
    "stops_of",
    "strings",
]

_E = TypeVar("_E", bound=StrEnum)

#: The most routes one question may ask for.
MAX_ALTERNATIVES: Final = 10


def optimize_by_time(optimize: object) -> bool:
    if optimize not in ("distance", "time"):
        raise InvalidInputError(f"optimize must be 'distance' or 'time', not {optimize!r}")
    return optimize == "time"


def alternatives_count(alternatives: object) -> int:
    if (
        isinstance(alternatives, bool)
        or not isinstance(alternatives, int)
        or not 1 <= alternatives <= MAX_ALTERNATIVES
    ):
        raise InvalidInputError(
            f"alternatives must be a whole number from 1 to {MAX_ALTERNATIVES}, "
            f"not {alternatives!r}"
        )
    return alternatives


def factor(name: str, value: object, low: float, high: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not low <= value <= high
        or math.isnan(value)
    ):
        span = f"of at least {low:g}" if math.isinf(high) else f"from {low:g} to {high:g}"
        raise InvalidInputError(f"{name} must be a number {span}, not {value!r}")


def choose(enum: type[_E], value: object, what: str) -> _E:
    if isinstance(value, enum):
        return value
    valid = [member.value for member in enum]
    text = value.strip().lower() if isinstance(value, str) else value
    if text in valid:
        return enum(text)
    hint = suggest(str(value), valid)
    raise NotFoundError(f"unknown {what} {value!r}{hint}; valid: {', '.join(valid)}")


def strings(values: object, what: str) -> tuple[str, ...]:
    items = (values,) if isinstance(values, str) else values
    if not isinstance(items, Iterable):
        raise InvalidInputError(f"{what} must be names, not {type(values).__name__}")
    found = tuple(items)
    for item in found:
        if not isinstance(item, str):
            raise InvalidInputError(f"{what} must hold names, not {type(item).__name__}")
    return found


def day(on: object, as_of: dt.date | None) -> dt.date:
    if on is None:
        return as_of or dt.date.today()  # noqa: DTZ011 - a calendar day, not an instant
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    if isinstance(on, str):
        try:
            return dt.date.fromisoformat(on)
        except ValueError:
            pass
    raise InvalidInputError(f"on must be a date (or 'YYYY-MM-DD'), not {on!r}")


def modes_of(modes: Iterable[Mode | str] | None, profile: Profile) -> frozenset[Mode]:
    if modes is None:
        return profile.default_modes
    chosen = frozenset(choose(Mode, m, "mode") for m in _strings_or_enums(modes, "modes"))
    if not chosen:
        valid = ", ".join(m.value for m in Mode)
        raise InvalidInputError(f"modes is empty; give at least one of {valid}")
    return chosen


def statuses_of(
    statuses: Iterable[LinkStatus | str] | None, *, include_planned: bool
) -> frozenset[LinkStatus]:
    if statuses is None:
        return OPEN_STATUSES | PLANNED_STATUSES if include_planned else OPEN_STATUSES
    if include_planned:
        raise InvalidInputError("give include_planned or statuses, not both")
    chosen = frozenset(
        choose(LinkStatus, s, "status") for s in _strings_or_enums(statuses, "statuses")
    )
    if not chosen:
        valid = ", ".join(s.value for s in LinkStatus)
        raise InvalidInputError(f"statuses is empty; give at least one of {valid}")
    return chosen


def _strings_or_enums(values: object, what: str) -> tuple[object, ...]:
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, Iterable):
        raise InvalidInputError(f"{what} must be a list of names, not {type(values).__name__}")
    return tuple(values)


def crossing_id(network: Network, name: str) -> str:
    crossings = [p for p in network.places.values() if p.kind is PlaceKind.BORDER_CROSSING]
    ident = name if name in network.places else network.place_names.get(name)
    if ident is not None and network.places[ident].kind is PlaceKind.BORDER_CROSSING:
        return ident
    labels = [label for p in crossings for label in (p.name, *p.aliases)]
    if ident is not None:
        raise InvalidInputError(
            f"{name!r} is a {network.places[ident].kind.value}, not a border crossing"
            f"{suggest(name, labels)}"
        )
    hint = suggest(name, labels) or "; crossings: " + ", ".join(sorted(p.name for p in crossings))
    raise NotFoundError(f"unknown border crossing {name!r}{hint}")


def _endpoints(network: Network, name: str, what: str) -> frozenset[str]:
    """Place ids a name stands for: a place (an id first), or a country's main hubs."""
    place = name if name in network.places else network.place_names.get(name)
    if place is not None:
        return frozenset({place})
    country = network.countries.get(name)
    if country is not None:
        hubs = network.hubs.get(country) or tuple(
            p.id for p in network.places.values() if p.country == country
        )
        if hubs:
            return frozenset(hubs)
        raise NotFoundError(f"{what} {name!r} is a country with no place in the network")
    hint = suggest(name, [*network.place_names.labels, *network.countries.labels])
    raise NotFoundError(
        f"unknown {what} {name!r}{hint or ': not a place or country in the network'}"
    )


def stops_of(
    network: Network, filters: Filters, origin: str, destination: str, via: tuple[str, ...]
) -> list[frozenset[str]]:
    """The place ids of each stop, checked against the avoided countries and crossings."""
    named = [("origin", origin), *(("via", v) for v in via), ("destination", destination)]
    stops = []
    for what, name in named:
        if not isinstance(name, str):
            raise InvalidInputError(
                f"{what} must be a place or country name, not {type(name).__name__}"
            )
        ids = _endpoints(network, name, what)
        kept = frozenset(
            i
            for i in ids
            if not set(network.places[i].countries) & filters.avoid_countries
            and i not in filters.avoid_crossings
        )
        if not kept:
            place = network.places[min(ids)]
            if place.id in filters.avoid_crossings:
                raise InvalidInputError(f"{what} {name!r} is a crossing avoid_crossings excludes")
            country = "/".join(sorted(set(place.countries) & filters.avoid_countries))
            raise InvalidInputError(
                f"{what} {name!r} lies in {country}, which avoid_countries excludes"
            )
        stops.append(kept)
    for (_, first), (_, second), a, b in zip(named, named[1:], stops, stops[1:], strict=False):
        if a & b:
            raise InvalidInputError(
                f"consecutive stops {first!r} and {second!r} are the same place"
            )
    return stops
