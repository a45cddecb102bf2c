"""The rates a route is priced with: moving, dwelling at crossings and ports, changing carrier.

One :class:`Rates` object holds every figure, each the configuration's where set, else the
dataset's cited parameter (``kzpk.load().parameters``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

from kzpk.config._config import Config
from kzpk.exceptions import DatasetError, Problem
from kzpk.model import Citation, Link, Mode, Place, PlaceKind

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset

__all__ = ["Carrier", "Change", "Clearance", "Crew", "DwellBasis", "Rates"]

_PARAMETERS: Final = {  # parameter id -> the Config field that overrides it (None: none)
    **{f"speed-{m.value}": f"speed_{m.value}_kmh" for m in Mode},
    "dwell-border-rail": "border_hours_rail",
    "dwell-border-road": "border_hours_road",
    "dwell-border-other": "border_hours_other",
    "transload-mode": "mode_change_hours",
    "transload-gauge": "gauge_change_hours",
    "dwell-port": "port_hours",
    "handling-terminal": None,
    "penalty-mode-change-km": "mode_change_penalty_km",
    "road-driving-hours": "road_driving_hours",
    "road-double-crew-cycle-hours": None,
}

Carrier = tuple[Mode, int | None]
#: The modes whose loads are lifted at a terminal at the start and end of a route.
_TERMINAL_MODES: Final = frozenset({Mode.RAIL, Mode.SEA})


class Crew(StrEnum):
    """Who drives a freight truck: one driver (AETR daily limit) or two taking turns."""

    SINGLE = "single"
    DOUBLE = "double"


class DwellBasis(StrEnum):
    """Where the time charged at a border crossing comes from."""

    #: The crossing's own published figure.
    OWN = "own"
    #: The mean of the published figures of the other crossings on the same border, by
    #: the same mode: a border's procedures are the same at all its crossings.
    BORDER = "border"
    #: The corridor-wide average (CAREC CPMM), or the configured figure.
    DEFAULT = "default"


class Clearance(NamedTuple):
    """The time to clear a border crossing by one mode, where it comes from, its citations."""

    hours: float
    basis: DwellBasis
    citations: tuple[Citation, ...]


class Change(StrEnum):
    """What happens to a load at a place where its carrier changes, or at a route's ends."""

    #: Lifted onto the first train or ship of a route, or off the last one.
    TERMINAL = "terminal"
    #: Lifted from one land carrier to another (truck and train).
    LIFT = "lift"
    #: Between land and sea, or from one ship to another, at a port: the port's transit
    #: dwell (waiting for the ship included) and a lift.
    PORT = "port"
    #: Moved between wagons of two rail gauges.
    GAUGE = "gauge"


class Rates(NamedTuple):
    """The figures a route is priced with: moving, dwelling and changing.

    Each figure is the configuration's where set, else the dataset's cited parameter; see
    ``kzpk.load().parameters`` for the figures and their sources.
    """

    speed: Mapping[Mode, float]
    border: Mapping[Mode, float]
    #: Per border (its two countries) and mode, the mean of its crossings' own figures.
    border_means: Mapping[tuple[frozenset[str], Mode], Clearance]
    lift_hours: float
    gauge_hours: float
    terminal_hours: float
    port_hours: float
    mode_change_penalty_km: float
    road_day_factor: float  # elapsed over driving hours on a freight road leg
    freight: bool
    citations: Mapping[str, tuple[Citation, ...]]  # parameter id -> its citations

    @classmethod
    def resolve(
        cls, dataset: Dataset, config: Config, *, freight: bool = True, crew: Crew = Crew.SINGLE
    ) -> Rates:
        """Read every figure from *config* where set, else from the dataset's parameters.

        For *freight*, road legs take their driving time spread over working days: one
        driver drives ``road-driving-hours`` (AETR) a day; a double *crew* drives twice
        that in each ``road-double-crew-cycle-hours`` (a shift and the daily rest).
        Passengers pay no terminal handling or port dwell.
        """
        cited = {p.id: p.value for p in dataset.parameters}
        values: dict[str, float] = {}
        configured: set[str] = set()
        for ident, field in _PARAMETERS.items():
            given: float | None = getattr(config, field) if field else None
            if given is not None:
                configured.add(ident)
            value = given if given is not None else cited.get(ident)
            if value is None:
                missing = f"no parameter {ident!r}"
                raise DatasetError([Problem("parameters.json", "$.parameters", "rule", missing)])
            values[ident] = value
        driving = values["road-driving-hours"]
        if crew is Crew.DOUBLE:
            day_factor = max(1.0, values["road-double-crew-cycle-hours"] / (2 * driving))
        else:
            day_factor = 24 / driving
        return cls(
            speed=MappingProxyType({m: values[f"speed-{m.value}"] for m in Mode}),
            border=MappingProxyType({m: values[_default_id(m)] for m in Mode}),
            border_means=_border_means(
                dataset.places, {m for m in Mode if _default_id(m) not in configured}
            ),
            lift_hours=values["transload-mode"],
            gauge_hours=values["transload-gauge"],
            terminal_hours=values["handling-terminal"] if freight else 0.0,
            port_hours=values["dwell-port"] if freight else 0.0,
            mode_change_penalty_km=values["penalty-mode-change-km"],
            road_day_factor=day_factor if freight else 1.0,
            freight=freight,
            citations=MappingProxyType({p.id: p.citations for p in dataset.parameters}),
        )

    def moving_hours(self, link: Link) -> float:
        """Hours over *link*: at the mode's speed, with a truck driver's rest on the road."""
        hours = link.km / self.speed[link.mode]
        return hours * self.road_day_factor if link.mode is Mode.ROAD else hours

    def clearance(self, crossing: Place, mode: Mode) -> Clearance:
        """The time to clear *crossing* by *mode*, and where it comes from.

        The crossing's own published figure; else the mean of the published figures on
        its border for that mode; else the corridor-wide average (or the configured
        figure, which then also stands in for the border's mean).
        """
        for dwell in crossing.dwell:
            if dwell.mode is mode:
                return Clearance(dwell.hours, DwellBasis.OWN, dwell.citations)
        shared = self.border_means.get((frozenset(crossing.border), mode))
        if shared is not None:
            return shared
        cited = self.citations.get(_default_id(mode), ())
        return Clearance(self.border[mode], DwellBasis.DEFAULT, cited)

    def port_dwell(self, place: Place) -> tuple[float, bool]:
        """A box's transit dwell at *place* between land and sea: its own figure, or the default."""
        if not self.freight:
            return 0.0, False
        if place.kind is PlaceKind.PORT:
            for dwell in place.dwell:
                if dwell.mode is Mode.SEA:
                    return dwell.hours, True
        return self.port_hours, False

    def change(
        self, place: Place, before: Carrier | None, after: Carrier | None
    ) -> tuple[Change, float] | None:
        """What changing from *before* to *after* at *place* is and costs, in hours.

        None for no change. *before* None is the start of a route, *after* None its end:
        a load by rail or sea is lifted there (terminal handling). Between land and sea,
        or from ship to ship, the load waits at the port and is lifted; between other
        modes it is lifted; between rail gauges it is transferred, or lifted twice (off
        the train and back on) where that is quicker.
        """
        if before is None or after is None:
            carrier = after if before is None else before
            if carrier is None or carrier[0] not in _TERMINAL_MODES or not self.terminal_hours:
                return None
            return Change.TERMINAL, self.terminal_hours
        if Mode.SEA in (before[0], after[0]):
            return Change.PORT, self.lift_hours + self.port_dwell(place)[0]
        if before == after:
            return None
        if before[0] is not after[0]:
            return Change.LIFT, self.lift_hours
        return Change.GAUGE, min(self.gauge_hours, 2 * self.lift_hours)

    def change_citations(self, kind: Change, place: Place) -> tuple[Citation, ...]:
        """The citations of the figures a change of *kind* at *place* is priced with."""
        ids = {
            Change.TERMINAL: ("handling-terminal",),
            Change.LIFT: ("transload-mode",),
            Change.GAUGE: ("transload-gauge",),
            Change.PORT: ("transload-mode", "dwell-port"),
        }[kind]
        found = [c for ident in ids for c in self.citations.get(ident, ())]
        if kind is Change.PORT and self.port_dwell(place)[1]:
            own = next(d.citations for d in place.dwell if d.mode is Mode.SEA)
            found = [*self.citations.get("transload-mode", ()), *own]
        return tuple(found)


def _default_id(mode: Mode) -> str:
    """The parameter of the time to clear a crossing by *mode* with no figure of its own."""
    return f"dwell-border-{mode.value}" if mode in (Mode.RAIL, Mode.ROAD) else "dwell-border-other"


def _border_means(
    places: Iterable[Place], modes: set[Mode]
) -> Mapping[tuple[frozenset[str], Mode], Clearance]:
    """Per border and mode (of *modes*), the mean of its crossings' own published figures."""
    found: dict[tuple[frozenset[str], Mode], list[Clearance]] = {}
    for place in places:
        if place.kind is PlaceKind.BORDER_CROSSING and place.border:
            for dwell in place.dwell:
                if dwell.mode in modes:
                    own = Clearance(dwell.hours, DwellBasis.OWN, dwell.citations)
                    found.setdefault((frozenset(place.border), dwell.mode), []).append(own)
    return MappingProxyType(
        {
            key: Clearance(
                math.fsum(c.hours for c in measured) / len(measured),
                DwellBasis.BORDER,
                tuple(citation for c in measured for citation in c.citations),
            )
            for key, measured in found.items()
        }
    )
