"""kzpk: the Kazakhstan–Pakistan strategic partnership (February 2026) as typed, cited data.

Everything public is importable from here; the modules behind it are private. Names are
resolved on first use, so ``import kzpk`` costs little more than ``import attrs`` would.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from kzpk.exceptions import (
    DatasetError,
    InvalidInputError,
    KzpkError,
    MissingExtraError,
    NoCitationsError,
    NoRouteError,
    NotFoundError,
)

if TYPE_CHECKING:
    from kzpk._agreements import (
        AgreementSummary,
        SectorNode,
        SectorSummary,
        agreement_summary,
        agreements,
        sector,
        sectors,
    )
    from kzpk._dataset import (
        Dataset,
        Record,
        load,
    )
    from kzpk._export import (
        export,
        geojson,
        to_frames,
        to_json,
        unstructure,
    )
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
    from kzpk._money import (
        format_usd,
        parse_usd,
    )
    from kzpk._plot import plot_network, plot_trade
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
    from kzpk._routes import (
        CIRCUITY,
        TRANSPORT_MODES,
        Leg,
        Route,
        build_route,
        great_circle_km,
    )
    from kzpk._schema import json_schema
    from kzpk._settings import (
        Config,
        configure,
        current_config,
    )
    from kzpk._settings_model import Settings as Settings
    from kzpk._statistics import (
        MirrorPair,
        mirror,
        trade_figures,
    )
    from kzpk._trade import (
        DerivedFigure,
        PathPoint,
        TradeGap,
        implied_previous_trade,
        trade_gap,
        trade_scenarios,
        years_to_target,
    )
    from kzpk._version import (
        __version__,
    )

#: Public but not in ``__all__``: ``from kzpk import *`` must not import pydantic-settings.
_NOT_STARRED = ("Settings",)

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
    "NoCitationsError",
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
    "export",
    "format_usd",
    "geojson",
    "great_circle_km",
    "implied_previous_trade",
    "json_schema",
    "load",
    "mirror",
    "parse_usd",
    "plot_network",
    "plot_trade",
    "sector",
    "sectors",
    "sources",
    "timeline",
    "to_frames",
    "to_json",
    "trade_figures",
    "trade_gap",
    "trade_scenarios",
    "unstructure",
    "years_to_target",
]

_LAZY = {
    "Agreement": "kzpk._model",
    "AgreementKind": "kzpk._model",
    "AgreementSummary": "kzpk._agreements",
    "CIRCUITY": "kzpk._routes",
    "Citation": "kzpk._model",
    "Claim": "kzpk._model",
    "Commitment": "kzpk._model",
    "CommitmentKind": "kzpk._model",
    "CommitmentState": "kzpk._provenance",
    "CommitmentStatus": "kzpk._model",
    "CommitmentView": "kzpk._provenance",
    "Config": "kzpk._settings",
    "Corridor": "kzpk._model",
    "CorridorDescription": "kzpk._model",
    "Country": "kzpk._model",
    "Dataset": "kzpk._dataset",
    "DatasetInfo": "kzpk._model",
    "DerivedFigure": "kzpk._trade",
    "DocumentCount": "kzpk._model",
    "Event": "kzpk._model",
    "EventKind": "kzpk._model",
    "Fact": "kzpk._model",
    "FactTopic": "kzpk._model",
    "Horizon": "kzpk._model",
    "Leg": "kzpk._routes",
    "LengthBasis": "kzpk._model",
    "Link": "kzpk._model",
    "LinkStatus": "kzpk._model",
    "MirrorPair": "kzpk._statistics",
    "Mode": "kzpk._model",
    "Organisation": "kzpk._model",
    "OrganisationKind": "kzpk._model",
    "PathPoint": "kzpk._trade",
    "Period": "kzpk._model",
    "Person": "kzpk._model",
    "Place": "kzpk._model",
    "PlaceKind": "kzpk._model",
    "Record": "kzpk._dataset",
    "Role": "kzpk._model",
    "Route": "kzpk._routes",
    "Sector": "kzpk._model",
    "SectorNode": "kzpk._agreements",
    "SectorSummary": "kzpk._agreements",
    "Source": "kzpk._model",
    "SourceKind": "kzpk._model",
    "SourceUse": "kzpk._provenance",
    "TRANSPORT_MODES": "kzpk._routes",
    "TradeBasis": "kzpk._model",
    "TradeFigure": "kzpk._model",
    "TradeFlow": "kzpk._model",
    "TradeGap": "kzpk._trade",
    "TradeGrowth": "kzpk._model",
    "TradeTarget": "kzpk._model",
    "Variant": "kzpk._model",
    "__version__": "kzpk._version",
    "agreement_summary": "kzpk._agreements",
    "agreements": "kzpk._agreements",
    "build_route": "kzpk._routes",
    "cite": "kzpk._provenance",
    "commitments": "kzpk._provenance",
    "configure": "kzpk._settings",
    "conflicts": "kzpk._provenance",
    "current_config": "kzpk._settings",
    "format_usd": "kzpk._money",
    "great_circle_km": "kzpk._routes",
    "implied_previous_trade": "kzpk._trade",
    "load": "kzpk._dataset",
    "mirror": "kzpk._statistics",
    "parse_usd": "kzpk._money",
    "sector": "kzpk._agreements",
    "sectors": "kzpk._agreements",
    "sources": "kzpk._provenance",
    "timeline": "kzpk._provenance",
    "to_json": "kzpk._export",
    "trade_figures": "kzpk._statistics",
    "trade_gap": "kzpk._trade",
    "trade_scenarios": "kzpk._trade",
    "unstructure": "kzpk._export",
    "years_to_target": "kzpk._trade",
    "export": "kzpk._export",
    "geojson": "kzpk._export",
    "to_frames": "kzpk._export",
    "json_schema": "kzpk._schema",
    "plot_trade": "kzpk._plot",
    "plot_network": "kzpk._plot",
    "Settings": "kzpk._settings_model",
}


if not TYPE_CHECKING:  # type checkers see the imports above; a typo stays an error for them

    def __getattr__(name: str) -> object:
        """Import the module behind *name* on first use and cache the name here."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'kzpk' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """List the public names."""
    return sorted([*__all__, *_NOT_STARRED])
