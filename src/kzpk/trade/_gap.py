"""Trade arithmetic: the gap to a target, the growth it needs, and scenarios by source.

Money is exact (``Decimal`` US dollars). Growth rates are ``Decimal`` too, computed to
40 significant digits (``1.0`` means +100 % a year); round only for display. A horizon is
a number of years (``Decimal``, fractions allowed) counted in calendar years from the day
the current figure describes (4 Feb 2026 to 4 Feb 2027 is exactly one year; a part year
is the fraction of that year's days); ``by=2028`` means by the end of 2028.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext

from kzpk._spelling import suggest
from kzpk.config._config import current_config
from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import BARE, InvalidInputError, NotFoundError
from kzpk.model import Citation, Country, Horizon, Period, TradeFigure, TradeFlow, TradeTarget
from kzpk.trade._money import format_usd, parse_usd
from kzpk.trade._results import DerivedFigure, GapHorizon, HorizonKind, TradeGap
from kzpk.trade._years import (
    MAX_YEARS,
    PRECISION,
    add_years,
    anniversary,
    growth_path,
    growth_rate,
    is_full_year,
    ln1p,
    positive_years,
    years_between,
)

DEFAULT_BASELINE = "trade-level-sharif-2026"
DEFAULT_TARGET = "trade-target-1bn"


def _check_baseline(figure: TradeFigure) -> None:
    """Refuse a baseline that is not a year's two-way turnover, saying why.

    Accepted: a full calendar or fiscal year of turnover, or a running level that a
    source states on one day ("currently stands at $250 million").
    """
    period = figure.period
    if figure.flow is not TradeFlow.TURNOVER:
        raise InvalidInputError(
            f"{{option}} {figure.id!r} measures {figure.flow.value} ({figure.exporter} to "
            f"{figure.importer}), one way only; the target is for turnover, both ways",
            option="baseline",
            value=figure.id,
        )
    if figure.partial or period.end is None:
        raise InvalidInputError(
            f"{{option}} {figure.id!r} covers only part of a year ({period}); the target is "
            "a full year's turnover",
            option="baseline",
            value=figure.id,
        )
    if not period.is_exact and not is_full_year((period.start, period.end)):
        raise InvalidInputError(
            f"{{option}} {figure.id!r} covers {period}, not a full calendar or fiscal year; "
            "the target is a full year's turnover",
            option="baseline",
            value=figure.id,
        )


def _inputs(dataset: Dataset, baseline: str) -> tuple[TradeFigure, TradeTarget]:
    """The baseline figure and the $1 billion target; NotFoundError names a bad baseline."""
    figure, goal = dataset.get(baseline), dataset.get(DEFAULT_TARGET)
    if not isinstance(figure, TradeFigure):
        figures = [f.id for f in dataset.trade_figures]
        raise NotFoundError(
            f"{{option}}: unknown trade figure {baseline!r}{suggest(str(baseline), figures)}; "
            "the ids are those of kzpk.trade_figures() (`kzpk trade-figures`)",
            option="baseline",
            value=baseline,
            valid=figures,
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
        raise NotFoundError(
            f"no source gives a dated horizon for {target.id!r}; give {{years}} or {{by}}",
            filters={"years": BARE, "by": BARE},
        )
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
            raise InvalidInputError(
                f"{{option}} must be a year between 1 and 9999, got {by}", option="by", value=by
            )
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
        raise InvalidInputError(
            "give {years} or {by}, not both", filters={"years": years, "by": by}
        )
    if years is not None:
        horizon_years = positive_years(years, "years")
        label = GapHorizon(HorizonKind.GIVEN, add_years(base, horizon_years))
        given.append("horizon")
    elif by is not None:
        due = _target_date(by)
        if due <= base:
            raise InvalidInputError(
                f"{{option}} must be after the base date {base}, got {due}", option="by", value=by
            )
        latest = anniversary(base, int(MAX_YEARS))
        if due > latest:
            raise InvalidInputError(
                f"{{option}} must be at most {MAX_YEARS} years after the base date {base}, "
                f"got {due}",
                option="by",
                value=by,
            )
        horizon_years, label = (
            years_between(base, due),
            GapHorizon(HorizonKind.GIVEN, due, by=True),
        )
        given.append("horizon")
    else:
        horizon = _default_horizon(goal, figure)
        assert horizon.due.end is not None  # noqa: S101 - _default_horizon picks a dated one
        horizon_years = years_between(base, horizon.due.end)
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
    rate = growth_rate(current, target, years)
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
        path=growth_path(current, target, years, rate, base),
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
            years = years_between(base, horizon.due.end)
            label = GapHorizon(HorizonKind.STATED, horizon.due.end, horizon)
        else:
            years = assumed
            label = GapHorizon(HorizonKind.ASSUMED, add_years(base, assumed), horizon)
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
        raise InvalidInputError(
            f"{{option}} must be finite and above -1 (-100 %), got {rate}",
            option="growth_rate",
            value=growth_rate,
        )
    if now >= goal:
        return Decimal(0)
    if rate <= 0:
        raise InvalidInputError(
            f"at a growth rate of {rate} trade never reaches the target",
            option="growth_rate",
            value=growth_rate,
        )
    with localcontext(prec=PRECISION):
        return (goal / now).ln() / ln1p(rate)


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
