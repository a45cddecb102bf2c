"""The corridor network as the route builder sees it on one day, for one profile.

A :class:`Network` (built once per dataset, kept on it) holds the places, the links and
the name indexes. :func:`open_graph` takes the part of it that is open on a day for a
profile under the filters, with every arc costed: moving time (km over the mode's speed,
plus port handling on sea legs) and the dwell at a border crossing on arrival there. The
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

from kzpk.config._config import Config
from kzpk.dataset._derived import Derived
from kzpk.exceptions import DatasetError, Problem
from kzpk.model import (
    Citation,
    Link,
    LinkStatus,
    Mode,
    Place,
    PlaceKind,
    Service,
    Terrain,
)
from kzpk.model._network import in_season

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset
    from kzpk.names._resolve import Resolver

__all__ = [
    "CIRCUITY",
    "OPEN_STATUSES",
    "PLANNED_STATUSES",
    "Profile",
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


_PARAMETERS: Final = {  # parameter id -> the Config field that overrides it
    **{f"speed-{m.value}": f"speed_{m.value}_kmh" for m in Mode},
    "dwell-border-rail": "border_hours_rail",
    "dwell-border-road": "border_hours_road",
    "dwell-border-other": "border_hours_other",
    "transload-mode": "mode_change_hours",
    "transload-gauge": "gauge_change_hours",
    "dwell-port": "port_hours",
    "penalty-mode-change-km": "mode_change_penalty_km",
    "road-driving-hours": "road_driving_hours",
}


class Rates(NamedTuple):
    """The figures a route is costed with: the configuration's, else the dataset's."""

    speed: Mapping[Mode, float]
    border: Mapping[Mode, float]
    mode_change_hours: float
    gauge_change_hours: float
    port_hours: float
    mode_change_penalty_km: float
    road_day_factor: float  # elapsed over driving hours on a freight road leg
    border_citations: Mapping[Mode, tuple[Citation, ...]]

    @classmethod
    def resolve(cls, dataset: Dataset, config: Config, *, freight: bool = True) -> Rates:
        """Read every figure from *config* where set, else from the dataset's parameters.

        For *freight*, road legs take their driving time spread over working days of
        ``road-driving-hours`` (trucks rest; coaches and cars are not modelled so).
        """
        cited = {p.id: p.value for p in dataset.parameters}
        sources = {p.id: p.citations for p in dataset.parameters}
        values: dict[str, float] = {}
        for ident, field in _PARAMETERS.items():
            given: float | None = getattr(config, field)
            value = given if given is not None else cited.get(ident)
            if value is None:
                missing = f"no parameter {ident!r}"
                raise DatasetError([Problem("parameters.json", "$.parameters", "rule", missing)])
            values[ident] = value
        other = values["dwell-border-other"]
        return cls(
            speed=MappingProxyType({m: values[f"speed-{m.value}"] for m in Mode}),
            border=MappingProxyType(
                {
                    m: values.get(f"dwell-border-{m.value}", other)
                    for m in Mode
                    if m in (Mode.RAIL, Mode.ROAD)
                }
                | {m: other for m in Mode if m not in (Mode.RAIL, Mode.ROAD)}
            ),
            mode_change_hours=values["transload-mode"],
            gauge_change_hours=values["transload-gauge"],
            port_hours=values["dwell-port"],
            mode_change_penalty_km=values["penalty-mode-change-km"],
            road_day_factor=24 / values["road-driving-hours"] if freight else 1.0,
            border_citations=MappingProxyType(
                {
                    m: sources.get(
                        f"dwell-border-{m.value}"
                        if m in (Mode.RAIL, Mode.ROAD)
                        else "dwell-border-other",
                        (),
                    )
                    for m in Mode
                }
            ),
        )

    def moving_hours(self, link: Link) -> float:
        """Hours over *link*: on the move, with a truck's rest stops and a ship's port time."""
        hours = link.km / self.speed[link.mode]
        if link.mode is Mode.ROAD:
            return hours * self.road_day_factor
        return hours + self.port_hours if link.mode is Mode.SEA else hours

    def dwell_hours(self, place: Place, mode: Mode) -> tuple[float, bool]:
        """Hours at *place* on arrival by *mode*: its published dwell, else the default.

        The flag says whether the figure is the crossing's own. Places that are not
        border crossings cost nothing.
        """
        if place.kind is not PlaceKind.BORDER_CROSSING:
            return 0.0, False
        for dwell in place.dwell:
            if dwell.mode is mode:
                return dwell.hours, True
        return self.border[mode], False


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

    @classmethod
    def of(cls, dataset: Dataset) -> Network:
        """The dataset's network, built on first use."""
        return dataset.derived(_NETWORK)

    @classmethod
    def build(cls, dataset: Dataset) -> Network:
        """Build the network of *dataset* (:meth:`of` keeps it on the dataset)."""
        from kzpk.names._resolve import resolver  # names in every script

        hubs: dict[str, list[str]] = {}
        for place in dataset.places:
            if place.hub:
                hubs.setdefault(place.country, []).append(place.id)
        return cls(
            places=MappingProxyType({p.id: p for p in dataset.places}),
            links=tuple(sorted(dataset.links, key=lambda link: link.id)),
            stops=resolver(dataset, "places", "countries", what="place or country"),
            crossings=resolver(dataset, "places", what="border crossing", only=is_crossing),
            countries=resolver(dataset, "countries"),
            hubs=MappingProxyType({k: tuple(v) for k, v in hubs.items()}),
        )


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
    """One way over one link, costed; *label* is what the search adds for it."""

    head: str
    link: Link
    carrier: tuple[Mode, int | None]
    km: float
    hours: float
    dwell: float
    label: tuple[float, int, float]  # (optimised cost, changes, -operational km)


class Graph(NamedTuple):
    """The open part of the network: arcs out of and into each place, what the day closed."""

    arcs: Mapping[str, tuple[Arc, ...]]
    into: Mapping[str, tuple[tuple[str, Arc], ...]]
    closed: Mapping[str, str]  # id of a link or crossing closed by the day -> why

    @classmethod
    def of(cls, arcs: Mapping[str, tuple[Arc, ...]], closed: Mapping[str, str]) -> Graph:
        """The graph of *arcs*, with the arcs into each place worked out once."""
        into: dict[str, list[tuple[str, Arc]]] = {}
        for tail, out in arcs.items():
            for arc in out:
                into.setdefault(arc.head, []).append((tail, arc))
        reverse = MappingProxyType({head: tuple(found) for head, found in into.items()})
        return cls(arcs, reverse, closed)

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
        return Graph.of(MappingProxyType(arcs), self.closed)


def _closure(thing: Link | Place, filters: Filters) -> str | None:
    """Why *thing* is shut on the filters' day, or None when it is open that day."""
    status = thing.status_on(filters.day, filters.profile.service)
    if status is None:
        return f"has no known status on {filters.day}"
    if status in filters.statuses or (
        isinstance(thing, Place) and status is LinkStatus.OPERATIONAL
    ):
        return None
    if status is LinkStatus.CLOSED and not in_season(thing.seasons, filters.day):
        windows = ", ".join(f"{s.opens}..{s.closes}" for s in thing.seasons)
        return f"is out of season on {filters.day} (open {windows} each year)"
    since = next(
        (
            s.start
            for s in thing.history
            if s.covers(filters.day, filters.profile.service) and s.start is not None
        ),
        None,
    )
    return f"is {status.value} on {filters.day}" + (f" (since {since})" if since else "")


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
            dwell = _arrival_dwell(network.places[tail], network.places[head], link, rates)
            label = (hours + dwell if by_time else link.km, 0, -operational)
            arc = Arc(head, link, carrier, link.km, hours, dwell, label)
            key = (tail, head, carrier)
            kept = best.get(key)
            if kept is None or _better(arc, kept):
                best[key] = arc
    arcs: dict[str, list[Arc]] = {}
    for (tail, _, _), arc in sorted(best.items(), key=lambda item: (item[0][0], item[0][1])):
        arcs.setdefault(tail, []).append(arc)
    return Graph.of(
        MappingProxyType({k: tuple(v) for k, v in arcs.items()}), MappingProxyType(closed)
    )


def second_post(tail: Place, head: Place) -> bool:
    """Whether *head* is the far post of a crossing whose two posts are separate places.

    The border is cleared once, at the first post (Saryagash, then Keles).
    """
    return tail.kind is PlaceKind.BORDER_CROSSING and set(tail.border) == set(head.border)


def _arrival_dwell(tail: Place, head: Place, link: Link, rates: Rates) -> float:
    """Dwell on arriving at *head* by *link*: the crossing's, unless it is a second post."""
    return 0.0 if second_post(tail, head) else rates.dwell_hours(head, link.mode)[0]


def _better(arc: Arc, kept: Arc) -> bool:
    """Whether *arc* beats *kept* between the same places by the same carrier."""
    return (arc.label, arc.link.id) < (kept.label, kept.link.id)
