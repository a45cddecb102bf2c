"""Trade: money amounts, the gap to the target, scenarios, and official figures side by side."""

from kzpk.trade._gap import implied_previous_trade, trade_gap, trade_scenarios, years_to_target
from kzpk.trade._money import format_usd, parse_usd
from kzpk.trade._results import DerivedFigure, GapHorizon, HorizonKind, PathPoint, TradeGap
from kzpk.trade._statistics import MirrorPair, mirror, trade_figures
from kzpk.trade._years import MAX_YEARS, MIN_YEARS

__all__ = [
    "MAX_YEARS",
    "MIN_YEARS",
    "DerivedFigure",
    "GapHorizon",
    "HorizonKind",
    "MirrorPair",
    "PathPoint",
    "TradeGap",
    "format_usd",
    "implied_previous_trade",
    "mirror",
    "parse_usd",
    "trade_figures",
    "trade_gap",
    "trade_scenarios",
    "years_to_target",
]
