"""kzpk: the Kazakhstan–Pakistan strategic partnership (February 2026) as typed, cited data.

Everything public is importable from here; the modules behind it are private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzpk._agreements import (
    AgreementSummary,
    SectorNode,
    SectorSummary,
    agreement_summary,
    agreements,
    sector,
    sectors,
)
from kzpk._dataset import Dataset, Record, load
from kzpk._export import to_json, unstructure
from kzpk._model import (
    Agreement,
    AgreementKind,
    Citation,
    Claim,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Corridor,
    CorridorDescription,
    Country,
    DatasetInfo,
    DocumentCount,
    Event,
    EventKind,
    Fact,
    FactTopic,
    Horizon,
    LengthBasis,
    Link,
    LinkStatus,
    Mode,
    Organisation,
    OrganisationKind,
    Period,
    Person,
    Place,
    PlaceKind,
    Role,
    Sector,
    Source,
    SourceKind,
    TradeBasis,
    TradeFigure,
    TradeFlow,
    TradeGrowth,
    TradeTarget,
    Variant,
)
from kzpk._money import format_usd, parse_usd
from kzpk._provenance import (
    CommitmentState,
    CommitmentView,
    SourceUse,
    cite,
    commitments,
    conflicts,
    sources,
    timeline,
)
from kzpk._routes import CIRCUITY, TRANSPORT_MODES, Leg, Route, build_route, great_circle_km
from kzpk._settings import Config, configure, current_config
from kzpk._statistics import MirrorPair, mirror, trade_figures
from kzpk._trade import (
    DerivedFigure,
    PathPoint,
    TradeGap,
    implied_previous_trade,
    trade_gap,
    trade_scenarios,
    years_to_target,
)
from kzpk.exceptions import (
    DatasetError,
    InvalidInputError,
    KzpkError,
    MissingExtraError,
    NoRouteError,
    NotFoundError,
)

if TYPE_CHECKING:
    from kzpk._settings_model import Settings

__all__ = [
    "CIRCUITY",
    "TRANSPORT_MODES",
    "Agreement",
    "AgreementKind",
    "AgreementSummary",
    "Citation",
    "Claim",
    "Commitment",
    "CommitmentKind",
    "CommitmentState",
    "CommitmentStatus",
    "CommitmentView",
    "Config",
    "Corridor",
    "CorridorDescription",
    "Country",
    "Dataset",
    "DatasetError",
    "DatasetInfo",
    "DerivedFigure",
    "DocumentCount",
    "Event",
    "EventKind",
    "Fact",
    "FactTopic",
    "Horizon",
    "InvalidInputError",
    "KzpkError",
    "Leg",
    "LengthBasis",
    "Link",
    "LinkStatus",
    "MirrorPair",
    "MissingExtraError",
    "Mode",
    "NoRouteError",
    "NotFoundError",
    "Organisation",
    "OrganisationKind",
    "PathPoint",
    "Period",
    "Person",
    "Place",
    "PlaceKind",
    "Record",
    "Role",
    "Route",
    "Sector",
    "SectorNode",
    "SectorSummary",
    "Settings",
    "Source",
    "SourceKind",
    "SourceUse",
    "TradeBasis",
    "TradeFigure",
    "TradeFlow",
    "TradeGap",
    "TradeGrowth",
    "TradeTarget",
    "Variant",
    "__version__",
    "agreement_summary",
    "agreements",
    "build_route",
    "cite",
    "commitments",
    "configure",
    "conflicts",
    "current_config",
    "format_usd",
    "great_circle_km",
    "implied_previous_trade",
    "load",
    "mirror",
    "parse_usd",
    "sector",
    "sectors",
    "sources",
    "timeline",
    "to_json",
    "trade_figures",
    "trade_gap",
    "trade_scenarios",
    "unstructure",
    "years_to_target",
]


def __getattr__(name: str) -> object:
    """Resolve ``__version__`` and ``Settings`` on first use, keeping ``import kzpk`` light."""
    if name == "__version__":
        from kzpk._version import __version__

        return __version__
    if name == "Settings":
        from kzpk._settings_model import Settings

        return Settings
    raise AttributeError(f"module 'kzpk' has no attribute {name!r}")
