"""Calendar years and compound growth, exact: horizons, anniversaries, rates and paths.

A horizon is a number of years (``Decimal``, fractions allowed) counted in calendar years
from a base day (4 Feb 2026 to 4 Feb 2027 is exactly one year; a part year is the fraction
of that year's days). Rates are computed to 40 significant digits.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, localcontext

from kzpk.exceptions import InvalidInputError
from kzpk.trade._results import PathPoint

PRECISION = 40


#: The shortest horizon: one day (of a leap year).
MIN_YEARS = Decimal(1) / Decimal(366)


#: The longest horizon, in years.
MAX_YEARS = Decimal(1000)


#: Below this, ln(1 + rate) is computed by its series: 1 + rate would round to 1.
_TINY_RATE = Decimal("1e-12")


def positive_years(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"{what} must be a number of years, not {type(value).__name__}")
    years = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not years.is_finite() or years <= 0:
        raise InvalidInputError(
            f"{{option}} must be a positive finite number of years, got {value!r}",
            option=what,
            value=value,
        )
    return bounded_years(years, what, value)


def bounded_years(years: Decimal, what: str, given: object) -> Decimal:
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise InvalidInputError(
            f"{{option}} must be between one day ({MIN_YEARS:.4f} years) and "
            f"{MAX_YEARS} years, got {given!r}",
            option=what,
            value=given,
        )
    return years


def is_full_year(period: tuple[dt.date, dt.date]) -> bool:
    """Whether *period* is twelve whole months from the first of a month (calendar or fiscal)."""
    start, end = period
    return start.day == 1 and anniversary(start, 1) - dt.timedelta(days=1) == end


def anniversary(start: dt.date, years: int) -> dt.date:
    """*start* moved by whole calendar years (29 February becomes 28 February)."""
    year = start.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidInputError(f"a horizon of {years} years runs past the calendar")
    try:
        return start.replace(year=year)
    except ValueError:
        return start.replace(year=year, day=28)


def years_between(start: dt.date, end: dt.date) -> Decimal:
    """Calendar years from *start* to *end*: whole years plus the fraction of the next one."""
    whole = end.year - start.year
    if anniversary(start, whole) > end:
        whole -= 1
    low, high = anniversary(start, whole), anniversary(start, whole + 1)
    return whole + Decimal((end - low).days) / Decimal((high - low).days)


def add_years(start: dt.date, years: Decimal) -> dt.date:
    """The inverse of :func:`years_between` (to the nearest day)."""
    whole = int(years)
    low, high = anniversary(start, whole), anniversary(start, whole + 1)
    fraction = (years - whole) * (high - low).days
    return low + dt.timedelta(days=int(fraction.to_integral_value()))


def growth_rate(current: Decimal, target: Decimal, years: Decimal) -> Decimal:
    with localcontext(prec=PRECISION):
        return (target / current) ** (1 / years) - 1


def growth_path(
    current: Decimal, target: Decimal, years: Decimal, rate: Decimal, base: dt.date
) -> tuple[PathPoint, ...]:
    whole = range(1, math.ceil(years))
    points = [PathPoint(Decimal(0), base, current)]
    with localcontext(prec=PRECISION):
        points += [
            PathPoint(Decimal(k), add_years(base, Decimal(k)), current * (1 + rate) ** k)
            for k in whole
        ]
    points.append(PathPoint(years, add_years(base, years), target))
    return tuple(points)


def ln1p(rate: Decimal) -> Decimal:
    """ln(1 + rate), exact to the working precision even where 1 + rate rounds to 1."""
    if rate < _TINY_RATE:
        return rate - rate * rate / 2 + rate * rate * rate / 3
    return (1 + rate).ln()
