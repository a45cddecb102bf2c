"""Trade: stated and published figures, growth statements, targets and their horizons."""

import datetime as dt
from decimal import Decimal

import attrs

from kzpk.model._base import POSITIVE, RecordBase, ref, unit
from kzpk.model._enums import TradeBasis, TradeFlow
from kzpk.model._sources import Citation, Period


@attrs.frozen(repr=False, eq=False)
class TradeFigure(RecordBase):
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
    reporter: str = attrs.field(metadata=ref("countries"))
    flow: TradeFlow = attrs.field()
    period: Period = attrs.field()
    value: Decimal = attrs.field(metadata=unit("USD", **POSITIVE))
    basis: TradeBasis = attrs.field()
    exporter: str | None = attrs.field(default=None, metadata=ref("countries"))
    importer: str | None = attrs.field(default=None, metadata=ref("countries"))
    partial: bool = False
    wording: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class TradeGrowth(RecordBase):
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
    multiple: Decimal = attrs.field(metadata=POSITIVE)
    approximate: bool = False
    wording: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Horizon(RecordBase):
    """When a source says a target is to be reached.

    Attributes:
        wording: The source's words ("within the next two years").
        due: The dates the wording allows; an open end where it sets none.
        citations: Where it is stated.
    """

    wording: str
    due: Period
    citations: tuple[Citation, ...]


@attrs.frozen(repr=False, eq=False)
class TradeTarget(RecordBase):
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
    value: Decimal = attrs.field(metadata=unit("USD", **POSITIVE))
    stated: dt.date = attrs.field()
    horizons: tuple[Horizon, ...] = ()
    citations: tuple[Citation, ...] = ()
