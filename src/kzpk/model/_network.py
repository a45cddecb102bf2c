"""The corridor network: places, links, corridors, route parameters and reported trips.

Places and links carry dated statuses and seasons; parameters are the cited figures routes
are computed with, and trips the reported journeys they are checked against.
"""

import datetime as dt

import attrs

from kzpk.model._base import NO_ALIASES, NON_NEGATIVE, POSITIVE, RecordBase, bounds, ref, unit
from kzpk.model._enums import LengthBasis, LinkStatus, Mode, PlaceKind, Service, Terrain
from kzpk.model._sources import Citation, Period

_BOTH_SERVICES: tuple[Service, ...] = (Service.FREIGHT, Service.PASSENGER)


@attrs.frozen(repr=False, eq=False)
class StatusSpell(RecordBase):
    """A stretch of days over which a link or crossing had one status.

    Attributes:
        status: The status over the stretch.
        start: The first day, or None when it held from before the records begin.
        end: The last day, or None while it still holds.
        services: The traffic it applies to (a crossing closed to trade may still let
            people through).
        note: What happened, in a line.
        citations: Where it is stated.
    """

    status: LinkStatus
    start: dt.date | None = None
    end: dt.date | None = None
    services: tuple[Service, ...] = _BOTH_SERVICES
    note: str | None = None
    citations: tuple[Citation, ...] = ()

    def covers(self, day: dt.date, service: Service) -> bool:
        """Whether the spell holds on *day* for *service*."""
        return (
            service in self.services
            and (self.start is None or self.start <= day)
            and (self.end is None or day <= self.end)
        )


@attrs.frozen(repr=False, eq=False)
class Season(RecordBase):
    """A window of the year in which a link or crossing is open, every year.

    Attributes:
        opens: The first open day, ``"MM-DD"``.
        closes: The last open day, ``"MM-DD"`` (before *opens* for a window over New Year).
        citations: Where it is stated.
    """

    opens: str
    closes: str
    citations: tuple[Citation, ...] = ()

    def contains(self, day: dt.date) -> bool:
        """Whether *day* falls in the window."""
        today = f"{day.month:02d}-{day.day:02d}"
        if self.opens <= self.closes:
            return self.opens <= today <= self.closes
        return today >= self.opens or today <= self.closes


@attrs.frozen(repr=False, eq=False)
class Dwell(RecordBase):
    """Time spent at a border crossing or a port by one mode, as published.

    At a border crossing it is the clearance time of traffic arriving by *mode*; at a port
    (*mode* sea) the time a box in transit spends there between land and sea, waiting for
    its ship included.

    Attributes:
        mode: The mode it applies to.
        hours: Hours, on average.
        note: What the figure measures (the report, the year, the direction).
        citations: Where it is stated.
    """

    mode: Mode
    hours: float = attrs.field(metadata=unit("h", **NON_NEGATIVE))
    note: str | None = None
    citations: tuple[Citation, ...] = ()


def status_on(
    history: tuple[StatusSpell, ...],
    seasons: tuple[Season, ...],
    default: LinkStatus,
    day: dt.date,
    service: Service,
) -> LinkStatus | None:
    """The status on *day* for *service*: the covering spell's; *default* without a history.

    With a history, a day no spell covers has no known status (None). Operational outside
    every one of *seasons* is closed.
    """
    status = default if not history else None
    for spell in history:
        if spell.covers(day, service):
            status = spell.status
            break
    if status is LinkStatus.OPERATIONAL and not in_season(seasons, day):
        return LinkStatus.CLOSED
    return status


def in_season(seasons: tuple[Season, ...], day: dt.date) -> bool:
    """Whether *day* falls in one of *seasons* (always, when there are none)."""
    return not seasons or any(season.contains(day) for season in seasons)


@attrs.frozen(repr=False, eq=False)
class Place(RecordBase):
    """A city, port, junction, border crossing or field, with its coordinates (WGS 84).

    Attributes:
        id: A short slug.
        name: The common English name.
        kind: What it is.
        country: The alpha-2 code of its country.
        latitude: Degrees north, -90 to 90.
        longitude: Degrees east, -180 to 180.
        aliases: Other names and spellings (e.g. Nur-Sultan for Astana).
        hub: Whether it is one of its country's main hubs (used when a route names a country).
        approximate: Whether the coordinates are approximate, not taken from a cited reference.
        border: For a border crossing, the two countries it joins (``country`` is the side
            its coordinates lie on); empty for other places.
        locode: The UN/LOCODE code (``"PKKHI"``), where the UN/LOCODE list gives one.
        dwell: For a border crossing, published clearance times per mode; for a port, the
            transit dwell between land and sea (mode sea).
        history: Dated statuses (closures, openings); empty when always open.
        seasons: Windows of the year it is open; empty when open all year.
        citations: Where it and its coordinates come from.
    """

    id: str
    name: str
    kind: PlaceKind
    country: str = attrs.field(metadata=ref("countries"))
    latitude: float = attrs.field(metadata=unit("degrees", **bounds(-90.0, 90.0)))
    longitude: float = attrs.field(metadata=unit("degrees", **bounds(-180.0, 180.0)))
    aliases: tuple[str, ...] = NO_ALIASES
    hub: bool = False
    approximate: bool = False
    border: tuple[str, ...] = attrs.field(default=(), metadata=ref("countries"))
    locode: str | None = None
    dwell: tuple[Dwell, ...] = ()
    history: tuple[StatusSpell, ...] = ()
    seasons: tuple[Season, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the place lies in (both sides, for a border crossing)."""
        return self.border or (self.country,)

    def status_on(self, day: dt.date, service: Service = Service.FREIGHT) -> LinkStatus | None:
        """Its status on *day* for *service* (operational when it has no history)."""
        return status_on(self.history, self.seasons, LinkStatus.OPERATIONAL, day, service)


@attrs.frozen(repr=False, eq=False)
class CorridorDescription(RecordBase):
    """How one or more sources describe a corridor.

    Attributes:
        wording: The source's name for it.
        countries: Alpha-2 codes of the countries, in the order the source gives them.
        citations: Where it is stated.
    """

    wording: str
    countries: tuple[str, ...] = attrs.field(metadata=ref("countries"))
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Corridor(RecordBase):
    """A transport or energy corridor, with every description the sources give.

    Attributes:
        id: A short slug.
        name: A neutral name.
        modes: The modes it uses.
        descriptions: The sources' descriptions, each with its wording and country order.
        aliases: Other names.
    """

    id: str
    name: str
    modes: tuple[Mode, ...]
    descriptions: tuple[CorridorDescription, ...]
    aliases: tuple[str, ...] = NO_ALIASES

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every description."""
        return tuple(c for d in self.descriptions for c in d.citations)


@attrs.frozen(repr=False, eq=False)
class Link(RecordBase):
    """A leg of the network between two places.

    Attributes:
        id: A short slug.
        origin: The id of one end.
        destination: The id of the other end.
        mode: Rail, road, sea, air or pipeline.
        km: Length in kilometres.
        basis: Where the length comes from: reported (a cited length of the line or
            road), derived (from cited kilometre posts), proxy (a cited distance between
            the two places) or estimated (great circle times circuity).
        status: Its status on the dataset's as-of day (see ``history`` for other days).
        corridors: Ids of the corridors it belongs to.
        two_way: Whether it can be travelled both ways.
        note: Caveats on the length or status (an inferred status, differing figures).
        gauge_mm: For rail, the track gauge: 1435, 1520 or 1676.
        services: What it carries (a passenger train or flight carries no freight).
        terrain: The ground it crosses, which sets the circuity of an estimated length.
        road: The road's designation (``"N-25"``, ``"M-9"``, ``"AH7"``), for roads.
        history: Dated statuses; empty when ``status`` has held throughout.
        seasons: Windows of the year it is open; empty when open all year.
        citations: Where its length and status come from.
    """

    id: str
    origin: str = attrs.field(metadata=ref("places"))
    destination: str = attrs.field(metadata=ref("places"))
    mode: Mode = attrs.field()
    km: float = attrs.field(metadata=unit("km", **POSITIVE))
    basis: LengthBasis = attrs.field()
    status: LinkStatus = attrs.field()
    corridors: tuple[str, ...] = attrs.field(default=(), metadata=ref("corridors"))
    two_way: bool = True
    note: str | None = None
    gauge_mm: int | None = attrs.field(default=None, metadata=unit("mm"))
    services: tuple[Service, ...] = _BOTH_SERVICES
    terrain: Terrain | None = None
    road: str | None = None
    history: tuple[StatusSpell, ...] = ()
    seasons: tuple[Season, ...] = ()
    citations: tuple[Citation, ...] = ()

    def status_on(self, day: dt.date, service: Service = Service.FREIGHT) -> LinkStatus | None:
        """Its status on *day* for *service*; None when the history covers no such day."""
        return status_on(self.history, self.seasons, self.status, day, service)


@attrs.frozen(repr=False, eq=False)
class Parameter(RecordBase):
    """A figure the route builder computes with (a speed, a dwell, a penalty), cited.

    Attributes:
        id: A short slug the route builder asks for (``"speed-rail"``).
        name: What it is, in a line.
        value: The figure.
        unit: Its unit: ``"km/h"``, ``"h"`` or ``"km"``.
        mode: The mode it applies to, where it applies to one.
        note: How it was derived from the cited figures.
        citations: Where the figure comes from.
    """

    id: str
    name: str
    value: float = attrs.field(metadata=NON_NEGATIVE)
    unit: str = attrs.field()
    mode: Mode | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class ReportedTrip(RecordBase):
    """A journey the press reported, with its time: what modelled routes are checked against.

    Attributes:
        id: A short slug.
        title: The trip, in a line.
        origin: The id of the place it started from.
        destination: The id of the place it ended at.
        days_min: The shortest time reported, in days.
        days_max: The longest time reported, in days (equal to *days_min* for one figure).
        modes: The modes it used.
        via: Ids of places it is reported to have passed, in order.
        km: The distance reported, where given.
        when: When it ran.
        note: How the reported figures are to be read.
        includes_handling: Whether the reported time includes the lift of the load onto the
            first train or ship and off the last one (terminal handling); False where only
            the time on the move is reported (a ship's sailing from loading to arrival).
        citations: Where it is reported.
    """

    id: str
    title: str
    origin: str = attrs.field(metadata=ref("places"))
    destination: str = attrs.field(metadata=ref("places"))
    days_min: float = attrs.field(metadata=unit("days", **POSITIVE))
    days_max: float = attrs.field(metadata=unit("days", **POSITIVE))
    modes: tuple[Mode, ...] = attrs.field()
    via: tuple[str, ...] = attrs.field(default=(), metadata=ref("places"))
    km: float | None = attrs.field(default=None, metadata=unit("km", **POSITIVE))
    when: Period | None = None
    note: str | None = None
    includes_handling: bool = True
    citations: tuple[Citation, ...] = ()
