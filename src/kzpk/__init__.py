"""kzpk: the Kazakhstan–Pakistan strategic partnership (February 2026) as typed, cited data.

Everything public is importable from here. Each name lives in one subpackage by domain
(:mod:`kzpk.exceptions`, :mod:`kzpk.model`, :mod:`kzpk.config`, :mod:`kzpk.dataset`,
:mod:`kzpk.accords`, :mod:`kzpk.provenance`, :mod:`kzpk.trade`, :mod:`kzpk.routing`,
:mod:`kzpk.exports`), whose
``__all__`` is the one list of what it offers; this module re-exports those lists and
imports a subpackage only when one of its names is first used, so ``import kzpk`` costs
almost nothing. The imports below are for type checkers only.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from kzpk._version import __version__ as __version__
    from kzpk.accords import (
        AgreementMatch as AgreementMatch,
        AgreementSummary as AgreementSummary,
        SectorNode as SectorNode,
        SectorSummary as SectorSummary,
        agreement_matches as agreement_matches,
        agreement_summary as agreement_summary,
        agreements as agreements,
        sector as sector,
        sector_tree as sector_tree,
        sectors as sectors,
    )
    from kzpk.config import (
        Config as Config,
        ConfigChanges as ConfigChanges,
        Settings as Settings,
        configure as configure,
        current_config as current_config,
    )
    from kzpk.dataset import (
        Dataset as Dataset,
        load as load,
        validate as validate,
    )
    from kzpk.exceptions import (
        AmbiguousNameError as AmbiguousNameError,
        ChoiceError as ChoiceError,
        DatasetError as DatasetError,
        InvalidInputError as InvalidInputError,
        KzpkError as KzpkError,
        MissingExtraError as MissingExtraError,
        NoCitationsError as NoCitationsError,
        NoRouteError as NoRouteError,
        NotFoundError as NotFoundError,
        Problem as Problem,
    )
    from kzpk.exports import (
        export as export,
        geojson as geojson,
        json_schema as json_schema,
        plot_network as plot_network,
        plot_trade as plot_trade,
        to_frames as to_frames,
        to_json as to_json,
        unstructure as unstructure,
    )
    from kzpk.model import (
        KINDS as KINDS,
        LANGUAGES as LANGUAGES,
        TRANSLITERATION_RULES as TRANSLITERATION_RULES,
        Agreement as Agreement,
        AgreementKind as AgreementKind,
        Citation as Citation,
        Claim as Claim,
        Commitment as Commitment,
        CommitmentKind as CommitmentKind,
        CommitmentStatus as CommitmentStatus,
        Corridor as Corridor,
        CorridorDescription as CorridorDescription,
        Country as Country,
        DatasetInfo as DatasetInfo,
        DocumentCount as DocumentCount,
        Dwell as Dwell,
        Event as Event,
        EventKind as EventKind,
        Fact as Fact,
        FactTopic as FactTopic,
        FieldSpec as FieldSpec,
        Horizon as Horizon,
        Kind as Kind,
        LengthBasis as LengthBasis,
        Link as Link,
        LinkStatus as LinkStatus,
        Mode as Mode,
        Name as Name,
        NameKind as NameKind,
        Organisation as Organisation,
        OrganisationKind as OrganisationKind,
        Parameter as Parameter,
        Period as Period,
        Person as Person,
        Place as Place,
        PlaceKind as PlaceKind,
        ReadThrough as ReadThrough,
        Record as Record,
        ReportedTrip as ReportedTrip,
        Role as Role,
        Season as Season,
        Sector as Sector,
        Service as Service,
        Shape as Shape,
        Source as Source,
        SourceKind as SourceKind,
        StatusSpell as StatusSpell,
        StatusUpdate as StatusUpdate,
        Terrain as Terrain,
        TradeBasis as TradeBasis,
        TradeFigure as TradeFigure,
        TradeFlow as TradeFlow,
        TradeGrowth as TradeGrowth,
        TradeTarget as TradeTarget,
        TransliterationRule as TransliterationRule,
        Variant as Variant,
        citations_in as citations_in,
        field_plan as field_plan,
        kazakh_latin as kazakh_latin,
    )
    from kzpk.provenance import (
        CommitmentState as CommitmentState,
        CommitmentView as CommitmentView,
        HorizonState as HorizonState,
        SourceUse as SourceUse,
        cite as cite,
        commitment_states as commitment_states,
        commitments as commitments,
        conflicts as conflicts,
        sources as sources,
        sources_cited as sources_cited,
        timeline as timeline,
    )
    from kzpk.routing import (
        CIRCUITY as CIRCUITY,
        MAX_ALTERNATIVES as MAX_ALTERNATIVES,
        Calibration as Calibration,
        ChangeStop as ChangeStop,
        Crew as Crew,
        CrossingStop as CrossingStop,
        DwellBasis as DwellBasis,
        Fit as Fit,
        Leg as Leg,
        Profile as Profile,
        Route as Route,
        build_route as build_route,
        calibration as calibration,
        circuity as circuity,
        great_circle_km as great_circle_km,
        next_open as next_open,
        routes_geojson as routes_geojson,
    )
    from kzpk.trade import (
        MAX_YEARS as MAX_YEARS,
        MIN_YEARS as MIN_YEARS,
        DerivedFigure as DerivedFigure,
        GapHorizon as GapHorizon,
        HorizonKind as HorizonKind,
        MirrorPair as MirrorPair,
        PathPoint as PathPoint,
        TradeGap as TradeGap,
        format_usd as format_usd,
        implied_previous_trade as implied_previous_trade,
        mirror as mirror,
        parse_usd as parse_usd,
        trade_figures as trade_figures,
        trade_gap as trade_gap,
        trade_scenarios as trade_scenarios,
        years_to_target as years_to_target,
    )

#: The subpackages whose ``__all__`` make up kzpk's surface, lightest and most used first.
_SUBPACKAGES: Final = (
    "exceptions",
    "model",
    "config",
    "dataset",
    "accords",
    "provenance",
    "trade",
    "routing",
    "exports",
    "names",
)
#: Public but not starred: ``from kzpk import *`` must not import pydantic-settings.
_NOT_STARRED: Final = frozenset({"Settings"})


def _home(name: str) -> ModuleType | None:
    """The subpackage that offers *name*, imported; None when none does."""
    for sub in _SUBPACKAGES:
        module = importlib.import_module(f"kzpk.{sub}")
        if name in module.__all__:
            return module
    return None


def _public() -> list[str]:
    """Every public name: the version and each subpackage's ``__all__``."""
    offered = (importlib.import_module(f"kzpk.{sub}").__all__ for sub in _SUBPACKAGES)
    return sorted({"__version__", *(name for names in offered for name in names)})


if not TYPE_CHECKING:  # type checkers see the imports above; a typo stays an error for them

    def __getattr__(name: str) -> object:
        """Import the subpackage behind *name* on first use and cache the name here."""
        if name == "__all__":
            value = [n for n in _public() if n not in _NOT_STARRED]
        elif name == "__version__":
            from kzpk._version import __version__ as value
        elif (home := _home(name)) is not None:
            value = getattr(home, name)
        else:
            raise AttributeError(f"module 'kzpk' has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """List the public names."""
    return _public()
