"""The closed vocabularies of the dataset: kinds, modes, statuses, bases and topics."""

from enum import StrEnum


class SourceKind(StrEnum):
    """What a source is: one of the five articles, a primary document, or another reference."""

    ARTICLE = "article"
    DOCUMENT = "document"
    REFERENCE = "reference"


class ReadThrough(StrEnum):
    """How a source was read when not at its own page: a copy of it, or a machine translation."""

    COPY = "copy"
    MACHINE_TRANSLATION = "machine-translation"


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
    """Where a link's length comes from, from the firmest basis to the loosest.

    ``reported``: a cited quote states the length of that line, road or sea route between
    the link's two ends ("the 293 km Zhetygen–Altynkol railway"), or a distance travelled
    along it ("driving from Islamabad to Gilgit ... around 650 kilometers").

    ``derived``: computed from cited kilometre posts (chainage) of the line or road: the
    difference of the posts at the link's two ends (Bereket at km 268 and Aşgabat at km 557
    of the Trans-Caspian railway: 289 km), a post at one end counting from km 0 at the other
    where the table or the road's name starts there. The quotes are the citations; the note
    names the posts.

    ``proxy``: a cited distance between the two places that stands in for the length, the
    quote giving where one place lies from the other rather than the length of a route
    ("Pavlodar is 450 km northeast of Astana"). The quote stays the citation and the note
    repeats the phrase; the line or road itself may well be longer.

    ``estimated``: great-circle distance times the documented circuity factor of the mode
    and terrain (see ``kzpk.CIRCUITY``); the note says which.
    """

    REPORTED = "reported"
    DERIVED = "derived"
    PROXY = "proxy"
    ESTIMATED = "estimated"

    @property
    def is_cited(self) -> bool:
        """Whether the length comes from a cited figure (reported, derived or proxy)."""
        return self is not LengthBasis.ESTIMATED


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
    """The kind of an event of the visit, or of what came before and after it.

    ``talks``: a formal exchange between delegations or officials (tête-à-tête, expanded
    format). ``meeting``: the two sides' officials meeting outside formal talks (on the
    margins of a summit, an ambassador calling on a minister). ``phone-call``: leaders
    or officials speaking by telephone. ``message``: a written or published greeting or
    statement from one side to the other, with no meeting. ``briefing``: remarks to the
    press or interviews.
    """

    ARRIVAL = "arrival"
    TALKS = "talks"
    MEETING = "meeting"
    PHONE_CALL = "phone-call"
    MESSAGE = "message"
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
