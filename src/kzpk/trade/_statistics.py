"""Official trade statistics beside the leaders' figures, and mirror comparisons.

Kazakhstan reports in calendar years, the State Bank of Pakistan in fiscal years (July to
June). A figure *belongs to* a year when its period ends in that year, so ``year=2024``
holds Kazakhstan's 2024 and Pakistan's fiscal 2023-24. Missing years stay missing.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import attrs

from kzpk._spelling import choose
from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import InvalidInputError
from kzpk.model import TradeFigure, TradeFlow
from kzpk.trade._money import format_usd

_PARTNERS = ("KZ", "PK")


def _year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, not {type(year).__name__}")
    if not 1900 <= year <= 2100:  # noqa: PLR2004 - a plausible range of trade statistics
        raise InvalidInputError(
            f"{{option}} must be between 1900 and 2100, got {year}", option="year", value=year
        )
    return year


def _end_year(figure: TradeFigure) -> int:
    return (figure.period.end or figure.period.start).year


def trade_figures(
    reporter: str | None = None,
    flow: TradeFlow | str | None = None,
    year: int | None = None,
    *,
    dataset: Dataset | None = None,
) -> tuple[TradeFigure, ...]:
    """Return the trade figures that match, by period end then reporter then id.

    Args:
        reporter: ``"KZ"`` or ``"PK"`` (whose officials or statistics give the figure).
        flow: ``"turnover"``, ``"exports"`` or ``"imports"``.
        year: The year the figure's period ends in.
        dataset: The dataset; default :func:`kzpk.load`.

    Raises:
        NotFoundError: An unknown reporter or flow.
        InvalidInputError: An implausible year.
    """
    data = dataset if dataset is not None else load()
    found = data.trade_figures
    if reporter is not None:
        code = choose(sorted({f.reporter for f in data.trade_figures}), reporter, "reporter")
        found = tuple(f for f in found if f.reporter == code)
    if flow is not None:
        wanted_flow = choose(TradeFlow, flow, "flow")
        found = tuple(f for f in found if f.flow is wanted_flow)
    if year is not None:
        wanted = _year(year)
        found = tuple(f for f in found if _end_year(f) == wanted)
    return tuple(sorted(found, key=lambda f: (f.period.end or f.period.start, f.reporter, f.id)))


@attrs.frozen
class MirrorPair:
    """One flow as its exporter reports it beside the same flow as its importer reports it.

    Attributes:
        exporter: The exporting country.
        importer: The importing country.
        year: The year both periods end in.
        as_exported: The exporter's figure for its exports, or None when none is published.
        as_imported: The importer's figure for its imports, or None when none is published.
        difference: ``as_exported - as_imported`` (US dollars), None when a side is missing.
        relative: ``difference / as_imported``, None when a side is missing.
        same_period: Whether both figures cover the same dates (calendar and fiscal years
            do not).
    """

    exporter: str
    importer: str
    year: int
    as_exported: TradeFigure | None
    as_imported: TradeFigure | None
    difference: Decimal | None
    relative: Decimal | None
    same_period: bool

    def __str__(self) -> str:
        """One line: both sides, their periods, and the gap."""

        def side(figure: TradeFigure | None) -> str:
            if figure is None:
                return "not published"
            return f"{format_usd(figure.value)} ({figure.period.start}..{figure.period.end})"

        gap = "" if self.relative is None else f", difference {self.relative:+.0%}"
        return (
            f"{self.exporter}→{self.importer} {self.year}: exporter says "
            f"{side(self.as_exported)}, importer says {side(self.as_imported)}{gap}"
        )


def _pair(
    exporter: str, importer: str, year: int, a: TradeFigure | None, b: TradeFigure | None
) -> MirrorPair:
    difference = relative = None
    if a is not None and b is not None:
        difference = a.value - b.value
        relative = difference / b.value
    same = (
        a is not None
        and b is not None
        and a.period.start == b.period.start
        and (a.period.end == b.period.end)
    )
    return MirrorPair(exporter, importer, year, a, b, difference, relative, same)


def mirror(year: int, *, dataset: Dataset | None = None) -> tuple[MirrorPair, ...]:
    """Set each reporter's figure for a flow beside its partner's, for full years ending in *year*.

    For each direction (Kazakhstan to Pakistan, Pakistan to Kazakhstan), the exporter's
    published exports are compared with the importer's published imports of the same flow;
    partial-year figures are left out. Where a side publishes several figures, every
    combination is returned (none is chosen); where a side publishes none, it is None.
    """
    wanted = _year(year)
    data = dataset if dataset is not None else load()
    pairs = []
    for exporter, importer in itertools.permutations(_PARTNERS):
        like = [
            f
            for f in data.trade_figures
            if f.exporter == exporter
            and f.importer == importer
            and not f.partial
            and _end_year(f) == wanted
        ]
        exported: list[TradeFigure | None] = [
            f for f in like if f.flow is TradeFlow.EXPORTS and f.reporter == exporter
        ]
        imported: list[TradeFigure | None] = [
            f for f in like if f.flow is TradeFlow.IMPORTS and f.reporter == importer
        ]
        for a, b in itertools.product(exported or [None], imported or [None]):
            pairs.append(_pair(exporter, importer, wanted, a, b))
    return tuple(pairs)
