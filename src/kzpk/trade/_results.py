"""What the trade helpers return: gaps with their horizons and paths, and derived figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

import attrs

from kzpk.model import Citation, Horizon, Period
from kzpk.trade._money import format_usd


@attrs.frozen
class PathPoint:
    """One point of the path from the current level to the target.

    Attributes:
        years: Years elapsed since the base date.
        date: The calendar day that is.
        value: The trade level then, US dollars.
    """

    years: Decimal
    date: dt.date
    value: Decimal


class HorizonKind(StrEnum):
    """Where the horizon of a :class:`TradeGap` comes from."""

    STATED = "stated"  # a source's dated horizon
    ASSUMED = "assumed"  # a source's open horizon, given Config.open_horizon_years
    GIVEN = "given"  # the caller's years or by


@attrs.frozen
class GapHorizon:
    """The horizon of a :class:`TradeGap`: until when, and on whose word.

    ``str()`` gives it in words (``"'within the next year', islamabad-37-pacts"``,
    ``"given"``, ``"by 2028-12-31 (given)"``).

    Attributes:
        kind: ``stated`` (a source's dated horizon), ``assumed`` (a source's open horizon,
            given ``Config.open_horizon_years``) or ``given`` (by the caller).
        due: The day the target is to be met (the base date plus the gap's years).
        source_horizon: The source's horizon (wording, dates, citations) for ``stated`` and
            ``assumed``; None for ``given``.
        by: Whether the caller gave a day (``by=``) rather than a number of years.
    """

    kind: HorizonKind
    due: dt.date
    source_horizon: Horizon | None = None
    by: bool = False

    @property
    def wording(self) -> str | None:
        """The source's words for the horizon, None when the caller gave it."""
        return None if self.source_horizon is None else self.source_horizon.wording

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources that state the horizon, sorted; () when the caller gave it."""
        cited = () if self.source_horizon is None else self.source_horizon.citations
        return tuple(sorted({c.source for c in cited}))

    def __str__(self) -> str:
        """The horizon in words, with its sources or "given"."""
        if self.kind is HorizonKind.GIVEN:
            return f"by {self.due} (given)" if self.by else "given"
        stated = f"{self.wording!r}, {', '.join(self.sources)}"
        if self.kind is HorizonKind.ASSUMED:
            return f"{stated}; no end stated, assumed to {self.due}"
        return stated


@attrs.frozen
class TradeGap:
    """How far trade is from a target, and the growth needed to close the gap in time.

    Attributes:
        current: The level now, US dollars.
        target: The target level, US dollars.
        base_date: The day the current level describes.
        base_year: Its year.
        years: The horizon, in years from the base date.
        horizon: Until when and on whose word (:class:`GapHorizon`: stated by a source,
            assumed for an open one, or given by the caller); ``str()`` says it in words.
        gap: ``target - current``, never below zero (US dollars).
        multiple: ``target / current``.
        cagr: The required compound annual growth rate (``Decimal``; 1.0 is +100 % a year).
        path: The level at the base date, at each whole year, and at the horizon.
        met: Whether the target is already reached.
        citations: The citations of every input taken from the dataset.
        given: The inputs the caller gave (``"current"``, ``"target"``, ``"horizon"``).
    """

    current: Decimal
    target: Decimal
    base_date: dt.date
    base_year: int
    years: Decimal
    horizon: GapHorizon
    gap: Decimal
    multiple: Decimal
    cagr: Decimal
    path: tuple[PathPoint, ...]
    met: bool
    citations: tuple[Citation, ...]
    given: tuple[str, ...]

    def __str__(self) -> str:
        """A short report for a terminal."""
        rate = f"{self.cagr * 100:+.1f} % a year"
        steps = " → ".join(f"{p.date.year}: {format_usd(p.value)}" for p in self.path)
        sources = sorted({c.source for c in self.citations}) or ["(none)"]
        return "\n".join(
            (
                (
                    f"Trade {format_usd(self.current)} → target {format_usd(self.target)} "
                    f"in {self.years:.2f} years ({self.horizon})"
                ),
                f"  gap       {format_usd(self.gap)}{'  (target already met)' if self.met else ''}",
                f"  multiple  {self.multiple:.2f}×",
                f"  required  {rate}",
                f"  path      {steps}",
                f"  sources   {', '.join(sources)}",
            )
        )


@attrs.frozen
class DerivedFigure:
    """A figure computed from stated ones, never stated itself.

    Attributes:
        value: US dollars.
        period: The year it is for (its first and last day).
        approximate: Whether an input was hedged ("nearly doubling").
        method: How it was computed, and what that assumes.
        inputs: Ids of the records it was computed from.
        citations: Their citations.
        note: What the reporters' own figures for the same period say, beside it (a
            derived $125 million for 2024 beside Kazakhstan's reported $53.7 million).
    """

    value: Decimal
    period: Period
    approximate: bool
    method: str
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...]
    note: str | None = None

    @property
    def basis(self) -> str:
        """Always ``"derived"``: no source states this value."""
        return "derived"
