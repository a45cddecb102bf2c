"""Money in US dollars: a small strict parser and a terminal-friendly formatter."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kzpk.exceptions import InvalidInputError

__all__ = ["format_usd", "parse_usd"]

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
    """Return *value* (``Decimal``, ``int``, ``float`` or text) as a positive, finite ``Decimal``.

    Raises:
        InvalidInputError: For text that is not an amount, and for zero, negative, NaN or
            infinite amounts.
        TypeError: For values of any other type (``bool`` included).
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TypeError(f"{what} must be a Decimal, int, float or str, not {type(value).__name__}")
    if isinstance(value, str):
        match = _AMOUNT.match(value)
        if match is None:
            raise InvalidInputError(f"cannot read {what} {value!r}; expected {_VALID}")
        number = Decimal(match["number"].replace(",", ""))
        amount = number * _SCALES[(match["scale"] or "").lower()]
    else:
        try:
            amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:  # pragma: no cover - Decimal(int) cannot fail
            raise InvalidInputError(f"cannot read {what} {value!r}; expected {_VALID}") from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInputError(f"{what} must be a positive finite amount, got {value!r}")
    return amount


def format_usd(amount: Decimal) -> str:
    """Format *amount* for people: ``$250 million``, ``$1.2 billion``, ``$5,000``."""
    for word, scale in (("billion", _SCALES["bn"]), ("million", _SCALES["m"])):
        if abs(amount) >= scale:
            scaled = (amount / scale).quantize(Decimal("0.01")).normalize()
            return f"${scaled:f} {word}"
    return f"${amount.quantize(Decimal(1)):,f}"
