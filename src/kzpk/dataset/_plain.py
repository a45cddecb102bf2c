"""Records as plain data and back: what the snapshot cache stores and how it is rebuilt.

:func:`encode` turns records (and tuples and dicts of them) into plain values only: each
record is the tuple of its field values, enums as their values, dates as ISO text,
Decimals as text. :func:`builder` gives the function that rebuilds a record class from
that form; what each tuple becomes comes from kzpk's own field types, so rebuilding calls
kzpk's record classes and nothing else, and nothing in the data is ever called.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from kzpk.model._plan import FieldSpec, Shape, field_plan

__all__ = ["builder", "encode"]

_T = TypeVar("_T")


def encode(value: object) -> object:
    """*value* (records, enums, tuples, dicts of them, dates, Decimals, scalars) as plain data.

    A record becomes the tuple of its encoded field values; :func:`builder` reverses it.
    Equal strings become one object, so that marshal writes each once and reads it back
    as one (a smaller snapshot, read faster, held once in memory).
    """
    strings: dict[str, str] = {}
    return _encode(value, strings.setdefault)


def _encode(value: object, share: Callable[[str, str], str]) -> object:  # noqa: PLR0911 - one return per kind of value
    if isinstance(value, enum.Enum):
        return _encode(value.value, share)
    if isinstance(value, str):
        return share(value, value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, tuple):
        return tuple(_encode(item, share) for item in value)
    if isinstance(value, dict):
        return {_encode(str(key), share): _encode(item, share) for key, item in value.items()}
    if isinstance(value, Decimal):
        return _encode(str(value), share)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _encode(value.isoformat(), share)
    if attrs.has(type(value)):
        fields = attrs.astuple(value, recurse=False)  # type: ignore[arg-type]
        return tuple(_encode(item, share) for item in fields)
    raise TypeError(f"a snapshot cannot hold {type(value).__name__}")


_PLAIN: Final = frozenset({str, int, float, bool, type(None)})
#: One builder per record class, made on first use (classes live as long as kzpk does).
_BUILDERS: Final[dict[type, Callable[[Sequence[Any]], Any]]] = {}


def builder(cls: type[_T]) -> Callable[[Sequence[Any]], _T]:
    """The function that rebuilds a *cls* record from :func:`encode` of one.

    It converts each field as its field plan (:func:`kzpk.model.field_plan`) says (a tuple
    of citations, an enum, an optional date), so the classes it calls are those kzpk's
    types name.

    Raises:
        TypeError: A field's type is one :func:`encode` has no plain form for.
    """
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    make: Callable[..., _T] = cls
    if not attrs.has(cls):
        raise TypeError(f"{cls.__qualname__} is not an attrs record class")
    count = len(attrs.fields(cls))

    def build(values: Sequence[Any]) -> _T:
        if type(values) is not tuple or len(values) != count:
            raise ValueError(f"{cls.__name__} takes {count} field values")
        if not steps:  # every field plain already
            return make(*values)
        fields = list(values)
        for index, convert in steps:
            fields[index] = convert(fields[index])
        return make(*fields)

    _BUILDERS[cls] = build  # before the fields: a record may hold records of its own class
    steps = [
        (index, convert)
        for index, spec in enumerate(field_plan(cls))
        if (convert := _converter(spec)) is not None
    ]
    return build


def _tuple(value: object) -> tuple[Any, ...]:
    """*value*, which must be a tuple (a string would pass for one of its letters)."""
    if type(value) is not tuple:
        raise TypeError(f"expected a tuple, not {type(value).__name__}")
    return value


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """*convert*, passing None through (an optional field)."""
    return lambda value: None if value is None else convert(value)


def _each(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    """*convert* applied to each item of a tuple."""
    return lambda value: tuple(map(convert, _tuple(value)))


def _converter(spec: FieldSpec) -> Callable[[Any], Any] | None:
    """What turns the plain form of the field's value back into it; None: it is plain already."""
    one = _value_converter(spec.type)
    if spec.shape is Shape.MANY:
        return _tuple if one is None else _each(one)
    if one is None:
        return None
    return _or_none(one) if spec.shape is Shape.OPTIONAL else one


def _value_converter(kind: type) -> Callable[[Any], Any] | None:
    """What turns the plain form of one *kind* value back into it; None: it is plain already."""
    if kind in _PLAIN:
        return None
    if issubclass(kind, enum.Enum):
        return {member.value: member for member in kind}.__getitem__
    if kind is dt.date:
        return dt.date.fromisoformat
    if kind is Decimal:
        return Decimal
    if attrs.has(kind):
        return builder(kind)
    raise TypeError(f"a snapshot cannot hold {kind.__name__}")
