"""The one cattrs converter that maps dataset JSON to records and back.

Rules:

- Unknown keys are an error (``forbid_extra_keys``), and every error carries its path
  (``detailed_validation``).
- Strings and booleans are taken only as themselves: ``5`` is not the string ``"5"`` and
  ``"yes"`` is not ``True``. Empty or blank strings are rejected.
- Floats accept JSON numbers (not booleans); NaN and infinities are rejected.
- Integers accept JSON numbers with no fraction (``5`` or ``5.0``), never booleans.
- Money (:class:`~decimal.Decimal`) accepts numbers or numeric strings of digits with an
  optional sign, fraction and exponent (``"-1.5e6"``; not ``"+5"``, ``"1_000"`` or
  ``"NaN"``), and is written back as a string, so no digit is lost.
- Dates are ISO 8601 strings ``"YYYY-MM-DD"`` both ways.
- Enums accept their value; a miss names the valid values and the closest one.
- Tuples are JSON arrays (a string is not a tuple of characters); records are JSON objects.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, get_args

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn

from kzpk._spelling import suggest
from kzpk.model._plan import DATE_PATTERN, DECIMAL_PATTERN

_DECIMAL = re.compile(DECIMAL_PATTERN, re.ASCII)
_DATE = re.compile(DATE_PATTERN, re.ASCII)

__all__ = ["converter", "make_converter"]


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__} {value!r}")
    if not value.strip():
        raise ValueError("empty string")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)  # JSON has one kind of number: 5.0 is the integer 5
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise TypeError(f"expected a number or numeric string, got {value!r}")
    if isinstance(value, str) and not _DECIMAL.match(value):
        raise ValueError(f"expected a number or numeric string like '250000000', got {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"expected a number or numeric string, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string like '2026-02-04', got {value!r}")
    if not _DATE.match(value):
        raise ValueError(f"expected an ISO date like '2026-02-04', got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO date like '2026-02-04', got {value!r}") from None


def _structure_enum(value: Any, enum: type[StrEnum]) -> StrEnum:
    if isinstance(value, str):
        member = enum._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
    valid = [member.value for member in enum]
    hint = suggest(value, valid) if isinstance(value, str) else ""
    raise ValueError(f"unknown {enum.__name__} {value!r}{hint}; valid: {', '.join(valid)}")


def _is_tuple(cls: Any) -> bool:
    return getattr(cls, "__origin__", None) is tuple


def _make_tuple_hook(converter: cattrs.Converter, cls: Any) -> Any:
    as_list = list[get_args(cls)[0]]  # type: ignore[misc, valid-type]
    inner = converter.get_structure_hook(as_list)

    def structure_tuple(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected an array, got {type(value).__name__} {value!r}")
        return tuple(inner(value, as_list))

    return structure_tuple


def _make_record_hook(converter: cattrs.Converter, cls: type) -> Any:
    structure_fields: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure_record(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__} {value!r}")
        return structure_fields(value, cls)

    return structure_record


def configure_converter(converter: cattrs.Converter) -> None:
    """Install kzpk's rules (listed in this module's docstring) on *converter*."""
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(StrEnum, _structure_enum)
    converter.register_unstructure_hook(StrEnum, lambda member: member.value)
    converter.register_structure_hook_factory(
        _is_tuple, lambda cls: _make_tuple_hook(converter, cls)
    )
    converter.register_structure_hook_factory(
        attrs.has, lambda cls: _make_record_hook(converter, cls)
    )


def make_converter() -> cattrs.Converter:
    """Return a new converter configured with kzpk's rules."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


converter = make_converter()
