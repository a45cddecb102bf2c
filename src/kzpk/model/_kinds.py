"""The record kinds of a dataset: each kind's file stem and class, in the order files are read."""

from typing import Any, Final

from kzpk.model._agreements import Agreement, DocumentCount, Sector
from kzpk.model._events import Claim, Commitment, Event, Fact
from kzpk.model._names import Name
from kzpk.model._network import Corridor, Link, Parameter, Place, ReportedTrip
from kzpk.model._parties import Country, Organisation, Person
from kzpk.model._sources import Source
from kzpk.model._trade import TradeFigure, TradeGrowth, TradeTarget

#: A record of any kind.
Record = (
    Source
    | Country
    | Person
    | Organisation
    | Place
    | Sector
    | Agreement
    | DocumentCount
    | TradeFigure
    | TradeGrowth
    | TradeTarget
    | Corridor
    | Link
    | Event
    | Commitment
    | Fact
    | Claim
    | Parameter
    | ReportedTrip
    | Name
)

#: Each record kind: its file stem (also the top-level key and ``Dataset`` attribute) and class.
KINDS: Final[tuple[tuple[str, type[Any]], ...]] = (
    ("sources", Source),
    ("countries", Country),
    ("people", Person),
    ("organisations", Organisation),
    ("places", Place),
    ("sectors", Sector),
    ("agreements", Agreement),
    ("document_counts", DocumentCount),
    ("trade_figures", TradeFigure),
    ("trade_growth", TradeGrowth),
    ("trade_targets", TradeTarget),
    ("corridors", Corridor),
    ("links", Link),
    ("events", Event),
    ("commitments", Commitment),
    ("facts", Fact),
    ("claims", Claim),
    ("parameters", Parameter),
    ("trips", ReportedTrip),
    ("names", Name),
)
