"""Trade arithmetic: the gap to a target, the growth it needs, and scenarios by source.

Money is exact (``Decimal`` US dollars). Growth rates are ``Decimal`` too, computed to
40 significant digits (``1.0`` means +100 % a year); round only for display. A horizon is
a number of years (``Decimal``, fractions allowed) counted in calendar years from the day
the current figure describes (4 Feb 2026 to 4 Feb 2027 is exactly one year; a part year
is the fraction of that year's days); ``by=2028`` means by the end of 2028.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, localcontext
from enum import StrEnum

import attrs

from kzpk._dataset import Dataset, load
from kzpk._model import Citation, Country, Horizon, Period, TradeFigure, TradeFlow, TradeTarget
from kzpk._money import format_usd, parse_usd
from kzpk._names import suggest
from kzpk._settings import current_config
from kzpk.exceptions import InvalidInputError, NotFoundError

__all__ = [
    "DerivedFigure",
    "GapHorizon",
    "HorizonKind",
    "PathPoint",
    "TradeGap",
    "implied_previous_trade",
    "trade_gap",
    "trade_scenarios",
    "years_to_target",
]

_PRECISION = 40
#: The shortest horizon: one day (of a leap year).
MIN_YEARS = Decimal(1) / Decimal(366)
#: The longest horizon, in years.
MAX_YEARS = Decimal(1000)
#: Below this, ln(1 + rate) is computed by its series: 1 + rate would round to 1.
_TINY_RATE = Decimal("1e-12")
DEFAULT_BASELINE = "trade-level-sharif-2026"
DEFAULT_TARGET = "trade-target-1bn"


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


def _positive_years(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"{what} must be a number of years, not {type(value).__name__}")
    years = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not years.is_finite() or years <= 0:
        raise InvalidInputError(f"{what} must be a positive finite number of years, got {value!r}")
    return _bounded_years(years, what, value)


def _bounded_years(years: Decimal, what: str, given: object) -> Decimal:
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise InvalidInputError(
            f"{what} must be between one day ({MIN_YEARS:.4f} years) and "
            f"{MAX_YEARS} years, got {given!r}"
        )
    return years


def _is_full_year(period: tuple[dt.date, dt.date]) -> bool:
    """Whether *period* is twelve whole months from the first of a month (calendar or fiscal)."""
    start, end = period
    return start.day == 1 and _anniversary(start, 1) - dt.timedelta(days=1) == end


def _check_baseline(figure: TradeFigure) -> None:
    """Refuse a baseline that is not a year's two-way turnover, saying why.

    Accepted: a full calendar or fiscal year of turnover, or a running level that a
    source states on one day ("currently stands at $250 million").
    """
    period = figure.period
    if figure.flow is not TradeFlow.TURNOVER:
        raise InvalidInputError(
            f"baseline {figure.id!r} measures {figure.flow.value} ({figure.exporter} to "
            f"{figure.importer}), one way only; the target is for turnover, both ways"
        )
    if figure.partial or period.end is None:
        raise InvalidInputError(
            f"baseline {figure.id!r} covers only part of a year ({period}); the target is "
            "a full year's turnover"
        )
    if not period.is_exact and not _is_full_year((period.start, period.end)):
        raise InvalidInputError(
            f"baseline {figure.id!r} covers {period}, not a full calendar or fiscal year; "
            "the target is a full year's turnover"
        )


def _anniversary(start: dt.date, years: int) -> dt.date:
    """*start* moved by whole calendar years (29 February becomes 28 February)."""
    year = start.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidInputError(f"a horizon of {years} years runs past the calendar")
    try:
        return start.replace(year=year)
    except ValueError:
        return start.replace(year=year, day=28)


def _years_between(start: dt.date, end: dt.date) -> Decimal:
    """Calendar years from *start* to *end*: whole years plus the fraction of the next one."""
    whole = end.year - start.year
    if _anniversary(start, whole) > end:
        whole -= 1
    low, high = _anniversary(start, whole), _anniversary(start, whole + 1)
    return whole + Decimal((end - low).days) / Decimal((high - low).days)


def _add_years(start: dt.date, years: Decimal) -> dt.date:
    """The inverse of :func:`_years_between` (to the nearest day)."""
    whole = int(years)
    low, high = _anniversary(start, whole), _anniversary(start, whole + 1)
    fraction = (years - whole) * (high - low).days
    return low + dt.timedelta(days=int(fraction.to_integral_value()))


def _rate(current: Decimal, target: Decimal, years: Decimal) -> Decimal:
    with localcontext(prec=_PRECISION):
        return (target / current) ** (1 / years) - 1


def _path(
    current: Decimal, target: Decimal, years: Decimal, rate: Decimal, base: dt.date
) -> tuple[PathPoint, ...]:
    whole = range(1, math.ceil(years))
    points = [PathPoint(Decimal(0), base, current)]
    with localcontext(prec=_PRECISION):
        points += [
            PathPoint(Decimal(k), _add_years(base, Decimal(k)), current * (1 + rate) ** k)
            for k in whole
        ]
    points.append(PathPoint(years, _add_years(base, years), target))
    return tuple(points)


def _inputs(dataset: Dataset, baseline: str) -> tuple[TradeFigure, TradeTarget]:
    """The baseline figure and the $1 billion target; NotFoundError names a bad baseline."""
    figure, goal = dataset.get(baseline), dataset.get(DEFAULT_TARGET)
    if not isinstance(figure, TradeFigure):
        figures = [f.id for f in dataset.trade_figures]
        raise NotFoundError(
            f"unknown baseline {baseline!r}{suggest(str(baseline), figures)}; "
            "see kzpk.trade_figures() for the ids"
        )
    if not isinstance(goal, TradeTarget):
        raise NotFoundError(f"the dataset has no trade target {DEFAULT_TARGET!r}")
    _check_baseline(figure)
    return figure, goal


def _amount(
    value: object,
    default: Decimal,
    what: str,
    *,
    given: list[str],
    citations: list[Citation],
    cited: tuple[Citation, ...],
) -> Decimal:
    """The caller's amount (recorded in *given*), or the dataset's (its citations kept)."""
    if value is None:
        citations += cited
        return default
    given.append(what)
    return parse_usd(value, what)


def _default_horizon(target: TradeTarget, baseline: TradeFigure) -> Horizon:
    bounded = [h for h in target.horizons if h.due.end is not None]
    if not bounded:
        raise NotFoundError(f"no source gives a dated horizon for {target.id!r}; pass years or by")
    same_source = {c.source for c in baseline.citations}
    for horizon in bounded:
        if same_source & {c.source for c in horizon.citations}:
            return horizon
    return min(bounded, key=lambda h: h.due.end or dt.date.max)


def _target_date(by: object) -> dt.date:
    if isinstance(by, bool) or not isinstance(by, dt.date | int):
        raise TypeError(f"by must be a date or a year, not {type(by).__name__}")
    if isinstance(by, int):
        if not dt.MINYEAR <= by <= dt.MAXYEAR:
            raise InvalidInputError(f"by must be a year between 1 and 9999, got {by}")
        return dt.date(by, 12, 31)
    return by if not isinstance(by, dt.datetime) else by.date()


def trade_gap(
    current: Decimal | float | str | None = None,
    target: Decimal | float | str | None = None,
    *,
    years: Decimal | float | None = None,
    by: dt.date | int | None = None,
    baseline: str = DEFAULT_BASELINE,
    dataset: Dataset | None = None,
) -> TradeGap:
    """Return the gap between current trade and a target, and the growth needed to close it.

    Args:
        current: The level now; default the dataset's *baseline* figure.
        target: The target; default the dataset's $1 billion target.
        years: The horizon in years (positive, fractions allowed).
        by: Or the day (or year: its last day) the target is due. Not with *years*.
        baseline: Id of the trade figure to start from (its value and date): a full
            calendar or fiscal year of turnover, or a running level a source states on
            one day, since the target is a year's turnover.
        dataset: The dataset to read defaults from; default :func:`kzpk.load`.

    With neither *years* nor *by*, the horizon is one a source states: the one stated
    beside the baseline figure where there is one, else the earliest dated one.

    Raises:
        InvalidInputError: Amounts outside one cent to $10^15, NaN or infinite; unreadable
            amount text; horizons under a day or over 1000 years; both *years* and *by*;
            a *by* not after the base date; a *baseline* that is one-way, part of a year,
            or not a full calendar or fiscal year.
        NotFoundError: An unknown *baseline*.
        TypeError: Arguments of the wrong Python type.
    """
    data = dataset if dataset is not None else load()
    figure, goal = _inputs(data, baseline)
    given: list[str] = []
    citations: list[Citation] = []
    base = figure.period.end or figure.period.start
    now = _amount(
        current, figure.value, "current", given=given, citations=citations, cited=figure.citations
    )
    goal_value = _amount(
        target, goal.value, "target", given=given, citations=citations, cited=goal.citations
    )
    if years is not None and by is not None:
        raise InvalidInputError("give years or by, not both")
    if years is not None:
        horizon_years = _positive_years(years, "years")
        label = GapHorizon(HorizonKind.GIVEN, _add_years(base, horizon_years))
        given.append("horizon")
    elif by is not None:
        due = _target_date(by)
        if due <= base:
            raise InvalidInputError(f"by must be after the base date {base}, got {due}")
        latest = _anniversary(base, int(MAX_YEARS))
        if due > latest:
            raise InvalidInputError(
                f"by must be at most {MAX_YEARS} years after the base date {base}, got {due}"
            )
        horizon_years, label = (
            _years_between(base, due),
            GapHorizon(HorizonKind.GIVEN, due, by=True),
        )
        given.append("horizon")
    else:
        horizon = _default_horizon(goal, figure)
        assert horizon.due.end is not None  # noqa: S101 - _default_horizon picks a dated one
        horizon_years = _years_between(base, horizon.due.end)
        label = GapHorizon(HorizonKind.STATED, horizon.due.end, horizon)
        citations += horizon.citations
    return _gap(
        current=now,
        target=goal_value,
        base=base,
        years=horizon_years,
        label=label,
        citations=tuple(citations),
        given=tuple(given),
    )


def _gap(
    *,
    current: Decimal,
    target: Decimal,
    base: dt.date,
    years: Decimal,
    label: GapHorizon,
    citations: tuple[Citation, ...],
    given: tuple[str, ...],
) -> TradeGap:
    rate = _rate(current, target, years)
    return TradeGap(
        current=current,
        target=target,
        base_date=base,
        base_year=base.year,
        years=years,
        horizon=label,
        gap=max(target - current, Decimal(0)),
        multiple=target / current,
        cagr=rate,
        path=_path(current, target, years, rate, base),
        met=current >= target,
        citations=tuple(dict.fromkeys(citations)),
        given=given,
    )


def trade_scenarios(
    *, baseline: str = DEFAULT_BASELINE, dataset: Dataset | None = None
) -> tuple[TradeGap, ...]:
    """Return one :class:`TradeGap` per horizon that a source gives for the $1 billion target.

    Dated horizons ("within the next year") are used as stated. Open ones ("in the near
    term") are explicit assumptions of ``Config.open_horizon_years`` years, of kind
    ``assumed``. Sorted by horizon length, then by the horizon in words.
    """
    data = dataset if dataset is not None else load()
    figure, goal = _inputs(data, baseline)
    base = figure.period.end or figure.period.start
    assumed = Decimal(str(current_config().open_horizon_years))
    gaps = []
    for horizon in goal.horizons:
        if horizon.due.end is not None:
            years = _years_between(base, horizon.due.end)
            label = GapHorizon(HorizonKind.STATED, horizon.due.end, horizon)
        else:
            years = assumed
            label = GapHorizon(HorizonKind.ASSUMED, _add_years(base, assumed), horizon)
        citations = figure.citations + goal.citations + horizon.citations
        gaps.append(
            _gap(
                current=figure.value,
                target=goal.value,
                base=base,
                years=years,
                label=label,
                citations=citations,
                given=(),
            )
        )
    return tuple(sorted(gaps, key=lambda g: (g.years, str(g.horizon))))


def years_to_target(
    current: Decimal | float | str,
    target: Decimal | float | str,
    growth_rate: Decimal | float,
) -> Decimal:
    """Return the years that growing at *growth_rate* a year takes from *current* to *target*.

    The inverse of the required rate: ``years_to_target(c, t, trade_gap(c, t, years=n).cagr)``
    is *n*. Zero when the target is already met.

    Raises:
        InvalidInputError: Bad amounts; a rate of -100 % or less, or not finite; a rate
            that never reaches the target (zero or negative growth below the target).
    """
    now, goal = parse_usd(current, "current"), parse_usd(target, "target")
    if isinstance(growth_rate, bool) or not isinstance(growth_rate, Decimal | int | float):
        raise TypeError(f"growth_rate must be a number, not {type(growth_rate).__name__}")
    rate = Decimal(str(growth_rate)) if isinstance(growth_rate, float) else Decimal(growth_rate)
    if not rate.is_finite() or rate <= -1:
        raise InvalidInputError(f"growth_rate must be finite and above -1 (-100 %), got {rate}")
    if now >= goal:
        return Decimal(0)
    if rate <= 0:
        raise InvalidInputError(f"at a growth rate of {rate} trade never reaches the target")
    with localcontext(prec=_PRECISION):
        return (goal / now).ln() / _ln1p(rate)


def _ln1p(rate: Decimal) -> Decimal:
    """ln(1 + rate), exact to the working precision even where 1 + rate rounds to 1."""
    if rate < _TINY_RATE:
        return rate - rate * rate / 2 + rate * rate * rate / 3
    return (1 + rate).ln()


def _reported_beside(data: Dataset, flow: TradeFlow, year: int) -> str | None:
    """The full-year figures reporters give for *flow* in calendar *year*, as one line."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found = [
        f
        for f in data.trade_figures
        if f.flow is flow and not f.partial and f.period.start == start and f.period.end == end
    ]
    if not found:
        return None

    def reporter(code: str) -> str:
        country = data.get(code)
        return country.name if isinstance(country, Country) else code

    reported = "; ".join(
        f"{reporter(f.reporter)} reported {format_usd(f.value)} for {year} ({f.id})"
        for f in sorted(found, key=lambda f: (f.reporter, f.id))
    )
    return f"beside it, {reported}"


def implied_previous_trade(
    *, baseline: str = DEFAULT_BASELINE, dataset: Dataset | None = None
) -> tuple[DerivedFigure, ...]:
    """Return the previous year's trade implied by each "trade doubled" statement.

    Each is *derived*, never stated: the baseline level divided by the stated multiple,
    assuming the baseline level is the level of the year the growth statement is about.
    Its ``note`` gives what the reporters' own statistics say for that year, where the
    dataset holds them (Kazakhstan reported $53.7 million for 2024).
    """
    data = dataset if dataset is not None else load()
    figure, _ = _inputs(data, baseline)
    derived = []
    for growth in data.trade_growth:
        year = growth.period.start.year - 1
        hedge = "about " if growth.approximate else ""
        derived.append(
            DerivedFigure(
                value=figure.value / growth.multiple,
                period=Period(dt.date(year, 1, 1), dt.date(year, 12, 31)),
                approximate=growth.approximate,
                method=(
                    f"{format_usd(figure.value)} ({figure.id}) ÷ {hedge}{growth.multiple} "
                    f"({growth.wording or growth.id}); assumes {figure.wording or 'the level'} "
                    f"is the {growth.period.start.year} level"
                ),
                inputs=(figure.id, growth.id),
                citations=figure.citations + growth.citations,
                note=_reported_beside(data, figure.flow, year),
            )
        )
    return tuple(derived)
