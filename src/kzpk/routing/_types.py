"""What a route question returns: legs, crossings, totals, and their GeoJSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from kzpk.model import Citation, LengthBasis, LinkStatus, Mode, Place
from kzpk.routing._network import Profile
from kzpk.routing._rates import DwellBasis


@attrs.frozen
class Leg:
    """One leg of a route: a link travelled in one direction.

    Attributes:
        origin: Where the leg starts.
        destination: Where it ends.
        mode: Rail, road, sea, air or pipeline.
        km: Its length.
        hours: Time on the move at the cited speed (for rail, stops on the way included)
            and, for freight by road, the drivers' rest (border dwell is in
            ``Route.crossings``, port dwell and handling in ``Route.changes``).
        status: The link's status on the route's day.
        gauge_mm: The rail gauge, for rail.
        basis: Where the length comes from: reported, derived, proxy or estimated.
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
    gauge_mm: int | None
    basis: LengthBasis
    corridors: tuple[str, ...]
    link: str
    citations: tuple[Citation, ...]


#: How a route's text marks a crossing's dwell that is not the crossing's own figure.
_DWELL_WORDS = {
    DwellBasis.OWN: "",
    DwellBasis.BORDER: " (border's mean)",
    DwellBasis.DEFAULT: " (default)",
}


@attrs.frozen
class CrossingStop:
    """A border crossing a route passes, and the time charged there.

    Attributes:
        place: The crossing.
        mode: The mode the route arrives by.
        hours: The dwell charged.
        basis: Where the figure comes from: the crossing's own published figure, the mean
            of those published on its border, or the corridor-wide default.
        citations: The figure's citations (for a border's mean, its crossings').
        status: The crossing's status on the route's day (closed out of season); not
            operational only when the question's ``statuses`` admitted it.
    """

    place: Place
    mode: Mode
    hours: float
    basis: DwellBasis
    citations: tuple[Citation, ...]
    status: LinkStatus = LinkStatus.OPERATIONAL

    @property
    def published(self) -> bool:
        """Whether the figure is the crossing's own published one."""
        return self.basis is DwellBasis.OWN


@attrs.frozen
class ChangeStop:
    """Where a load is handled: at a route's ends, or where its carrier changes.

    Attributes:
        place: Where.
        kind: ``"terminal"`` (lifted onto the first train or ship, or off the last),
            ``"lift"`` (between land modes), ``"port"`` (between land and sea, or ship to
            ship: the port's transit dwell and a lift) or ``"gauge"`` (a break of gauge).
        arriving: The mode it arrives by (None at the start).
        leaving: The mode it leaves by (None at the end).
        hours: The time charged.
        citations: Where the figures come from.
    """

    place: Place
    kind: str
    arriving: Mode | None
    leaving: Mode | None
    hours: float
    citations: tuple[Citation, ...]


@attrs.frozen
class Route:
    """A route: legs from origin to destination, with totals.

    Attributes:
        legs: The legs, in order.
        crossings: The border crossings passed, with the dwell charged at each.
        distance_km: Total length.
        hours: Total time: moving, border dwell, and handling at the ends and changes.
        score: The optimised quantity: hours, or km plus the mode-change penalties.
        on: The day the route was asked for.
        profile: Freight or passenger.
        countries: ISO codes of the countries passed, in order, without repeats in a row.
        corridors: Ids of the corridors used, in order of first use.
        is_operational: Whether every leg and every border crossing passed is operational
            on the day (a crossing out of season is closed).
        mode_changes: How many times the mode changes.
        gauge_changes: How many times the rail gauge changes.
        transload_hours: Hours of handling at the ends and at changes (the sum of
            ``changes``).
        changes: Terminal handling at the ends and each change of carrier, priced.
    """

    legs: tuple[Leg, ...]
    crossings: tuple[CrossingStop, ...]
    distance_km: float
    hours: float
    score: float
    on: dt.date
    profile: Profile
    countries: tuple[str, ...]
    corridors: tuple[str, ...]
    is_operational: bool
    mode_changes: int
    gauge_changes: int
    transload_hours: float
    changes: tuple[ChangeStop, ...] = ()

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place on the route, origin first."""
        return (self.legs[0].origin, *(leg.destination for leg in self.legs))

    @property
    def days(self) -> float:
        """Total time in days."""
        return self.hours / 24

    @property
    def border_crossings(self) -> int:
        """How many border crossings the route passes."""
        return len(self.crossings)

    def to_geojson(self, rank: int = 1) -> dict[str, Any]:
        """Return the route as an RFC 7946 FeatureCollection (see :func:`routes_geojson`)."""
        return routes_geojson((self,), first_rank=rank)

    def __str__(self) -> str:
        """One line of totals, a line per leg, then the crossings and the handling."""
        state = "operational" if self.is_operational else "not all operational"
        head = (
            f"{self.legs[0].origin.name} → {self.legs[-1].destination.name} on {self.on}: "
            f"{self.distance_km:,.0f} km, ~{self.hours:,.0f} h ({self.days:.1f} days), "
            f"{'–'.join(self.countries)} ({state})"
        )
        width = max(len(leg.origin.name) for leg in self.legs)
        to_width = max(len(leg.destination.name) for leg in self.legs)
        lines = [
            f"  {leg.origin.name:<{width}} → {leg.destination.name:<{to_width}}  "
            f"{leg.mode.value:<8}{leg.km:>7,.0f} km {leg.hours:>6,.1f} h  {leg.status.value}"
            for leg in self.legs
        ]
        lines += [
            f"  crossing {c.place.name}: {c.hours:,.1f} h by {c.mode.value}"
            + _DWELL_WORDS[c.basis]
            + ("" if c.status is LinkStatus.OPERATIONAL else f" ({c.status.value})")
            for c in self.crossings
        ]
        lines += [
            f"  {c.kind} at {c.place.name}: {c.hours:,.1f} h"
            + (f" ({_arrow(c.arriving, c.leaving)})" if c.kind != "terminal" else "")
            for c in self.changes
        ]
        return "\n".join([head, *lines])


def routes_geojson(routes: Sequence[Route], *, first_rank: int = 1) -> dict[str, Any]:
    """Return *routes* as one RFC 7946 FeatureCollection (longitude first), with a bbox.

    Each leg is a LineString with properties ``route`` (the 1-based rank), ``leg``,
    ``mode``, ``status``, ``km``, ``hours`` and ``link``; each stop a Point (``role``
    ``origin``, ``stop`` or ``destination``) and each crossing a Point with its dwell.
    """
    features: list[dict[str, Any]] = []
    for rank, route in enumerate(routes, first_rank):
        for index, leg in enumerate(route.legs, 1):
            features.append(
                {
                    "type": "Feature",
                    "id": f"route-{rank}-leg-{index}",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [_point(leg.origin), _point(leg.destination)],
                    },
                    "properties": {
                        "route": rank,
                        "leg": index,
                        "origin": leg.origin.id,
                        "destination": leg.destination.id,
                        "mode": leg.mode.value,
                        "status": leg.status.value,
                        "km": leg.km,
                        "hours": leg.hours,
                        "link": leg.link,
                        "corridors": list(leg.corridors),
                    },
                }
            )
        last = len(route.legs)
        dwell = {c.place.id: c for c in route.crossings}
        for index, place in enumerate(route.places):
            role = "origin" if index == 0 else "destination" if index == last else "stop"
            properties: dict[str, Any] = {
                "route": rank,
                "role": role,
                "place": place.id,
                "name": place.name,
                "country": place.country,
            }
            if place.id in dwell:
                stop = dwell[place.id]
                properties |= {
                    "crossing": True,
                    "dwell_hours": stop.hours,
                    "dwell_basis": stop.basis.value,
                }
            features.append(
                {
                    "type": "Feature",
                    "id": f"route-{rank}-{role}-{index}-{place.id}",
                    "geometry": {"type": "Point", "coordinates": _point(place)},
                    "properties": properties,
                }
            )
    every = [p for route in routes for p in route.places]
    bbox = (
        [
            min(p.longitude for p in every),
            min(p.latitude for p in every),
            max(p.longitude for p in every),
            max(p.latitude for p in every),
        ]
        if every
        else []
    )
    return {"type": "FeatureCollection", "bbox": bbox, "features": features}


def _arrow(arriving: Mode | None, leaving: Mode | None) -> str:
    return f"{arriving.value if arriving else '?'} → {leaving.value if leaving else '?'}"


def _point(place: Place) -> list[float]:
    return [place.longitude, place.latitude]
