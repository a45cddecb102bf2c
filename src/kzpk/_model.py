"""The record classes of the kzpk dataset: frozen, slotted, fully typed.

Conventions: collections are tuples; references to other records are ids (``str``);
money is US dollars as :class:`~decimal.Decimal`; dates are :class:`datetime.date`, and
dates that sources give loosely are a :class:`Period` (a range, possibly open-ended)
with the source's wording beside it. Field metadata tells the loader what to check:
``ref`` names the collection(s) an id must exist in, ``bounds`` a closed numeric range,
``positive`` a strictly positive number.
"""

import datetime as dt
import sys
from decimal import Decimal
from enum import StrEnum
from typing import Final

import attrs

_PARTIES = ("countries", "organisations", "places", "people")


def _ref(*kinds: str) -> dict[str, tuple[str, ...]]:
    """Metadata: the field holds ids that must exist in one of *kinds* (``"*"``: any)."""
    return {"ref": kinds}


def _bounds(low: float, high: float) -> dict[str, tuple[float, float]]:
    """Metadata: the field's value must lie in ``low..high``."""
    return {"bounds": (low, high)}


_POSITIVE: Final = {"positive": True}
_NON_NEGATIVE: Final = _bounds(0.0, sys.float_info.max)  # finite: JSON has no infinity


_NO_ALIASES: tuple[str, ...] = ()


class SourceKind(StrEnum):
    """What a source is: one of the five articles, a primary document, or another reference."""

    ARTICLE = "article"
    DOCUMENT = "document"
    REFERENCE = "reference"


class PlaceKind(StrEnum):
    """The kind of a place."""

    CAPITAL = "capital"
    CITY = "city"
    PORT = "port"
    JUNCTION = "junction"
    BORDER_CROSSING = "border-crossing"
    GAS_FIELD = "gas-field"


class OrganisationKind(StrEnum):
    """The kind of an organisation."""

    GOVERNMENT = "government"
    COMPANY = "company"
    FUND = "fund"
    FINANCIAL_CENTRE = "financial-centre"
    INTERNATIONAL = "international"
    MEDIA = "media"
    FORUM = "forum"
    CENTRE = "centre"


class AgreementKind(StrEnum):
    """The kind of a signed or adopted document."""

    DECLARATION = "declaration"
    AGREEMENT = "agreement"
    MEMORANDUM = "memorandum"
    ACTION_PLAN = "action-plan"
    ROADMAP = "roadmap"
    PLATFORM = "platform"
    SISTER_CITY = "sister-city"


class Mode(StrEnum):
    """A mode of transport (pipelines carry energy, not people)."""

    RAIL = "rail"
    ROAD = "road"
    SEA = "sea"
    AIR = "air"
    PIPELINE = "pipeline"


class LinkStatus(StrEnum):
    """How far a link is from carrying traffic."""

    OPERATIONAL = "operational"
    UNDER_CONSTRUCTION = "under-construction"
    PLANNED = "planned"
    SUSPENDED = "suspended"
    CLOSED = "closed"
    SUPERSEDED = "superseded"


class Service(StrEnum):
    """What a link or crossing carries: goods, people, or both."""

    FREIGHT = "freight"
    PASSENGER = "passenger"


class Terrain(StrEnum):
    """The ground a link crosses; sets the circuity of an estimated length."""

    PLAINS = "plains"
    HILLS = "hills"
    MOUNTAIN = "mountain"
    WATER = "water"


class LengthBasis(StrEnum):
    """Where a link's length comes from.

    ``reported``: a cited figure for that leg. ``estimated``: great-circle distance times
    the documented circuity factor of the mode and terrain (see ``kzpk.CIRCUITY``).
    """

    REPORTED = "reported"
    ESTIMATED = "estimated"


class TradeFlow(StrEnum):
    """Which trade flow a figure measures."""

    TURNOVER = "turnover"
    EXPORTS = "exports"
    IMPORTS = "imports"


class TradeBasis(StrEnum):
    """How a trade figure is known."""

    OFFICIAL_STATEMENT = "official-statement"
    OFFICIAL_STATISTICS = "official-statistics"
    PRESS_REPORT = "press-report"


class EventKind(StrEnum):
    """The kind of an event of the visit."""

    ARRIVAL = "arrival"
    TALKS = "talks"
    SIGNING = "signing"
    BRIEFING = "briefing"
    FORUM = "forum"
    HONOUR = "honour"
    OPENING = "opening"
    INVITATION = "invitation"
    VISIT = "visit"


class CommitmentKind(StrEnum):
    """The kind of a commitment made during the visit."""

    DIALOGUE = "dialogue"
    VISIT = "visit"
    PLAN = "plan"
    TARGET = "target"
    TRAVEL = "travel"
    FLIGHTS = "flights"
    COOPERATION = "cooperation"


class CommitmentStatus(StrEnum):
    """Where a commitment stands; the dataset updates it as news arrives."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    FULFILLED = "fulfilled"
    LAPSED = "lapsed"


class FactTopic(StrEnum):
    """The topic of a stated fact that is not a record of its own kind."""

    HISTORY = "history"
    POSITION = "position"
    INITIATIVE = "initiative"
    EDUCATION = "education"
    ECONOMY = "economy"
    SECURITY = "security"


@attrs.frozen
class Citation:
    """Where a fact is stated: a source and a short verbatim quote from it.

    A primary document (a source of kind ``document``) is cited clause by clause: the
    citation names the clause (``"preamble"``, ``"15"``) as the document numbers it, and
    quotes a short passage of that clause.

    Attributes:
        source: The id of the :class:`Source`.
        quote: Words copied exactly from the source (whitespace may differ).
        clause: For a document, the clause or paragraph the quote comes from, as the
            document numbers it; None for articles and other references.
    """

    source: str = attrs.field(metadata=_ref("sources"))
    quote: str = attrs.field()
    clause: str | None = None


@attrs.frozen
class Period:
    """A date or a range of dates, kept at the precision the source gives.

    ``Period(d, d)`` is one exact day; ``Period(2026-02-04, 2026-12-31, "later this year")``
    a range; ``end=None`` an open end ("in the near term").

    Attributes:
        start: The first day the period can mean.
        end: The last day it can mean, or None when the wording sets no end.
        wording: The source's words for it, when they are looser than a date.
    """

    start: dt.date
    end: dt.date | None
    wording: str | None = None

    @property
    def is_exact(self) -> bool:
        """Whether the period is one known day."""
        return self.start == self.end

    @property
    def is_open(self) -> bool:
        """Whether the period has no stated end."""
        return self.end is None

    def __str__(self) -> str:
        """Format as ``2026-02-04``, ``2026-02-04..2026-12-31`` or ``2026-02-04..``."""
        if self.is_exact:
            text = self.start.isoformat()
        else:
            text = f"{self.start.isoformat()}..{self.end.isoformat() if self.end else ''}"
        return f"{text} ({self.wording})" if self.wording else text


@attrs.frozen
class DatasetInfo:
    """What the dataset is and how current.

    Attributes:
        title: A human title.
        version: The dataset's own version (calendar versioning, ``YYYY.MM.N``).
        as_of: The day its facts were last checked.
        license: The licence of the curated data.
    """

    title: str
    version: str
    as_of: dt.date
    license: str


@attrs.frozen
class Source:
    """A text that records cite.

    Attributes:
        id: A short slug.
        kind: ``article`` (one of the texts about the visit) or ``reference``.
        title: The title, or the first words where the text has none.
        file: For articles, the file name of the text in the sources directory.
        outlet: The outlet, where the text names it.
        published: The date, where the text gives it.
        dateline: The place of the dateline, where the text has one.
        url: For outside references, where to read it.
        outlet_country: The alpha-2 code of the outlet's country, where it has one.
        retrieved: The day an outside reference was read.
    """

    id: str
    kind: SourceKind
    title: str
    file: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    url: str | None = None
    outlet_country: str | None = attrs.field(default=None, metadata=_ref("countries"))
    retrieved: dt.date | None = None


@attrs.frozen
class Country:
    """A country (ISO 3166-1).

    Attributes:
        code: The alpha-2 code, also the country's id.
        name: The common English name.
        aliases: Other names and spellings.
        citations: Where the dataset's sources name it.
    """

    code: str
    name: str
    aliases: tuple[str, ...] = _NO_ALIASES
    citations: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:
        """The record id (the alpha-2 code)."""
        return self.code


@attrs.frozen
class Role:
    """A title or office a person holds, as a source gives it.

    Attributes:
        title: The title, e.g. ``"President of Kazakhstan"``.
        citations: Where it is stated.
    """

    title: str
    citations: tuple[Citation, ...]


@attrs.frozen
class Person:
    """A person named in the sources.

    Attributes:
        id: A short slug.
        name: The full name.
        aliases: Other forms and spellings of the name.
        country: The alpha-2 code of the person's country.
        roles: Titles the sources give.
        citations: Where the person is named.
    """

    id: str
    name: str
    country: str = attrs.field(metadata=_ref("countries"))
    aliases: tuple[str, ...] = _NO_ALIASES
    roles: tuple[Role, ...] = ()
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Organisation:
    """An institution, company, fund, forum, platform or body named in the sources.

    Attributes:
        id: A short slug.
        name: The name.
        kind: What it is.
        country: The alpha-2 code of its country, or None when international.
        aliases: Other names, abbreviations and spellings.
        citations: Where it is named.
    """

    id: str
    name: str
    kind: OrganisationKind
    country: str | None = attrs.field(default=None, metadata=_ref("countries"))
    aliases: tuple[str, ...] = _NO_ALIASES
    citations: tuple[Citation, ...] = ()


_BOTH_SERVICES: tuple[Service, ...] = (Service.FREIGHT, Service.PASSENGER)


@attrs.frozen
class StatusSpell:
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


@attrs.frozen
class Season:
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


@attrs.frozen
class Dwell:
    """Time spent at a border crossing by one mode, as published.

    Attributes:
        mode: The mode it applies to.
        hours: Hours, on average.
        note: What the figure measures (the report, the year, the direction).
        citations: Where it is stated.
    """

    mode: Mode
    hours: float = attrs.field(metadata=_NON_NEGATIVE)
    note: str | None = None
    citations: tuple[Citation, ...] = ()


def status_on(
    history: tuple[StatusSpell, ...],
    default: LinkStatus,
    day: dt.date,
    service: Service,
) -> LinkStatus | None:
    """The status on *day* for *service*: the covering spell's; *default* without a history.

    With a history, a day no spell covers has no known status (None).
    """
    if not history:
        return default
    for spell in history:
        if spell.covers(day, service):
            return spell.status
    return None


def in_season(seasons: tuple[Season, ...], day: dt.date) -> bool:
    """Whether *day* falls in one of *seasons* (always, when there are none)."""
    return not seasons or any(season.contains(day) for season in seasons)


@attrs.frozen
class Place:
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
        dwell: For a border crossing, published clearance times per mode.
        history: Dated statuses (closures, openings); empty when always open.
        seasons: Windows of the year it is open; empty when open all year.
        citations: Where it and its coordinates come from.
    """

    id: str
    name: str
    kind: PlaceKind
    country: str = attrs.field(metadata=_ref("countries"))
    latitude: float = attrs.field(metadata=_bounds(-90.0, 90.0))
    longitude: float = attrs.field(metadata=_bounds(-180.0, 180.0))
    aliases: tuple[str, ...] = _NO_ALIASES
    hub: bool = False
    approximate: bool = False
    border: tuple[str, ...] = attrs.field(default=(), metadata=_ref("countries"))
    locode: str | None = None
    dwell: tuple[Dwell, ...] = ()
    history: tuple[StatusSpell, ...] = ()
    seasons: tuple[Season, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the place lies in: both sides for a border crossing."""
        return self.border or (self.country,)

    def status_on(self, day: dt.date, service: Service = Service.FREIGHT) -> LinkStatus | None:
        """Its status on *day* for *service* (operational when it has no history)."""
        status = status_on(self.history, LinkStatus.OPERATIONAL, day, service)
        if status is LinkStatus.OPERATIONAL and not in_season(self.seasons, day):
            return LinkStatus.CLOSED
        return status


@attrs.frozen
class Sector:
    """A sector of cooperation; sectors form a tree whose roots are the priority areas.

    Attributes:
        id: A short slug.
        name: The name.
        parent: The id of the parent sector, or None for a priority area.
        aliases: Other names, short forms and spellings ("defense", "IT").
        citations: Where the sector is named.
    """

    id: str
    name: str
    parent: str | None = attrs.field(default=None, metadata=_ref("sectors"))
    aliases: tuple[str, ...] = _NO_ALIASES
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Agreement:
    """A signed or adopted document: declaration, agreement, memorandum, plan, platform, pairing.

    Attributes:
        id: A short slug.
        title: The title, as close to the sources' wording as they allow.
        kind: What sort of document it is.
        sectors: Ids of the sectors it concerns.
        parties: Ids of the countries, organisations, places or people that are party to it.
        signed: The signing date, where stated or certain; else None.
        place: The id of the place of signing, where stated.
        period: The period it covers, where stated (e.g. an action plan for 2025–26).
        description: What it is about, in a line.
        citations: Where it is stated.
        signed_within: When the day of signing is not stated but the sources place it in
            a stretch of days (``"during the visit"``: 3–4 February 2026); None otherwise.
        group: Whether the record stands for a reported group of documents whose number
            the sources do not give ("agreements" in the agro-industrial sector).
    """

    id: str
    title: str
    kind: AgreementKind
    sectors: tuple[str, ...] = attrs.field(metadata=_ref("sectors"))
    parties: tuple[str, ...] = attrs.field(default=(), metadata=_ref(*_PARTIES))
    signed: dt.date | None = None
    place: str | None = attrs.field(default=None, metadata=_ref("places"))
    period: Period | None = None
    description: str | None = None
    citations: tuple[Citation, ...] = ()
    signed_within: Period | None = None
    group: bool = False


@attrs.frozen
class DocumentCount:
    """A number of documents a source says were signed, which may not be itemised anywhere.

    Attributes:
        id: A short slug.
        count: How many.
        at_least: Whether the source says "over" or "more than" the count.
        scope: The source's words for what was counted.
        sectors: Ids of the sectors the source names for them, if any.
        citations: Where it is stated.
    """

    id: str
    count: int = attrs.field(metadata=_POSITIVE)
    at_least: bool = False
    scope: str = "documents"
    sectors: tuple[str, ...] = attrs.field(default=(), metadata=_ref("sectors"))
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class TradeFigure:
    """A stated or published amount of trade.

    Attributes:
        id: A short slug.
        reporter: Alpha-2 code of the country whose officials or statistics give it.
        flow: Turnover, exports or imports.
        period: The period the amount covers (for a running level, the day it was stated).
        value: US dollars.
        basis: How it is known.
        exporter: For exports and imports, the exporting country; None for turnover.
        importer: For exports and imports, the importing country; None for turnover.
        partial: Whether the period is only part of the year the figure is labelled with.
        wording: The source's words for the amount.
        citations: Where it is stated.
    """

    id: str
    reporter: str = attrs.field(metadata=_ref("countries"))
    flow: TradeFlow = attrs.field()
    period: Period = attrs.field()
    value: Decimal = attrs.field(metadata=_POSITIVE)
    basis: TradeBasis = attrs.field()
    exporter: str | None = attrs.field(default=None, metadata=_ref("countries"))
    importer: str | None = attrs.field(default=None, metadata=_ref("countries"))
    partial: bool = False
    wording: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class TradeGrowth:
    """A statement that trade grew by a multiple over a period.

    Attributes:
        id: A short slug.
        period: The period the growth happened in (e.g. the year before the visit).
        multiple: This period's trade divided by the previous period's (2 = doubled).
        approximate: Whether the source hedges ("nearly doubling").
        wording: The source's words.
        citations: Where it is stated.
    """

    id: str
    period: Period
    multiple: Decimal = attrs.field(metadata=_POSITIVE)
    approximate: bool = False
    wording: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Horizon:
    """When a source says a target is to be reached.

    Attributes:
        wording: The source's words ("within the next two years").
        due: The dates the wording allows; an open end where it sets none.
        citations: Where it is stated.
    """

    wording: str
    due: Period
    citations: tuple[Citation, ...]


@attrs.frozen
class TradeTarget:
    """A goal for the level of trade, with every horizon any source gives for it.

    Attributes:
        id: A short slug.
        flow: The flow the target is for.
        value: US dollars a year.
        stated: The day the target was set.
        horizons: Each source's horizon, as worded.
        citations: Where the amount is stated.
    """

    id: str
    flow: TradeFlow
    value: Decimal = attrs.field(metadata=_POSITIVE)
    stated: dt.date = attrs.field()
    horizons: tuple[Horizon, ...] = ()
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class CorridorDescription:
    """How one or more sources describe a corridor.

    Attributes:
        wording: The source's name for it.
        countries: Alpha-2 codes of the countries, in the order the source gives them.
        citations: Where it is stated.
    """

    wording: str
    countries: tuple[str, ...] = attrs.field(metadata=_ref("countries"))
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Corridor:
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
    aliases: tuple[str, ...] = _NO_ALIASES

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every description."""
        return tuple(c for d in self.descriptions for c in d.citations)


@attrs.frozen
class Link:
    """A leg of the network between two places.

    Attributes:
        id: A short slug.
        origin: The id of one end.
        destination: The id of the other end.
        mode: Rail, road, sea, air or pipeline.
        km: Length in kilometres.
        basis: Whether the length is reported (cited) or estimated.
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
    origin: str = attrs.field(metadata=_ref("places"))
    destination: str = attrs.field(metadata=_ref("places"))
    mode: Mode = attrs.field()
    km: float = attrs.field(metadata=_POSITIVE)
    basis: LengthBasis = attrs.field()
    status: LinkStatus = attrs.field()
    corridors: tuple[str, ...] = attrs.field(default=(), metadata=_ref("corridors"))
    two_way: bool = True
    note: str | None = None
    gauge_mm: int | None = None
    services: tuple[Service, ...] = _BOTH_SERVICES
    terrain: Terrain | None = None
    road: str | None = None
    history: tuple[StatusSpell, ...] = ()
    seasons: tuple[Season, ...] = ()
    citations: tuple[Citation, ...] = ()

    def status_on(self, day: dt.date, service: Service = Service.FREIGHT) -> LinkStatus | None:
        """Its status on *day* for *service*; None when the history covers no such day."""
        status = status_on(self.history, self.status, day, service)
        if status is LinkStatus.OPERATIONAL and not in_season(self.seasons, day):
            return LinkStatus.CLOSED
        return status


@attrs.frozen
class Event:
    """Something that happened during or around the visit.

    Attributes:
        id: A short slug.
        title: What happened.
        kind: The kind of event.
        when: When, at the precision the sources give.
        place: The id of the place, where stated.
        participants: Ids of the people and organisations taking part.
        citations: Where it is stated.
    """

    id: str
    title: str
    kind: EventKind
    when: Period
    place: str | None = attrs.field(default=None, metadata=_ref("places"))
    participants: tuple[str, ...] = attrs.field(default=(), metadata=_ref(*_PARTIES))
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class StatusUpdate:
    """What a source reported of a commitment's progress on a day.

    Attributes:
        status: Where it stood.
        as_of: The day the source reports it (its publication day, or the event's).
        note: What happened, in a line.
        citations: Where it is reported.
    """

    status: CommitmentStatus
    as_of: dt.date
    note: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Commitment:
    """Something the sides agreed to do, with its timing as stated.

    Attributes:
        id: A short slug.
        title: What was promised.
        kind: The kind of commitment.
        parties: Ids of who committed.
        due: When it is due, as a period; None where no time is given.
        recurrence: How often, for recurring commitments ("biennial").
        status: Where it stands on the dataset's as-of day.
        sectors: Ids of the sectors it concerns.
        citations: Where it is stated.
        horizons: Where sources give different deadlines, each source's (as worded);
            :func:`kzpk.commitments` judges each of them.
        history: Dated reports of progress, oldest first; :func:`kzpk.commitments`
            takes the status of the latest one on or before the day it judges.
    """

    id: str
    title: str
    kind: CommitmentKind
    parties: tuple[str, ...] = attrs.field(default=(), metadata=_ref(*_PARTIES))
    due: Period | None = None
    recurrence: str | None = None
    status: CommitmentStatus = CommitmentStatus.OPEN
    sectors: tuple[str, ...] = attrs.field(default=(), metadata=_ref("sectors"))
    citations: tuple[Citation, ...] = ()
    horizons: tuple[Horizon, ...] = ()
    history: tuple[StatusUpdate, ...] = ()

    def status_on(self, day: dt.date) -> CommitmentStatus:
        """Its status on *day*: the latest update on or before it, else ``open``.

        Without a history, the recorded ``status`` (there is nothing to date it by).
        """
        if not self.history:
            return self.status
        known = [u for u in self.history if u.as_of <= day]
        return max(known, key=lambda u: u.as_of).status if known else CommitmentStatus.OPEN


@attrs.frozen
class Fact:
    """A stated fact of history, position, initiative, education or economy.

    Attributes:
        id: A short slug.
        topic: What it is about.
        statement: The fact, in a line.
        when: When it holds or happened, where stated.
        subjects: Ids of the records it concerns.
        citations: Where it is stated.
    """

    id: str
    topic: FactTopic
    statement: str
    when: Period | None = None
    subjects: tuple[str, ...] = attrs.field(
        default=(), metadata=_ref(*_PARTIES, "sectors", "agreements")
    )
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class Variant:
    """One way the sources state a disputed value.

    Attributes:
        value: The value as this variant states it.
        citations: The sources that state it.
    """

    value: str
    citations: tuple[Citation, ...]


@attrs.frozen
class Claim:
    """A question the sources answer differently, with every answer and who gives it.

    Attributes:
        id: A short slug.
        question: What is disputed.
        variants: Every answer, each with its sources.
        about: The id of the record the question concerns, where there is one.
    """

    id: str
    question: str
    variants: tuple[Variant, ...]
    about: str | None = attrs.field(default=None, metadata=_ref("*"))

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every variant."""
        return tuple(c for v in self.variants for c in v.citations)


@attrs.frozen
class Parameter:
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
    value: float = attrs.field(metadata=_NON_NEGATIVE)
    unit: str = attrs.field()
    mode: Mode | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class ReportedTrip:
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
        citations: Where it is reported.
    """

    id: str
    title: str
    origin: str = attrs.field(metadata=_ref("places"))
    destination: str = attrs.field(metadata=_ref("places"))
    days_min: float = attrs.field(metadata=_POSITIVE)
    days_max: float = attrs.field(metadata=_POSITIVE)
    modes: tuple[Mode, ...] = attrs.field()
    via: tuple[str, ...] = attrs.field(default=(), metadata=_ref("places"))
    km: float | None = attrs.field(default=None, metadata=_POSITIVE)
    when: Period | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()


class NameKind(StrEnum):
    """What a name is: the official or everyday form, an old name, a romanisation, a short form."""

    OFFICIAL = "official"
    COMMON = "common"
    HISTORICAL = "historical"
    TRANSLITERATION = "transliteration"
    ABBREVIATION = "abbreviation"


#: The language tags names may carry (BCP 47): English; Kazakh in Cyrillic, in the 2021 Latin
#: alphabet and in the Arabic script of China's and Iran's Kazakhs; Russian; Urdu; and the
#: neighbours' languages for their own places.
LANGUAGES: Final = frozenset(
    {
        "en",
        "kk",
        "kk-Latn",
        "kk-Arab",
        "ru",
        "ur",
        "uz",
        "uz-Cyrl",
        "ps",
        "fa",
        "tk",
        "zh",
        "az",
        "ka",
        "be",
    }
)


def _known_language(_instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    """Validator: *value* is one of :data:`LANGUAGES`."""
    if value not in LANGUAGES:
        raise ValueError(
            f"{attribute.name} {value!r} is not an allowed language tag; "
            f"valid: {', '.join(sorted(LANGUAGES))}"
        )


@attrs.frozen
class Name:
    """One name of a country, person, place or organisation, in one language, with its source.

    Attributes:
        id: A short slug (``"almaty-kk"``).
        record: The id of the record it names.
        text: The name as written, in its own script (``"Алматы"``, ``"کراچی"``).
        language: Its BCP 47 language tag, one of :data:`LANGUAGES` (``"kk-Latn"``).
        kind: Official, common, historical, a transliteration or an abbreviation.
        note: What the source does not say plainly (a period of use, how it was derived).
        citations: Where the name is written so.
    """

    id: str
    record: str = attrs.field(metadata=_ref(*_PARTIES))
    text: str
    language: str = attrs.field(validator=_known_language, metadata={"choices": LANGUAGES})
    kind: NameKind
    note: str | None = None
    citations: tuple[Citation, ...] = ()
