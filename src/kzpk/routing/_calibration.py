"""Modelled times beside the trips the press reported: how far the route builder can be trusted.

For each :class:`~kzpk.ReportedTrip`, :func:`calibration` asks the route builder the same
question — same ends and waypoints, same modes, on the day the trip started, optimising
time — and sets the modelled days beside the reported range.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import NoRouteError
from kzpk.model import ReportedTrip
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
        modelled_days: The modelled time in days, or None when no route was found.
        modelled_km: The modelled length, or None.
        fit: Whether the modelled time falls inside the reported range, or which side.
        note: Why there is no route, when there is none.
    """

    trip: ReportedTrip
    on: dt.date
    modelled_days: float | None
    modelled_km: float | None
    fit: Fit
    note: str | None = None


def calibration(*, dataset: Dataset | None = None) -> tuple[Calibration, ...]:
    """Compare every reported trip with the modelled route for it, in dataset order."""
    data = dataset if dataset is not None else load()
    return tuple(_compare(trip, data) for trip in data.trips)


def _compare(trip: ReportedTrip, data: Dataset) -> Calibration:
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
            dataset=data,
        )[0]
    except NoRouteError as error:
        return Calibration(trip, on, None, None, Fit.NO_ROUTE, str(error))
    days = route.days
    fit = Fit.FASTER if days < trip.days_min else Fit.SLOWER if days > trip.days_max else Fit.INSIDE
    return Calibration(trip, on, days, route.distance_km, fit)
