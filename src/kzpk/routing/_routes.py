"""Routes over the multimodal corridor network, asked on a day, for freight or passengers.

``build_route`` takes the part of the network open on the day for the profile (see
:mod:`kzpk.routing._network`), then searches it (:mod:`kzpk.routing._paths`): the best
route, then up to
``alternatives - 1`` others, each a distinct sequence of places, none visiting a place
twice. Times count moving time, port handling, the dwell at each border crossing (the
crossing's published figure where there is one), transload at each change of mode and at
each break of rail gauge — every figure cited in ``kzpk.load().parameters``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Final, Literal

from kzpk._spelling import choose
from kzpk.config._config import Config, current_config
from kzpk.dataset._dataset import Dataset, load
from kzpk.dataset._derived import Derived
from kzpk.exceptions import NoRouteError
from kzpk.model import Citation, LinkStatus, Mode, Place, PlaceKind
from kzpk.routing._diagnosis import no_route
from kzpk.routing._network import Filters, Graph, Network, Profile, Rates, open_graph, second_post
from kzpk.routing._options import (
    alternatives_count,
    country_code,
    crossing_id,
    day,
    factor,
    modes_of,
    optimize_by_time,
    statuses_of,
    stops_of,
    strings,
)
from kzpk.routing._paths import Costs, Path, best_paths, places_of, shared_fraction, visits_once
from kzpk.routing._types import CrossingStop, Leg, Route

_BEAM: Final = 4  # partial routes kept per alternative asked, when combining via segments


def build_route(
    origin: str,
    destination: str,
    *,
    via: Iterable[str] = (),
    avoid_countries: Iterable[str] = (),
    avoid_crossings: Iterable[str] = (),
    modes: Iterable[Mode | str] | None = None,
    profile: Profile | Literal["freight", "passenger"] = "freight",
    on: dt.date | None = None,
    include_planned: bool = False,
    statuses: Iterable[LinkStatus | str] | None = None,
    optimize: Literal["distance", "time"] = "distance",
    alternatives: int = 3,
    weight_factor: float = 1.4,
    share_factor: float = 0.6,
    dataset: Dataset | None = None,
) -> tuple[Route, ...]:
    """Return up to *alternatives* routes from *origin* to *destination*, best first.

    Args:
        origin: A place (id, name or alias, any case) or a country (code or name),
            which stands for that country's main hubs.
        destination: Likewise.
        via: Places or countries to pass through, in order.
        avoid_countries: Countries (codes or names) no place of the route may lie in;
            a border crossing lies in both its countries.
        avoid_crossings: Border crossings (names, aliases or ids) the route may not use.
        modes: Modes allowed; default rail, road and sea for freight, and air too for
            passengers. Pipelines only when asked for.
        profile: ``"freight"`` uses no passenger-only service (flights, passenger
            trains); ``"passenger"`` no freight-only one.
        on: The day; default the configured ``as_of``, else today. Only links and
            crossings open that day (statuses and seasons) are used.
        include_planned: Also use planned and under-construction links (never suspended,
            closed or superseded ones).
        statuses: The link statuses to use, in full (instead of *include_planned*).
        optimize: ``"distance"`` (km, plus the mode-change penalty) or ``"time"`` (hours).
        alternatives: How many routes at most, 1 to :data:`MAX_ALTERNATIVES`. The others
            are distinct place sequences, each costing at most *weight_factor* times the
            best and sharing at most *share_factor* of its length with a better one; there
            may be fewer.
        weight_factor: See *alternatives*; at least 1.
        share_factor: See *alternatives*; 0 to 1.
        dataset: The dataset; default :func:`kzpk.load`.

    Raises:
        NotFoundError: An unknown place, country, crossing, mode, status or profile, with
            the closest names.
        InvalidInputError: An endpoint or via point in an avoided country or crossing;
            identical consecutive stops; a bad option.
        NoRouteError: Nothing connects them; says which filter, closure or season cut it.
    """
    by_time = optimize_by_time(optimize)
    count = alternatives_count(alternatives)
    factor("weight_factor", weight_factor, 1.0, math.inf)
    factor("share_factor", share_factor, 0.0, 1.0)
    data = dataset if dataset is not None else load()
    network = Network.of(data)
    chosen = choose(Profile, profile, "profile")
    config = current_config()
    filters = Filters(
        day=day(on, config.as_of),
        profile=chosen,
        modes=modes_of(modes, chosen),
        statuses=statuses_of(statuses, include_planned=include_planned),
        services=frozenset({chosen.service}),
        avoid_countries=frozenset(
            country_code(network, c) for c in strings(avoid_countries, "avoid_countries")
        ),
        avoid_crossings=frozenset(
            crossing_id(network, c) for c in strings(avoid_crossings, "avoid_crossings")
        ),
    )
    waypoints = strings(via, "via")
    stops = stops_of(network, filters, origin, destination, waypoints)
    rates = Rates.resolve(data, config, freight=chosen is Profile.FREIGHT)
    costs = _Pricing(rates, by_time=by_time)
    graph = _graph(data, network, filters, (rates, config), by_time=by_time)
    segments = []
    for a, b in itertools.pairwise(stops):
        found = best_paths(
            graph,
            a,
            b,
            costs.search,
            count=count,
            weight_factor=weight_factor,
            share_factor=share_factor,
        )
        if not found:
            raise no_route(network, filters, rates, a, b, by_time=by_time)
        segments.append([path for _, path in found])
    paths = _combine(segments, count, graph, stops, costs.search)
    if not paths:
        raise NoRouteError(
            f"no route through {' and '.join(waypoints)} on {filters.day} "
            "that visits each place once"
        )
    routes = sorted(
        (_route(path, network.places, filters, costs) for path in paths),
        key=lambda r: (r.score, r.mode_changes + r.gauge_changes, r.distance_km, _ids(r)),
    )
    return _filtered(routes, count, weight_factor, share_factor, paths)


_GRAPHS_KEPT: Final = 8


#: The graphs of the days and filters asked about, per dataset.
_GRAPHS: Final[Derived[dict[object, Graph]]] = Derived("kzpk.routing.graphs", lambda _: {})


def _graph(
    data: Dataset,
    network: Network,
    filters: Filters,
    rated: tuple[Rates, Config],
    *,
    by_time: bool,
) -> Graph:
    """The open graph for these filters, kept on the dataset for the next few questions."""
    kept: dict[object, Graph] = data.derived(_GRAPHS)
    rates, config = rated
    key = (filters, config, by_time)
    graph = kept.pop(key, None)
    if graph is None:
        graph = open_graph(network, filters, rates, by_time=by_time)
    kept[key] = graph  # most recent last
    while len(kept) > _GRAPHS_KEPT:
        del kept[next(iter(kept))]
    return graph


def _ids(route: Route) -> tuple[str, ...]:
    return tuple(leg.link for leg in route.legs)


def _filtered(
    routes: list[Route], count: int, weight_factor: float, share_factor: float, paths: list[Path]
) -> tuple[Route, ...]:
    """The best route, then the others within both factors, distinct by place sequence."""
    by_links = {_link_ids(p): p for p in paths}
    kept: list[Route] = []
    kept_paths: list[Path] = []
    seen: set[tuple[str, ...]] = set()
    for route in routes:
        sequence = tuple(p.id for p in route.places)
        path = by_links[_ids(route)]
        if sequence in seen:
            continue
        if kept and (
            route.score > weight_factor * kept[0].score
            or shared_fraction(path, kept_paths) > share_factor
        ):
            continue
        seen.add(sequence)
        kept.append(route)
        kept_paths.append(path)
        if len(kept) == count:
            break
    return tuple(kept)


def _combine(
    segments: list[list[Path]],
    count: int,
    graph: Graph,
    stops: list[frozenset[str]],
    costs: Costs,
) -> list[Path]:
    """Whole paths of one candidate per segment that visit no place twice, cheapest first."""
    if len(segments) == 1:
        return segments[0]
    partial: list[tuple[float, Path]] = [(0.0, ())]
    for options in segments:
        joined = [
            (cost + sum(arc.label[0] for _, arc in option), (*path, *option))
            for (cost, path), option in itertools.product(partial, options)
        ]
        partial = sorted(
            (j for j in joined if visits_once(j[1])), key=lambda j: (j[0], _link_ids(j[1]))
        )[: count * _BEAM]
    if partial:
        return [path for _, path in partial]
    return _one_by_one(segments, graph, stops, costs)


def _one_by_one(
    segments: list[list[Path]], graph: Graph, stops: list[frozenset[str]], costs: Costs
) -> list[Path]:
    """The best path stop by stop, each segment kept off the places of those before."""
    whole: Path = segments[0][0]
    for a, b in itertools.pairwise(stops[1:]):
        used = frozenset(places_of(whole)) - a
        found = best_paths(
            graph.without(used), a, b, costs, count=1, weight_factor=1.0, share_factor=1.0
        )
        if not found:
            return []
        whole = (*whole, *found[0][1])
    return [whole]


def _link_ids(path: Path) -> tuple[str, ...]:
    return tuple(arc.link.id for _, arc in path)


class _Pricing:
    """The costs of one question: hours always, and the optimised metric."""

    __slots__ = ("by_time", "distance", "rates", "search", "timing")

    def __init__(self, rates: Rates, *, by_time: bool) -> None:
        self.rates = rates
        self.by_time = by_time
        self.timing = Costs(rates, by_time=True)
        self.distance = Costs(rates, by_time=False)
        self.search = self.timing if by_time else self.distance


def _route(path: Path, places: Mapping[str, Place], filters: Filters, costs: _Pricing) -> Route:
    """The :class:`Route` of *path*: legs, crossings and totals."""
    legs = []
    crossings = []
    for tail, arc in path:
        link = arc.link
        destination = places[arc.head]
        legs.append(
            Leg(
                origin=places[tail],
                destination=destination,
                mode=link.mode,
                km=link.km,
                hours=costs.rates.moving_hours(link),
                status=link.status_on(filters.day, filters.profile.service) or link.status,
                gauge_mm=link.gauge_mm,
                basis=link.basis,
                corridors=link.corridors,
                link=link.id,
                citations=link.citations,
            )
        )
        if destination.kind is PlaceKind.BORDER_CROSSING and not second_post(
            places[tail], destination
        ):
            hours, published = costs.rates.dwell_hours(destination, link.mode)
            cited = _dwell_citations(destination, link.mode, costs.rates)
            crossings.append(CrossingStop(destination, link.mode, hours, published, cited))
    carriers = [arc.carrier for _, arc in path]
    changes = list(itertools.pairwise(carriers))
    transload = math.fsum(costs.timing.change(a, b)[0] for a, b in changes)
    hours = math.fsum(leg.hours for leg in legs) + math.fsum(c.hours for c in crossings)
    hours += transload
    distance = math.fsum(leg.km for leg in legs)
    penalties = math.fsum(costs.distance.change(a, b)[0] for a, b in changes)
    return Route(
        legs=tuple(legs),
        crossings=tuple(crossings),
        distance_km=distance,
        hours=hours,
        score=hours if costs.by_time else distance + penalties,
        on=filters.day,
        profile=filters.profile,
        countries=_countries(legs),
        corridors=tuple(dict.fromkeys(c for leg in legs for c in leg.corridors)),
        is_operational=all(leg.status is LinkStatus.OPERATIONAL for leg in legs),
        mode_changes=sum(a[0] is not b[0] for a, b in changes),
        gauge_changes=sum(a[0] is b[0] and a != b for a, b in changes),
        transload_hours=transload,
    )


def _dwell_citations(place: Place, mode: Mode, rates: Rates) -> tuple[Citation, ...]:
    own = next((d.citations for d in place.dwell if d.mode is mode), None)
    return own if own is not None else rates.border_citations[mode]


def _countries(legs: list[Leg]) -> tuple[str, ...]:
    places = [legs[0].origin, *(leg.destination for leg in legs)]
    last = len(places) - 1
    named = [
        p.country
        for index, p in enumerate(places)
        if p.kind is not PlaceKind.BORDER_CROSSING or index in (0, last)
    ]
    return tuple(c for c, _ in itertools.groupby(named))
