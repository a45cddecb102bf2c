"""Money in US dollars: a small strict parser and a terminal-friendly formatter."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

from kzpk.exceptions import InvalidInputError

#: The smallest amount kzpk computes with: one cent.
MIN_USD = Decimal("0.01")
#: The largest: a thousand trillion US dollars (about ten times the world's output).
MAX_USD = Decimal(10) ** 15

_SCALES = {
    "": Decimal(1),
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
}
_AMOUNT = re.compile(
    r"""^\s*(?:usd|us\$|\$)?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*
    (?P<scale>k|thousand|mn|mln|million|m|bn|billion|b)?\s*
    (?:usd|us\s+dollars|dollars)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_VALID = "an amount such as 250000000, '250m', '1bn', '$1.2 billion' or 'USD 750 million'"


def parse_usd(value: object, what: str = "amount") -> Decimal:
    """Return *value* (``Decimal``, ``int``, ``float`` or text) as a ``Decimal`` of US dollars.

    Raises:
        InvalidInputError: For text that is not an amount, and for amounts that are not
            between one cent (:data:`MIN_USD`) and $10^15 (:data:`MAX_USD`): zero,
            negative, NaN, infinite, too small or too large.
        TypeError: For values of any other type (``bool`` included).
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TypeError(f"{what} must be a Decimal, int, float or str, not {type(value).__name__}")
    if isinstance(value, str):
        match = _AMOUNT.match(value)
        if match is None:
            raise InvalidInputError(
                f"cannot read {{option}} {value!r}; expected {_VALID}", option=what, value=value
            )
        number = Decimal(match["number"].replace(",", ""))
        amount = number * _SCALES[(match["scale"] or "").lower()]
    else:
        try:
            amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:  # pragma: no cover - Decimal(int) cannot fail
            raise InvalidInputError(
                f"cannot read {{option}} {value!r}; expected {_VALID}", option=what, value=value
            ) from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInputError(
            f"{{option}} must be a positive finite amount, got {value!r}", option=what, value=value
        )
    if not MIN_USD <= amount <= MAX_USD:
        raise InvalidInputError(
            f"{{option}} must be between $0.01 and $1,000,000 billion (10^15 US dollars), "
            f"got {value!r}",
            option=what,
            value=value,
        )
    return amount


def format_usd(amount: Decimal | float) -> str:
    """Format *amount* for people: ``$250 million``, ``$1.2 billion``, ``$5,000``, ``-$0.50``.

    Raises:
        InvalidInputError: NaN or infinite amounts.
        TypeError: Values that are not numbers (``bool`` included).
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int | float):
        raise TypeError(f"amount must be a Decimal, int or float, not {type(amount).__name__}")
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    if not value.is_finite():
        raise InvalidInputError(f"amount must be a finite number, got {amount!r}")
    sign, value = ("-" if value < 0 else ""), abs(value)
    with localcontext(prec=max(28, value.adjusted() + 4)):
        for word, scale in (("billion", _SCALES["bn"]), ("million", _SCALES["m"])):
            if value >= scale:
                scaled = (value / scale).quantize(Decimal("0.01")).normalize()
                return f"{sign}${scaled:f} {word}"
        cents = value < _SCALES["k"] and value != value.to_integral_value()
        return f"{sign}${value.quantize(Decimal('0.01') if cents else Decimal(1)):,f}"
