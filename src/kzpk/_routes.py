"""Routes over the multimodal corridor network (networkx, imported on first use).

The network is a graph of ``(place, mode, arrive|depart)`` nodes: travel edges run from
a departure node to an arrival node of one mode; at a place an arrival continues in its
mode or changes mode (costing ``Config.mode_change_hours`` when optimising time); each
place has an entry node leading to its departures and an exit node its arrivals lead to.
So every sequence of legs is exactly one path (no duplicate alternatives), parallel links
of different modes stay distinct, and every leg keeps its mode. One graph is built per
dataset, filter set and configuration, then reused; it is never changed by a query.

Lengths of links with ``basis="estimated"`` are great-circle distance times the mode's
circuity factor in :data:`CIRCUITY` (typical road and rail network circuity in the range
reported by Ballou, Rahardja and Sakai, "Selected country circuity factors for road
travel distance estimation", Transportation Research Part A 36 (2002) 843–848).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from kzpk._dataset import Dataset, load
from kzpk._model import Citation, Link, LinkStatus, Mode, Place
from kzpk._names import NameIndex, suggest
from kzpk._settings import Config, current_config
from kzpk.exceptions import InvalidInputError, NoRouteError, NotFoundError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CIRCUITY", "TRANSPORT_MODES", "Leg", "Route", "build_route", "great_circle_km"]

#: Network distance over great-circle distance, per mode, for estimated link lengths.
CIRCUITY: Final[Mapping[Mode, float]] = MappingProxyType(
    {Mode.RAIL: 1.3, Mode.ROAD: 1.3, Mode.SEA: 1.2, Mode.AIR: 1.05, Mode.PIPELINE: 1.1}
)
#: The modes a route uses when ``modes`` is not given: pipelines carry gas, not freight.
TRANSPORT_MODES: Final = frozenset({Mode.RAIL, Mode.ROAD, Mode.SEA, Mode.AIR})
_EARTH_RADIUS_KM: Final = 6371.0088
_IN: Final = "in"
_OUT: Final = "out"
_ARRIVE: Final = "arrive"
_DEPART: Final = "depart"


def great_circle_km(a: Place, b: Place) -> float:
    """Return the great-circle (haversine) distance between two places, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@attrs.frozen
class Leg:
    """One leg of a route: a link travelled in one direction.

    Attributes:
        origin: Where the leg starts.
        destination: Where it ends.
        mode: Rail, road, sea, air or pipeline.
        km: Its length.
        hours: Its travel time at the configured speed (dwell times are in ``Route.hours``).
        status: The link's status.
        corridors: Ids of the corridors the link belongs to.
        link: The id of the link.
        citations: The link's citations.
    """

    origin: Place
    destination: Place
    mode: Mode
    km: float
    hours: float
    status: LinkStatus
    corridors: tuple[str, ...]
    link: str
    citations: tuple[Citation, ...]


@attrs.frozen
class Route:
    """A route: legs from origin to destination, with totals.

    Attributes:
        legs: The legs, in order.
        distance_km: Total length.
        hours: Estimated time: travel plus a dwell per border crossing and mode change.
        countries: ISO codes of the countries passed, in order, without repeats in a row.
        corridors: Ids of the corridors used, in order of first use.
        is_operational: Whether every leg is operational today.
        border_crossings: How many legs cross a border.
        mode_changes: How many times the mode changes.
    """

    legs: tuple[Leg, ...]
    distance_km: float
    hours: float
    countries: tuple[str, ...]
    corridors: tuple[str, ...]
    is_operational: bool
    border_crossings: int
    mode_changes: int

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place on the route, origin first."""
        return (self.legs[0].origin, *(leg.destination for leg in self.legs))

    def to_geojson(self) -> dict[str, Any]:
        """Return the route as a GeoJSON FeatureCollection (RFC 7946: longitude first)."""
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [leg.origin.longitude, leg.origin.latitude],
                        [leg.destination.longitude, leg.destination.latitude],
                    ],
                },
                "properties": {
                    "origin": leg.origin.id,
                    "destination": leg.destination.id,
                    "mode": leg.mode.value,
                    "km": leg.km,
                    "status": leg.status.value,
                    "corridors": list(leg.corridors),
                    "link": leg.link,
                },
            }
            for leg in self.legs
        ]
        return {
            "type": "FeatureCollection",
            "features": features,
            "properties": {
                "distance_km": self.distance_km,
                "hours": self.hours,
                "countries": list(self.countries),
            },
        }

    def __str__(self) -> str:
        """One line of totals, then one line per leg."""
        state = "operational" if self.is_operational else "not all operational"
        head = (
            f"{self.legs[0].origin.name} → {self.legs[-1].destination.name}: "
            f"{self.distance_km:,.0f} km, ~{self.hours:,.0f} h, {'–'.join(self.countries)} "
            f"({state})"
        )
        width = max(len(leg.origin.name) for leg in self.legs)
        to_width = max(len(leg.destination.name) for leg in self.legs)
        lines = [
            f"  {leg.origin.name:<{width}} → {leg.destination.name:<{to_width}}  "
            f"{leg.mode.value:<8}"
            f"{leg.km:>7,.0f} km  {leg.status.value}"
            for leg in self.legs
        ]
        return "\n".join([head, *lines])


@attrs.frozen
class _Filters:
    modes: frozenset[Mode]
    include_planned: bool
    avoid: frozenset[str]

    def allows(self, link: Link, places: Mapping[str, Place]) -> bool:
        return (
            link.mode in self.modes
            and (self.include_planned or link.status is LinkStatus.OPERATIONAL)
            and places[link.origin].country not in self.avoid
            and places[link.destination].country not in self.avoid
        )


@attrs.frozen
class _Network:
    places: Mapping[str, Place]
    links: Mapping[str, Link]
    place_names: NameIndex
    hubs: Mapping[str, tuple[str, ...]]
    countries: NameIndex


@functools.lru_cache(maxsize=4)
def _network(dataset: Dataset) -> _Network:
    places = {p.id: p for p in dataset.places}
    hubs: dict[str, list[str]] = {}
    for place in dataset.places:
        if place.hub:
            hubs.setdefault(place.country, []).append(place.id)
    return _Network(
        places=MappingProxyType(places),
        links=MappingProxyType({link.id: link for link in dataset.links}),
        place_names=NameIndex(
            "place", ((n, p.id) for p in dataset.places for n in (p.name, *p.aliases, p.id))
        ),
        hubs=MappingProxyType({k: tuple(v) for k, v in hubs.items()}),
        countries=NameIndex(
            "country",
            ((n, c.code) for c in dataset.countries for n in (c.name, *c.aliases, c.code)),
        ),
    )


def _speed(config: Config, mode: Mode) -> float:
    speed: float = getattr(config, f"speed_{mode.value}_kmh")
    return speed


def _border_hours(config: Config, mode: Mode) -> float:
    if mode is Mode.RAIL:
        return config.border_hours_rail
    if mode is Mode.ROAD:
        return config.border_hours_road
    return config.border_hours_other


@functools.lru_cache(maxsize=32)
def _graph(dataset: Dataset, filters: _Filters, config: Config) -> nx.DiGraph[Any]:
    import networkx as nx

    network = _network(dataset)
    graph: nx.DiGraph[Any] = nx.DiGraph()
    modes_at: dict[str, set[Mode]] = {}
    for link in network.links.values():
        if not filters.allows(link, network.places):
            continue
        ends = [(link.origin, link.destination)]
        if link.two_way:
            ends.append((link.destination, link.origin))
        crossing = network.places[link.origin].country != network.places[link.destination].country
        hours = link.km / _speed(config, link.mode)
        dwell = _border_hours(config, link.mode) if crossing else 0.0
        for start, end in ends:
            modes_at.setdefault(start, set()).add(link.mode)
            modes_at.setdefault(end, set()).add(link.mode)
            key = ((start, link.mode, _DEPART), (end, link.mode, _ARRIVE))
            best = graph.get_edge_data(*key)
            if best is None or link.km < best["distance"]:
                graph.add_edge(*key, distance=link.km, time=hours + dwell, link=link.id)
    for place, modes in modes_at.items():
        for mode in modes:
            graph.add_edge((place, _IN), (place, mode, _DEPART), distance=0.0, time=0.0)
            graph.add_edge((place, mode, _ARRIVE), (place, _OUT), distance=0.0, time=0.0)
            graph.add_edge((place, mode, _ARRIVE), (place, mode, _DEPART), distance=0.0, time=0.0)
        for a, b in itertools.permutations(modes, 2):
            graph.add_edge(
                (place, a, _ARRIVE),
                (place, b, _DEPART),
                distance=0.0,
                time=config.mode_change_hours,
            )
    return graph


def _resolve_modes(modes: Iterable[Mode | str] | None) -> frozenset[Mode]:
    if modes is None:
        return TRANSPORT_MODES
    if isinstance(modes, str):
        modes = (modes,)
    chosen = set()
    valid = [m.value for m in Mode]
    for mode in modes:
        if isinstance(mode, Mode):
            chosen.add(mode)
        elif isinstance(mode, str) and mode.strip().lower() in valid:
            chosen.add(Mode(mode.strip().lower()))
        else:
            hint = suggest(str(mode), valid)
            raise NotFoundError(f"unknown mode {mode!r}{hint}; valid: {', '.join(valid)}")
    if not chosen:
        raise InvalidInputError("modes is empty; give at least one of " + ", ".join(valid))
    return frozenset(chosen)


def _endpoints(network: _Network, name: str, what: str) -> tuple[str, ...]:
    """Place ids a name stands for: a place, or a country's main hubs."""
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a place or country name, not {type(name).__name__}")
    place = network.place_names.get(name)
    if place is not None:
        return (place,)
    country = network.countries.get(name)
    if country is not None:
        hubs = network.hubs.get(country) or tuple(
            p.id for p in network.places.values() if p.country == country
        )
        if hubs:
            return hubs
        raise NotFoundError(f"{what} {name!r} is a country with no place in the network")
    hint = suggest(name, [*network.place_names.labels, *network.countries.labels])
    raise NotFoundError(
        f"unknown {what} {name!r}{hint or ': not a place or country in the network'}"
    )


_Step = tuple[str, str, str]  # (from place, to place, link id)


def _steps(graph: nx.DiGraph[Any], path: list[tuple[str, object]]) -> tuple[_Step, ...]:
    return tuple(
        (u[0], v[0], graph.edges[u, v]["link"])
        for u, v in itertools.pairwise(path)
        if "link" in graph.edges[u, v]
    )


def _candidate_paths(
    graph: nx.DiGraph[Any], sources: tuple[str, ...], targets: tuple[str, ...], weight: str, k: int
) -> list[tuple[float, tuple[_Step, ...]]]:
    """Up to *k* cheapest distinct leg sequences from any source to any target."""
    import networkx as nx

    found: dict[tuple[_Step, ...], float] = {}
    for source, target in itertools.product(sources, targets):
        start, end = (source, _IN), (target, _OUT)
        if start not in graph or end not in graph:
            continue
        distinct = 0
        try:
            for path in nx.shortest_simple_paths(graph, start, end, weight=weight):
                steps = _steps(graph, path)
                if steps not in found:
                    found[steps] = nx.path_weight(graph, path, weight)
                    distinct += 1
                if distinct >= k:
                    break
        except nx.NetworkXNoPath:
            continue
    return heapq.nsmallest(k, ((cost, steps) for steps, cost in found.items()))


def _combine(
    segments: list[list[tuple[float, tuple[_Step, ...]]]], k: int
) -> list[tuple[_Step, ...]]:
    """The *k* cheapest distinct chains of one candidate per segment (between via points)."""
    best: dict[tuple[_Step, ...], float] = {}
    for choice in itertools.product(*segments):
        steps = tuple(itertools.chain.from_iterable(p for _, p in choice))
        cost = sum(c for c, _ in choice)
        best[steps] = min(cost, best.get(steps, math.inf))
    return [steps for _, steps in heapq.nsmallest(k, ((c, s) for s, c in best.items()))]


def _route(network: _Network, steps: tuple[_Step, ...], config: Config) -> Route:
    legs = []
    for start, end, link_id in steps:
        link = network.links[link_id]
        legs.append(
            Leg(
                origin=network.places[start],
                destination=network.places[end],
                mode=link.mode,
                km=link.km,
                hours=link.km / _speed(config, link.mode),
                status=link.status,
                corridors=link.corridors,
                link=link.id,
                citations=link.citations,
            )
        )
    crossings = [leg for leg in legs if leg.origin.country != leg.destination.country]
    changes = sum(a.mode is not b.mode for a, b in itertools.pairwise(legs))
    countries = [legs[0].origin.country] + [leg.destination.country for leg in legs]
    return Route(
        legs=tuple(legs),
        distance_km=math.fsum(leg.km for leg in legs),
        hours=math.fsum(leg.hours for leg in legs)
        + math.fsum(_border_hours(config, leg.mode) for leg in crossings)
        + changes * config.mode_change_hours,
        countries=tuple(c for c, _ in itertools.groupby(countries)),
        corridors=tuple(dict.fromkeys(c for leg in legs for c in leg.corridors)),
        is_operational=all(leg.status is LinkStatus.OPERATIONAL for leg in legs),
        border_crossings=len(crossings),
        mode_changes=changes,
    )


def _connected(
    dataset: Dataset, filters: _Filters, config: Config, a: tuple[str, ...], b: tuple[str, ...]
) -> bool:
    import networkx as nx

    graph = _graph(dataset, filters, config)
    return any(
        (s, _IN) in graph and (t, _OUT) in graph and nx.has_path(graph, (s, _IN), (t, _OUT))
        for s, t in itertools.product(a, b)
    )


def _no_route(
    dataset: Dataset, filters: _Filters, config: Config, a: tuple[str, ...], b: tuple[str, ...]
) -> NoRouteError:
    """Explain which filter cut the network between *a* and *b*."""
    names = f"{'/'.join(a)} and {'/'.join(b)}"
    relaxations = {
        f"avoid_countries={sorted(filters.avoid)}": attrs.evolve(filters, avoid=frozenset()),
        f"modes={sorted(m.value for m in filters.modes)}": attrs.evolve(
            filters, modes=frozenset(Mode)
        ),
        "include_planned=False": attrs.evolve(filters, include_planned=True),
    }
    culprits = [
        label
        for label, relaxed in relaxations.items()
        if relaxed != filters and _connected(dataset, relaxed, config, a, b)
    ]
    if culprits:
        return NoRouteError(f"no route between {names}: cut by {' or by '.join(culprits)}")
    everything = _Filters(frozenset(Mode), include_planned=True, avoid=frozenset())
    if everything != filters and _connected(dataset, everything, config, a, b):
        return NoRouteError(f"no route between {names}: cut by these filters together")
    return NoRouteError(f"no route between {names}: no links connect them in the network")


def _avoided(
    network: _Network, ids: tuple[str, ...], avoid: frozenset[str], what: str, name: str
) -> tuple[str, ...]:
    kept = tuple(i for i in ids if network.places[i].country not in avoid)
    if not kept:
        country = network.places[ids[0]].country
        raise InvalidInputError(
            f"{what} {name!r} lies in {country}, which avoid_countries excludes"
        )
    return kept


def build_route(
    origin: str,
    destination: str,
    *,
    via: Iterable[str] = (),
    avoid_countries: Iterable[str] = (),
    modes: Iterable[Mode | str] | None = None,
    include_planned: bool = True,
    optimize: Literal["distance", "time"] = "distance",
    alternatives: int = 3,
    dataset: Dataset | None = None,
) -> tuple[Route, ...]:
    """Return up to *alternatives* distinct routes from *origin* to *destination*, best first.

    Args:
        origin: A place (id, name or alias, any case) or a country (code or name),
            which stands for that country's main hubs.
        destination: Likewise.
        via: Places or countries to pass through, in order.
        avoid_countries: Countries (codes or names) no place of the route may lie in.
        modes: Modes allowed (default rail, road, sea and air; pipelines only on request).
        include_planned: Whether links not yet operational may be used; False keeps
            operational links only.
        optimize: ``"distance"`` (km) or ``"time"`` (hours with the configured speeds and
            dwell times per border crossing and mode change).
        alternatives: How many routes at most (k shortest simple paths, deduplicated).
        dataset: The dataset; default :func:`kzpk.load`.

    Raises:
        NotFoundError: An unknown place, country or mode, with the closest names.
        InvalidInputError: Origin, destination or a via point in an avoided country;
            identical consecutive stops; a bad *optimize* or *alternatives*.
        NoRouteError: Nothing connects them under the filters; says which filter cut it.
    """
    if optimize not in ("distance", "time"):
        raise InvalidInputError(f"optimize must be 'distance' or 'time', not {optimize!r}")
    if isinstance(alternatives, bool) or not isinstance(alternatives, int) or alternatives < 1:
        raise InvalidInputError(f"alternatives must be a whole number ≥ 1, not {alternatives!r}")
    data = dataset if dataset is not None else load()
    network = _network(data)
    avoid = frozenset(
        network.countries.resolve(c)
        for c in ((avoid_countries,) if isinstance(avoid_countries, str) else avoid_countries)
    )
    filters = _Filters(_resolve_modes(modes), include_planned, avoid)
    named = [
        ("origin", origin),
        *(("via", v) for v in ((via,) if isinstance(via, str) else via)),
        ("destination", destination),
    ]
    stops = [_avoided(network, _endpoints(network, n, w), avoid, w, n) for w, n in named]
    for (_, first), (_, second), a, b in zip(named, named[1:], stops, stops[1:], strict=False):
        if set(a) & set(b):
            raise InvalidInputError(
                f"consecutive stops {first!r} and {second!r} are the same place"
            )
    config = current_config()
    graph = _graph(data, filters, config)
    segments = []
    for a, b in itertools.pairwise(stops):
        candidates = _candidate_paths(graph, a, b, optimize, alternatives)
        if not candidates:
            raise _no_route(data, filters, config, a, b)
        segments.append(candidates)
    routes = [_route(network, steps, config) for steps in _combine(segments, alternatives)]
    return tuple(sorted(routes, key=lambda r: (_cost(r, optimize), len(r.legs))))


def _cost(route: Route, optimize: str) -> float:
    return route.distance_km if optimize == "distance" else route.hours
