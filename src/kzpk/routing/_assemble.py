"""A :class:`~kzpk.routing._types.Route` from a path the search found.

The legs with their statuses on the day, the border crossings cleared and what each
clearance takes, the changes of carrier priced, and the totals: every figure with the
citations it comes from.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from kzpk.model import LinkStatus, Place, PlaceKind
from kzpk.routing._network import Arc, Carrier, Filters, Network, Rates
from kzpk.routing._paths import Path
from kzpk.routing._types import ChangeStop, CrossingStop, Leg, Route

__all__ = ["assemble"]


def assemble(
    path: Path,
    network: Network,
    filters: Filters,
    rates: Rates,
    kept: dict[object, object],
    *,
    by_time: bool,
) -> Route:
    """The :class:`Route` of *path* on the day of *filters*: legs, crossings, changes, totals.

    Its score is its hours when *by_time*, else its km and the penalty per change of mode.
    Each leg, and the crossing it clears, is made once per day's graph and *kept* in its
    memo: on days that share a graph, no link or crossing changes status.
    """
    places = network.places
    made: dict[tuple[str, Arc], tuple[Leg, CrossingStop | None]]
    made = kept.setdefault("legs", {})  # type: ignore[assignment]
    legs = []
    crossings = []
    last = len(path) - 1  # a crossing the route ends at is reached, not cleared
    for index, (tail, arc) in enumerate(path):
        found = made.get((tail, arc))
        if found is None:
            found = made[(tail, arc)] = _leg(tail, arc, network, filters, rates)
        leg, crossing = found
        legs.append(leg)
        if crossing is not None and (index != last or crossing.place.id == tail):
            crossings.append(crossing)
    changes = _changes(path, places, rates)
    carriers = [arc.carrier for _, arc in path]
    pairs = list(itertools.pairwise(carriers))
    transload = math.fsum(c.hours for c in changes)
    hours = math.fsum(leg.hours for leg in legs) + math.fsum(c.hours for c in crossings)
    hours += transload
    distance = math.fsum(leg.km for leg in legs)
    penalties = sum(rates.mode_change_penalty_km for a, b in pairs if a[0] is not b[0])
    passed = [legs[0].origin, *(leg.destination for leg in legs)]
    crossing_ok = all(
        _place_status(p, filters) is LinkStatus.OPERATIONAL
        for p in passed
        if p.kind is PlaceKind.BORDER_CROSSING
    )
    return Route(
        legs=tuple(legs),
        crossings=tuple(crossings),
        distance_km=distance,
        hours=hours,
        score=hours if by_time else distance + penalties,
        on=filters.day,
        profile=filters.profile,
        countries=_countries(legs),
        corridors=tuple(dict.fromkeys(c for leg in legs for c in leg.corridors)),
        is_operational=crossing_ok and all(leg.status is LinkStatus.OPERATIONAL for leg in legs),
        mode_changes=sum(a[0] is not b[0] for a, b in pairs),
        gauge_changes=sum(a[0] is b[0] and a != b for a, b in pairs),
        transload_hours=transload,
        changes=tuple(changes),
    )


def _leg(
    tail: str, arc: Arc, network: Network, filters: Filters, rates: Rates
) -> tuple[Leg, CrossingStop | None]:
    """The leg of *arc* from *tail*, and the crossing whose clearance it takes, if any."""
    places, link = network.places, arc.link
    leg = Leg(
        origin=places[tail],
        destination=places[arc.head],
        mode=link.mode,
        km=link.km,
        hours=arc.hours,
        status=link.status_on(filters.day, filters.profile.service) or link.status,
        gauge_mm=link.gauge_mm,
        basis=link.basis,
        corridors=link.corridors,
        link=link.id,
        citations=link.citations,
    )
    at = network.cleared_at(tail, arc.head, link.mode)
    if at is None:
        return leg, None
    crossing = places[at]
    hours, basis, cited = rates.clearance(crossing, link.mode)
    status = _place_status(crossing, filters)
    return leg, CrossingStop(crossing, link.mode, hours, basis, cited, status)


def _place_status(place: Place, filters: Filters) -> LinkStatus:
    """A place's status on the route's day (closed out of season); operational if unknown."""
    return place.status_on(filters.day, filters.profile.service) or LinkStatus.OPERATIONAL


def _changes(path: Path, places: Mapping[str, Place], rates: Rates) -> list[ChangeStop]:
    """The terminal handling at both ends and every change of carrier, priced."""
    found = []
    carriers: list[Carrier | None] = [None, *(arc.carrier for _, arc in path), None]
    stops = [place for place, _ in path] + [path[-1][1].head]
    for place, before, after in zip(stops, carriers, carriers[1:], strict=False):
        priced = rates.change(places[place], before, after)
        if priced is None:
            continue
        kind, hours = priced
        found.append(
            ChangeStop(
                place=places[place],
                kind=kind.value,
                arriving=before[0] if before else None,
                leaving=after[0] if after else None,
                hours=hours,
                citations=rates.change_citations(kind, places[place]),
            )
        )
    return found


def _countries(legs: list[Leg]) -> tuple[str, ...]:
    places = [legs[0].origin, *(leg.destination for leg in legs)]
    last = len(places) - 1
    named = [
        p.country
        for index, p in enumerate(places)
        if p.kind is not PlaceKind.BORDER_CROSSING or index in (0, last)
    ]
    return tuple(c for c, _ in itertools.groupby(named))
