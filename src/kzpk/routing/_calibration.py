"""Modelled times beside the trips the press reported: how far the route builder can be trusted.

For each :class:`~kzpk.ReportedTrip`, :func:`calibration` asks the route builder the same
question — same ends and waypoints, same modes, on the day the trip started, optimising
time — and sets the modelled days beside the reported range. Where a trip's reported time
leaves out terminal handling (``includes_handling`` False: a ship's sailing time from
loading to arrival), the modelled time leaves it out too.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

import attrs

from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import NoRouteError
from kzpk.model import ReportedTrip
from kzpk.routing._network import Crew
from kzpk.routing._rates import Change
from kzpk.routing._routes import build_route


class Fit(StrEnum):
    """How a modelled time compares with the reported range."""

    INSIDE = "inside"
    FASTER = "faster"
    SLOWER = "slower"
    NO_ROUTE = "no-route"


@attrs.frozen
class Calibration:
    """One reported trip and the route builder's answer to the same question.

    Attributes:
        trip: The reported trip.
        on: The day the question was asked for.
        modelled_days: The modelled time in days, or None when no route was found; without
            the terminal handling at the ends where the trip's reported time leaves it out.
        modelled_km: The modelled length, or None.
        fit: Whether the modelled time falls inside the reported range, or which side.
        note: Why there is no route, when there is none.

    ``days_error`` and ``km_error`` give the misses as fractions of the reported figures.
    """

    trip: ReportedTrip
    on: dt.date
    modelled_days: float | None
    modelled_km: float | None
    fit: Fit
    note: str | None = None

    @property
    def days_error(self) -> float | None:
        """The modelled days' error as a fraction of the nearest reported figure (0 inside).

        None without a modelled time.
        """
        if self.modelled_days is None:
            return None
        low, high = self.trip.days_min, self.trip.days_max
        nearest = low if self.modelled_days < low else high if self.modelled_days > high else None
        return 0.0 if nearest is None else (self.modelled_days - nearest) / nearest

    @property
    def km_error(self) -> float | None:
        """The modelled length's error as a fraction of the reported one, where both exist."""
        if self.modelled_km is None or self.trip.km is None:
            return None
        return (self.modelled_km - self.trip.km) / self.trip.km


def calibration(
    *,
    crew: Crew | Literal["single", "double"] = "single",
    dataset: Dataset | None = None,
) -> tuple[Calibration, ...]:
    """Compare every reported trip with the modelled route for it, in dataset order.

    *crew* is the trucks' crew, as :func:`~kzpk.build_route` takes it: the single driver
    by default, since no trip's report says how its trucks were crewed.
    """
    data = dataset if dataset is not None else load()
    return tuple(_compare(trip, data, crew) for trip in data.trips)


def _compare(
    trip: ReportedTrip, data: Dataset, crew: Crew | Literal["single", "double"]
) -> Calibration:
    on = trip.when.start if trip.when is not None else data.info.as_of
    try:
        route = build_route(
            trip.origin,
            trip.destination,
            via=trip.via,
            modes=trip.modes,
            on=on,
            optimize="time",
            alternatives=1,
            crew=crew,
            dataset=data,
        )[0]
    except NoRouteError as error:
        return Calibration(trip, on, None, None, Fit.NO_ROUTE, str(error))
    hours = route.hours
    if not trip.includes_handling:
        hours -= sum(c.hours for c in route.changes if c.kind == Change.TERMINAL)
    days = hours / 24
    fit = Fit.FASTER if days < trip.days_min else Fit.SLOWER if days > trip.days_max else Fit.INSIDE
    return Calibration(trip, on, days, route.distance_km, fit)
