"""The corridor network as the route builder sees it on one day, for one profile.

A :class:`Network` (built once per dataset, kept on it) holds the places, the links and
the name indexes. :func:`open_graph` takes the part of it that is open on a day for a
profile under the filters, with every arc costed by :class:`~kzpk.routing._rates.Rates`:
moving time and the dwell at a border crossing on arrival there. The
graph is a list of arcs per place; parallel links of one carrier between the same two
places collapse to the best one. What the day's statuses and seasons cut is kept beside
it, so an empty answer can say which closure cut the network.

Lengths of links with ``basis="estimated"`` are great-circle distance times the circuity
factor of their mode and terrain in :data:`CIRCUITY`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from kzpk.dataset._derived import Derived
from kzpk.model import (
    Link,
    LinkStatus,
    Mode,
    Place,
    PlaceKind,
    Service,
    Terrain,
)
from kzpk.model._network import in_season
from kzpk.routing._rates import Carrier, Change, Crew, Rates

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset
    from kzpk.names._resolve import Resolver

__all__ = [
    "CIRCUITY",
    "OPEN_STATUSES",
    "PLANNED_STATUSES",
    "Carrier",
    "Change",
    "Crew",
    "Profile",
    "Rates",
    "circuity",
    "great_circle_km",
]

#: Network distance over great-circle distance, by mode and terrain, for estimated lengths:
#: typical road and rail circuity (Ballou, Rahardja and Sakai, Transportation Research
#: Part A 36 (2002) 843–848, report 1.1–1.4 on plains) rising to 1.6–2.0 for mountain roads.
CIRCUITY: Final[Mapping[tuple[Mode, Terrain | None], float]] = MappingProxyType(
    {
        (Mode.RAIL, Terrain.PLAINS): 1.15,
        (Mode.RAIL, Terrain.HILLS): 1.3,
        (Mode.RAIL, Terrain.MOUNTAIN): 1.5,
        (Mode.ROAD, Terrain.PLAINS): 1.25,
        (Mode.ROAD, Terrain.HILLS): 1.4,
        (Mode.ROAD, Terrain.MOUNTAIN): 1.8,
        (Mode.SEA, Terrain.WATER): 1.2,
        (Mode.AIR, None): 1.05,
        (Mode.PIPELINE, None): 1.1,
    }
)
#: The statuses routes use by default: what carries traffic.
OPEN_STATUSES: Final = frozenset({LinkStatus.OPERATIONAL})
#: What ``include_planned=True`` adds: the corridors being planned and built.
PLANNED_STATUSES: Final = frozenset({LinkStatus.PLANNED, LinkStatus.UNDER_CONSTRUCTION})
_EARTH_RADIUS_KM: Final = 6371.0088


def great_circle_km(a: Place, b: Place) -> float:
    """Return the great-circle (haversine) distance between two places, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def circuity(mode: Mode, terrain: Terrain | None) -> float:
    """The circuity factor of *mode* over *terrain* (the mode's own where terrain is moot)."""
    for key in ((mode, terrain), (mode, None), (mode, Terrain.PLAINS), (mode, Terrain.WATER)):
        if key in CIRCUITY:
            return CIRCUITY[key]
    raise KeyError((mode, terrain))  # pragma: no cover - every mode has a factor


class Profile(StrEnum):
    """Who travels: freight (rail, road and sea by default) or passengers (air too)."""

    FREIGHT = "freight"
    PASSENGER = "passenger"

    @property
    def service(self) -> Service:
        """The service a link must carry for this profile."""
        return Service.FREIGHT if self is Profile.FREIGHT else Service.PASSENGER

    @property
    def default_modes(self) -> frozenset[Mode]:
        """The modes used when none are given."""
        modes = {Mode.RAIL, Mode.ROAD, Mode.SEA}
        return frozenset(modes | {Mode.AIR} if self is Profile.PASSENGER else modes)


def is_crossing(place: object) -> bool:
    """Whether *place* is a border crossing (what ``avoid_crossings`` may name)."""
    return isinstance(place, Place) and place.kind is PlaceKind.BORDER_CROSSING


class Network(NamedTuple):
    """Places, links and name resolvers of one dataset (built once, kept on the dataset)."""

    places: Mapping[str, Place]
    links: tuple[Link, ...]
    stops: Resolver
    crossings: Resolver
    countries: Resolver
    hubs: Mapping[str, tuple[str, ...]]
    #: (post, mode) of each border post that a link of that mode joins to the other post
    #: of its crossing: going that way, the border is cleared on that link.
    twinned: frozenset[tuple[str, Mode]]
    #: The days of each year on which a link or place may change status, worked out on
    #: first use (see :meth:`steady`).
    turns: dict[int, tuple[dt.date, ...]]

    def steady(self, one: dt.date, other: dt.date) -> bool:
        """Whether no link or place can change status between days *one* and *other*."""
        low, high = min(one, other), max(one, other)
        if high.year - low.year > 1:
            return False
        for year in range(low.year, high.year + 1):
            turns = self.turns.get(year)
            if turns is None:
                eve = dt.date(year - 1, 12, 31)
                things: tuple[Link | Place, ...] = (*self.links, *self.places.values())
                found = {
                    day for thing in things for day in changes_after(thing, eve) if day.year == year
                }
                turns = self.turns[year] = tuple(sorted(found))
            if any(low < day <= high for day in turns):
                return False
        return True

    @classmethod
    def of(cls, dataset: Dataset) -> Network:
        """The dataset's network, built on first use."""
        return dataset.derived(_NETWORK)

    @classmethod
    def build(cls, dataset: Dataset) -> Network:
        """Build the network of *dataset* (:meth:`of` keeps it on the dataset)."""
        from kzpk.names._resolve import resolver  # names in every script

        places = {p.id: p for p in dataset.places}
        hubs: dict[str, list[str]] = {}
        for place in dataset.places:
            if place.hub:
                hubs.setdefault(place.country, []).append(place.id)
        return cls(
            places=MappingProxyType(places),
            links=tuple(sorted(dataset.links, key=lambda link: link.id)),
            stops=resolver(dataset, "places", "countries", what="place or country"),
            crossings=resolver(dataset, "places", what="border crossing", only=is_crossing),
            countries=resolver(dataset, "countries"),
            hubs=MappingProxyType({k: tuple(v) for k, v in hubs.items()}),
            twinned=frozenset(
                (end, link.mode)
                for link in dataset.links
                if link.origin in places
                and link.destination in places
                and other_post(places[link.origin], places[link.destination])
                for end in (link.origin, link.destination)
            ),
            turns={},
        )

    def cleared_at(self, tail: str, head: str, mode: Mode) -> str | None:
        """The border crossing whose clearance going from *tail* to *head* by *mode* takes.

        The border is cleared on arriving at a crossing, except where its two posts are
        separate places joined by that mode: then on the way from the first post to the
        other (Saryagash to Keles, or Keles to Saryagash), so that a route starting or
        ending at a post clears the border exactly when it crosses it. A post that one mode
        reaches as a crossing of its own and another joins to the other post is crossed
        twice by a route arriving by the first and going on to the other post by the
        second, and cleared once each way.
        """
        places = self.places
        if (tail, mode) in self.twinned and other_post(places[tail], places[head]):
            return tail
        if is_crossing(places[head]) and (head, mode) not in self.twinned:
            return head
        return None


_NETWORK: Final = Derived("kzpk.routing.network", Network.build)


class Filters(NamedTuple):
    """What a route may use: the question's options, resolved to ids and enums."""

    day: dt.date
    profile: Profile
    modes: frozenset[Mode]
    statuses: frozenset[LinkStatus]
    services: frozenset[Service]
    avoid_countries: frozenset[str] = frozenset()
    avoid_crossings: frozenset[str] = frozenset()
    #: For diagnosis: ids of links and crossings whose closure that day is lifted, or
    #: None to lift every dated closure and season.
    reopened: frozenset[str] | None = frozenset()

    def lifts(self, ident: str) -> bool:
        """Whether the day's closure of *ident* is lifted."""
        return self.reopened is None or ident in self.reopened


class Arc(NamedTuple):
    """One way over one link, costed; *label* is what the search adds for it.

    *hours* is the moving time; by time, *label* adds the border clearance the arc
    carries (see :meth:`Network.cleared_at`), and *last*, its label as a route's last
    arc, leaves out the clearance of a crossing the route only reaches.
    """

    head: str
    link: Link
    carrier: tuple[Mode, int | None]
    km: float
    hours: float
    label: tuple[float, int, float]  # (optimised cost, changes, -operational km)
    last: tuple[float, int, float]


class Graph(NamedTuple):
    """The open part of the network: arcs out of and into each place, what the day closed."""

    arcs: Mapping[str, tuple[Arc, ...]]
    into: Mapping[str, tuple[tuple[str, Arc], ...]]
    closed: Mapping[str, str]  # id of a link or crossing closed by the day -> why
    places: Mapping[str, Place]
    #: Searches kept for the next question on the same graph (their costs depend only on it).
    memo: dict[object, object]

    @classmethod
    def of(
        cls,
        arcs: Mapping[str, tuple[Arc, ...]],
        closed: Mapping[str, str],
        places: Mapping[str, Place],
    ) -> Graph:
        """The graph of *arcs*, with the arcs into each place worked out once."""
        into: dict[str, list[tuple[str, Arc]]] = {}
        for tail, out in arcs.items():
            for arc in out:
                into.setdefault(arc.head, []).append((tail, arc))
        reverse = MappingProxyType({head: tuple(found) for head, found in into.items()})
        return cls(arcs, reverse, closed, places, {})

    def connects(self, sources: frozenset[str], targets: frozenset[str]) -> bool:
        """Whether any target can be reached from any source."""
        seen, todo = set(sources), list(sources)
        while todo:
            for arc in self.arcs.get(todo.pop(), ()):
                if arc.head in targets:
                    return True
                if arc.head not in seen:
                    seen.add(arc.head)
                    todo.append(arc.head)
        return False

    def without(self, places: frozenset[str]) -> Graph:
        """The graph with *places* and every arc touching them removed."""
        arcs = {
            tail: tuple(arc for arc in out if arc.head not in places)
            for tail, out in self.arcs.items()
            if tail not in places
        }
        return Graph.of(MappingProxyType(arcs), self.closed, self.places)


def _closure(thing: Link | Place, filters: Filters) -> str | None:
    """Why *thing* is shut on the filters' day, or None when it is open that day."""
    if _open(thing, filters, filters.day):
        return None
    status = thing.status_on(filters.day, filters.profile.service)
    if status is None:
        return f"has no known status on {filters.day}"
    back = reopens(thing, filters)
    again = f"; it reopens on {back}" if back else ""
    if status is LinkStatus.CLOSED and not in_season(thing.seasons, filters.day):
        windows = ", ".join(f"{s.opens}..{s.closes}" for s in thing.seasons)
        return f"is out of season on {filters.day} (open {windows} each year{again})"
    since = next(
        (
            s.start
            for s in thing.history
            if s.covers(filters.day, filters.profile.service) and s.start is not None
        ),
        None,
    )
    told = [f"since {since}"] if since else []
    told += [again[2:]] if again else []
    return f"is {status.value} on {filters.day}" + (f" ({'; '.join(told)})" if told else "")


def _open(thing: Link | Place, filters: Filters, day: dt.date) -> bool:
    status = thing.status_on(day, filters.profile.service)
    return status is not None and (
        status in filters.statuses
        or (isinstance(thing, Place) and status is LinkStatus.OPERATIONAL)
    )


def changes_after(thing: Link | Place, day: dt.date) -> list[dt.date]:
    """The days after *day* on which *thing*'s status may change: spell and season bounds.

    Seasons repeat every year, so their bounds are given for this year and the next.
    """
    found: set[dt.date] = set()
    for spell in thing.history:
        if spell.start is not None:
            found.add(spell.start)
        if spell.end is not None and spell.end < dt.date.max:
            found.add(spell.end + dt.timedelta(days=1))
    for year in (day.year, day.year + 1):
        for season in thing.seasons:
            for text, shift in ((season.opens, 0), (season.closes, 1)):
                month, date = (int(part) for part in text.split("-"))
                try:
                    found.add(dt.date(year, month, date) + dt.timedelta(days=shift))
                except ValueError:  # 29 February in a common year
                    found.add(dt.date(year, month, 28) + dt.timedelta(days=shift))
    return sorted(d for d in found if d > day)


def reopens(thing: Link | Place, filters: Filters) -> dt.date | None:
    """The first day after the filters' day on which *thing* is open again, if known."""
    return next((d for d in changes_after(thing, filters.day) if _open(thing, filters, d)), None)


def _place_usable(place: Place, filters: Filters) -> bool:
    return not set(place.countries) & filters.avoid_countries and (
        place.id not in filters.avoid_crossings
    )


def _usable_places(network: Network, filters: Filters, closed: dict[str, str]) -> dict[str, bool]:
    """Which places a route may pass: not avoided, and crossings open that day."""
    usable: dict[str, bool] = {}
    for place in network.places.values():
        ok = _place_usable(place, filters)
        if ok and not filters.lifts(place.id) and place.kind is PlaceKind.BORDER_CROSSING:
            why = _closure(place, filters)
            if why is not None:
                closed[place.id] = why
                ok = False
        usable[place.id] = ok
    return usable


def _link_open(link: Link, filters: Filters, closed: dict[str, str]) -> bool:
    """Whether *link* may be used that day; a closure that matters goes into *closed*."""
    ever = link.status in filters.statuses or any(
        s.status in filters.statuses for s in link.history
    )
    if filters.lifts(link.id):
        return ever
    why = _closure(link, filters)
    if why is not None and ever:
        closed[link.id] = why
    return why is None


def on_day(graph: Graph, network: Network, filters: Filters) -> Graph:
    """*graph*, open on a day as steady as its own (:meth:`Network.steady`), on the filters' day.

    The arcs are the same; only the reasons for the closures name the new day.
    """
    things: dict[str, Link | Place] = {link.id: link for link in network.links}
    things.update(network.places)
    closed = {ident: _closure(things[ident], filters) for ident in graph.closed}
    return graph._replace(closed=MappingProxyType({k: v for k, v in closed.items() if v}))


def open_graph(network: Network, filters: Filters, rates: Rates, *, by_time: bool) -> Graph:
    """The arcs open on the filters' day for their profile, best per carrier and pair."""
    closed: dict[str, str] = {}
    usable = _usable_places(network, filters, closed)
    best: dict[tuple[str, str, tuple[Mode, int | None]], Arc] = {}
    for link in network.links:
        if (
            link.mode not in filters.modes
            or not filters.services & set(link.services)
            or not (usable[link.origin] and usable[link.destination])
            or not _link_open(link, filters, closed)
        ):
            continue
        hours = rates.moving_hours(link)
        carrier = (link.mode, link.gauge_mm)
        operational = link.km if link.status is LinkStatus.OPERATIONAL else 0.0
        ends = [(link.origin, link.destination)]
        if link.two_way:
            ends.append((link.destination, link.origin))
        for tail, head in ends:
            at = network.cleared_at(tail, head, link.mode)
            dwell = 0.0 if at is None else rates.clearance(network.places[at], link.mode).hours
            label = (hours + dwell if by_time else link.km, 0, -operational)
            # a route ending at a crossing reaches it without clearing the border there
            last = (hours, 0, -operational) if by_time and at == head else label
            arc = Arc(head, link, carrier, link.km, hours, label, last)
            key = (tail, head, carrier)
            kept = best.get(key)
            if kept is None or _better(arc, kept):
                best[key] = arc
    arcs: dict[str, list[Arc]] = {}
    for (tail, _, _), arc in sorted(best.items(), key=lambda item: (item[0][0], item[0][1])):
        arcs.setdefault(tail, []).append(arc)
    return Graph.of(
        MappingProxyType({k: tuple(v) for k, v in arcs.items()}),
        MappingProxyType(closed),
        network.places,
    )


def other_post(tail: Place, head: Place) -> bool:
    """Whether *tail* and *head* are the two posts of one crossing (Saryagash and Keles)."""
    return is_crossing(tail) and is_crossing(head) and set(tail.border) == set(head.border)


def _better(arc: Arc, kept: Arc) -> bool:
    """Whether *arc* beats *kept* between the same places by the same carrier."""
    return (arc.label, arc.link.id) < (kept.label, kept.link.id)
