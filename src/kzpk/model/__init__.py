"""The record classes of the kzpk dataset: frozen, slotted, fully typed.

Conventions: collections are tuples; references to other records are ids (``str``);
money is US dollars as :class:`~decimal.Decimal`; dates are :class:`datetime.date`, and
dates that sources give loosely are a :class:`Period` (a range, possibly open-ended)
with the source's wording beside it. Field metadata tells the loader what to check.
"""

from kzpk.model._agreements import Agreement, DocumentCount, Sector
from kzpk.model._enums import (
    AgreementKind,
    CommitmentKind,
    CommitmentStatus,
    EventKind,
    FactTopic,
    LengthBasis,
    LinkStatus,
    Mode,
    OrganisationKind,
    PlaceKind,
    ReadThrough,
    Service,
    SourceKind,
    Terrain,
    TradeBasis,
    TradeFlow,
)
from kzpk.model._events import Claim, Commitment, Event, Fact, StatusUpdate, Variant
from kzpk.model._kinds import KINDS, Kind, Record
from kzpk.model._languages import LANGUAGES
from kzpk.model._names import Name, NameKind
from kzpk.model._network import (
    Corridor,
    CorridorDescription,
    Dwell,
    Link,
    Parameter,
    Place,
    ReportedTrip,
    Season,
    StatusSpell,
)
from kzpk.model._parties import Country, Organisation, Person, Role
from kzpk.model._plan import FieldSpec, Shape, citations_in, field_plan
from kzpk.model._sources import Citation, DatasetInfo, Period, Source
from kzpk.model._trade import Horizon, TradeFigure, TradeGrowth, TradeTarget
from kzpk.model._transliteration import (
    TRANSLITERATION_RULES,
    TransliterationRule,
    kazakh_latin,
)

__all__ = [
    "KINDS",
    "LANGUAGES",
    "TRANSLITERATION_RULES",
    "Agreement",
    "AgreementKind",
    "Citation",
    "Claim",
    "Commitment",
    "CommitmentKind",
    "CommitmentStatus",
    "Corridor",
    "CorridorDescription",
    "Country",
    "DatasetInfo",
    "DocumentCount",
    "Dwell",
    "Event",
    "EventKind",
    "Fact",
    "FactTopic",
    "FieldSpec",
    "Horizon",
    "Kind",
    "LengthBasis",
    "Link",
    "LinkStatus",
    "Mode",
    "Name",
    "NameKind",
    "Organisation",
    "OrganisationKind",
    "Parameter",
    "Period",
    "Person",
    "Place",
    "PlaceKind",
    "ReadThrough",
    "Record",
    "ReportedTrip",
    "Role",
    "Season",
    "Sector",
    "Service",
    "Shape",
    "Source",
    "SourceKind",
    "StatusSpell",
    "StatusUpdate",
    "Terrain",
    "TradeBasis",
    "TradeFigure",
    "TradeFlow",
    "TradeGrowth",
    "TradeTarget",
    "TransliterationRule",
    "Variant",
    "citations_in",
    "field_plan",
    "kazakh_latin",
]
