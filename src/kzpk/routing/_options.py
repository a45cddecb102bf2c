"""The options of a route question, checked and resolved to ids and enums.

Every bad option raises a :class:`~kzpk.KzpkError` naming the option and what is valid.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from enum import StrEnum
from typing import Final, TypeVar

from kzpk._spelling import choose
from kzpk.exceptions import InvalidInputError, NotFoundError
from kzpk.model import LinkStatus, Mode
from kzpk.routing._network import OPEN_STATUSES, PLANNED_STATUSES, Filters, Network, Profile

__all__ = [
    "MAX_ALTERNATIVES",
    "alternatives_count",
    "country_code",
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
    """Whether routes are to be the fastest (``"time"``) rather than the shortest."""
    return choose(("distance", "time"), optimize, "optimize") == "time"


def alternatives_count(alternatives: object) -> int:
    """*alternatives*, checked: a whole number from 1 to :data:`MAX_ALTERNATIVES`."""
    if (
        isinstance(alternatives, bool)
        or not isinstance(alternatives, int)
        or not 1 <= alternatives <= MAX_ALTERNATIVES
    ):
        raise InvalidInputError(
            f"{{option}} must be a whole number from 1 to {MAX_ALTERNATIVES}, not {alternatives!r}",
            option="alternatives",
            value=alternatives,
        )
    return alternatives


def factor(option: str, value: object, low: float, high: float) -> None:
    """Check that *value* is a number from *low* to *high* (``inf``: no upper bound)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not low <= value <= high
        or math.isnan(value)
    ):
        bound = f"of at least {low:g}" if math.isinf(high) else f"between {low:g} and {high:g}"
        raise InvalidInputError(
            f"{{option}} must be a number {bound}, not {value!r}", option=option, value=value
        )


def strings(values: object, option: str) -> tuple[str, ...]:
    """*values* as a tuple of names: one name, or an iterable of them."""
    items = (values,) if isinstance(values, str) else values
    if not isinstance(items, Iterable):
        raise InvalidInputError(
            f"{{option}} must be names, not {type(values).__name__}", option=option, value=values
        )
    found = tuple(items)
    for item in found:
        if not isinstance(item, str):
            raise InvalidInputError(
                f"{{option}} must hold names, not {type(item).__name__}", option=option, value=item
            )
    return found


def day(on: object, as_of: dt.date | None) -> dt.date:
    """The day a route is asked for: *on* (a date or ISO text), else *as_of*, else today."""
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
    raise InvalidInputError(
        f"{{option}} must be a date (or 'YYYY-MM-DD'), not {on!r}", option="on", value=on
    )


def modes_of(modes: Iterable[Mode | str] | None, profile: Profile) -> frozenset[Mode]:
    """The modes a route may use: those given, else the profile's."""
    if modes is None:
        return profile.default_modes
    return _chosen(Mode, modes, "modes")


def statuses_of(
    statuses: Iterable[LinkStatus | str] | None, *, include_planned: bool
) -> frozenset[LinkStatus]:
    """The link statuses a route may use: those given, else open (and planned if asked)."""
    if statuses is None:
        return OPEN_STATUSES | PLANNED_STATUSES if include_planned else OPEN_STATUSES
    if include_planned:
        raise InvalidInputError(
            "give {include_planned} or {statuses}, not both",
            filters={"include_planned": True, "statuses": statuses},
        )
    return _chosen(LinkStatus, statuses, "statuses")


def _chosen(enum: type[_E], values: object, option: str) -> frozenset[_E]:
    """The members of *enum* that *values* (one name, or several) name; at least one."""
    chosen = frozenset(choose(enum, v, option) for v in _strings_or_enums(values, option))
    if not chosen:
        valid = [member.value for member in enum]
        raise InvalidInputError(
            f"{{option}} is empty; give at least one of {', '.join(valid)}",
            option=option,
            value=(),
            valid=valid,
        )
    return chosen


def _strings_or_enums(values: object, option: str) -> tuple[object, ...]:
    if isinstance(values, str):
        return (values,)
    if not isinstance(values, Iterable):
        raise InvalidInputError(
            f"{{option}} must be a list of names, not {type(values).__name__}",
            option=option,
            value=values,
        )
    return tuple(values)


def crossing_id(network: Network, name: str) -> str:
    """The id of the border crossing *name* stands for (by the crossing's own names)."""
    try:
        return network.crossings.resolve(name, option="avoid_crossings")
    except NotFoundError as error:
        place = network.places.get(network.stops.get(name) or "")
        if place is None:
            raise
        raise InvalidInputError(
            f"{{option}}: {name!r} is a {place.kind.value}, not a border crossing",
            option="avoid_crossings",
            value=name,
            valid=error.valid,
        ) from None


def country_code(network: Network, name: str) -> str:
    """The code of the country *name* stands for (a code, a name in any script)."""
    return network.countries.resolve(name, option="avoid_countries")


def _endpoints(network: Network, name: str, option: str) -> frozenset[str]:
    """Place ids a name stands for: a place, or a country's main hubs (an id first)."""
    ident = network.stops.resolve(name, option=option)
    if ident in network.places:
        return frozenset({ident})
    hubs = network.hubs.get(ident) or tuple(
        p.id for p in network.places.values() if p.country == ident
    )
    if not hubs:
        raise NotFoundError(
            f"{{option}} {name!r} is a country with no place in the network",
            option=option,
            value=name,
        )
    return frozenset(hubs)


def stops_of(
    network: Network, filters: Filters, origin: str, destination: str, via: tuple[str, ...]
) -> list[frozenset[str]]:
    """The place ids of each stop, checked against the avoided countries and crossings."""
    named = [("origin", origin), *(("via", v) for v in via), ("destination", destination)]
    stops = []
    for option, name in named:
        if not isinstance(name, str):
            raise InvalidInputError(
                f"{{option}} must be a place or country name, not {type(name).__name__}",
                option=option,
                value=name,
            )
        ids = _endpoints(network, name, option)
        kept = frozenset(
            i
            for i in ids
            if not set(network.places[i].countries) & filters.avoid_countries
            and i not in filters.avoid_crossings
        )
        if not kept:
            place = network.places[min(ids)]
            if place.id in filters.avoid_crossings:
                raise InvalidInputError(
                    f"{{option}} {name!r} is a crossing {{avoid_crossings}} excludes",
                    option=option,
                    value=name,
                    filters={"avoid_crossings": sorted(filters.avoid_crossings)},
                )
            raise InvalidInputError(
                f"{{option}} {name!r} lies in a country {{avoid_countries}} excludes",
                option=option,
                value=name,
                filters={"avoid_countries": sorted(filters.avoid_countries)},
            )
        stops.append(kept)
    for (_, first), (_, second), a, b in zip(named, named[1:], stops, stops[1:], strict=False):
        if a & b:
            raise InvalidInputError(
                f"consecutive stops {first!r} and {second!r} are the same place",
                option="via",
                value=second,
            )
    return stops
