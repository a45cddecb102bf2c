"""The record kinds of a dataset: each kind's file stem and class, in the order files are read."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

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


@attrs.frozen
class Kind:
    """A kind of record: where its records live and how to speak of them.

    The one registry of kinds is :data:`KINDS`; the dataset's files, the ``Dataset``
    attributes, the loader's messages, the exported tables and the command line's choices
    all derive from it.

    Attributes:
        name: The plural stem: the file stem, the file's top-level key, the ``Dataset``
            attribute and the exported table (``"places"``, ``"document_counts"``).
        cls: The record class.
        singular: One record of the kind, in words (``"place"``, ``"document count"``).
        id_field: The field that identifies a record (``"id"``; ``"code"`` for countries).
    """

    name: str
    cls: type[Any]
    singular: str
    id_field: str = "id"

    @property
    def file(self) -> str:
        """The file that holds the kind's records (``"places.json"``)."""
        return f"{self.name}.json"

    @property
    def plural(self) -> str:
        """Records of the kind, in words (``"document counts"``)."""
        return self.name.replace("_", " ")


#: Every record kind, in the order the files are read (sources first: the others cite them).
KINDS: Final[tuple[Kind, ...]] = (
    Kind("sources", Source, "source"),
    Kind("countries", Country, "country", id_field="code"),
    Kind("people", Person, "person"),
    Kind("organisations", Organisation, "organisation"),
    Kind("places", Place, "place"),
    Kind("sectors", Sector, "sector"),
    Kind("agreements", Agreement, "agreement"),
    Kind("document_counts", DocumentCount, "document count"),
    Kind("trade_figures", TradeFigure, "trade figure"),
    Kind("trade_growth", TradeGrowth, "trade growth statement"),
    Kind("trade_targets", TradeTarget, "trade target"),
    Kind("corridors", Corridor, "corridor"),
    Kind("links", Link, "link"),
    Kind("events", Event, "event"),
    Kind("commitments", Commitment, "commitment"),
    Kind("facts", Fact, "fact"),
    Kind("claims", Claim, "claim"),
    Kind("parameters", Parameter, "parameter"),
    Kind("trips", ReportedTrip, "reported trip"),
    Kind("names", Name, "name"),
)
#: Each kind by its name (``"places"``).
KIND_BY_NAME: Final[Mapping[str, Kind]] = MappingProxyType({k.name: k for k in KINDS})
#: Each kind by its record class.
KIND_BY_CLASS: Final[Mapping[type, Kind]] = MappingProxyType({k.cls: k for k in KINDS})
