"""Field plans: what each field of a record class is, worked out once from the class.

A :class:`FieldSpec` says everything kzpk's generic code needs to know of a field: its
shape (one value, an optional one, or a tuple of them), the type of its values, whether
JSON must give it, the kinds of records an id must name, its bounds and unit, the values
it may take and its description. The loader's checks, the snapshot cache, the exported
tables (CSV, SQLite, pandas), the JSON Schema, the citation walker and the test strategies
all read the plan, so a rule stated once in a field's metadata holds everywhere.

Where each part comes from: the type from the field's annotation; the rules from
``attrs.field(metadata=...)`` (``ref``, ``bounds``, ``positive``, ``unit``, ``choices``);
the description from the class docstring's ``Attributes:`` section, which is also what
the documentation shows.
"""

import datetime as dt
import functools
import inspect
import re
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Any, Final

import attrs

from kzpk.model._sources import Citation

#: A numeric string kzpk reads as money: digits, an optional fraction and exponent.
DECIMAL_PATTERN: Final = r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
#: The same without a sign, for amounts that may not be negative.
UNSIGNED_DECIMAL_PATTERN: Final = r"^\d+(\.\d+)?([eE][-+]?\d+)?$"
#: A numeric string whose value is zero ("0", "0.00", "0e5").
ZERO_DECIMAL_PATTERN: Final = r"^-?0+(\.0+)?([eE][-+]?\d+)?$"
#: An ISO 8601 calendar date as JSON gives it.
DATE_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}$"
#: The scalar types a field may hold, besides enums and records.
SCALARS: Final = (str, int, float, bool, Decimal, dt.date)


class Shape(StrEnum):
    """How many values a field holds."""

    ONE = "one"
    OPTIONAL = "optional"
    MANY = "many"


@functools.cache
def _is_record_type(kind: type) -> bool:
    """Whether values of *kind* are records (asked for every field of every record loaded)."""
    return attrs.has(kind)


@functools.cache
def _is_enum_type(kind: type) -> bool:
    """Whether values of *kind* are members of an enum."""
    return issubclass(kind, Enum)


@attrs.frozen
class FieldSpec:
    """One field of a record class, as every generic part of kzpk sees it.

    Attributes:
        name: The field's name (also its JSON key).
        shape: One value, an optional value (None allowed), or a tuple of values.
        type: The type of each value: a scalar type, an enum or a record class.
        required: Whether JSON must give it (it has no default).
        refs: The kinds of record each value must be the id of (``("*",)``: any kind);
            empty when the field holds no ids.
        low: The least value allowed, where there is one.
        high: The greatest value allowed, where there is one.
        positive: Whether values must be greater than 0.
        unit: The unit of a quantity (``"km"``, ``"USD"``), where it has one.
        choices: The values allowed: an enum's values, or a closed list from the metadata.
        owner: The record class the field belongs to.
    """

    name: str
    owner: type
    shape: Shape
    type: type
    required: bool
    refs: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    positive: bool = False
    unit: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """What the field holds, from its class docstring's ``Attributes:`` section."""
        return describe_fields(self.owner).get(self.name, "")

    @property
    def is_record(self) -> bool:
        """Whether the values are records (nested attrs classes)."""
        return _is_record_type(self.type)

    @property
    def is_enum(self) -> bool:
        """Whether the values are members of an enum."""
        return _is_enum_type(self.type)

    @property
    def has_rules(self) -> bool:
        """Whether the loader checks more than the type (references, bounds, sign or choices).

        An enum's choices are its type's own, which structuring checks already.
        """
        return (
            bool(self.refs)
            or self.low is not None
            or self.high is not None
            or self.positive
            or bool(self.choices and not self.is_enum)
        )

    def allows(self, value: object) -> bool:
        """Whether a value (each value of a tuple) keeps the field's bounds, sign and choices.

        Values of other types are not this check's concern: they are allowed here.
        """
        if isinstance(value, tuple):
            return all(self.allows(item) for item in value)
        if isinstance(value, str):
            return not self.choices or self.is_enum or value in self.choices
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return True
        if self.low is not None and value < self.low:
            return False
        if self.high is not None and value > self.high:
            return False
        return not (self.positive and not value > 0)


def _split(hint: object) -> tuple[Shape, type]:
    """The shape of a field of type *hint* and the type of its values."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(others) != 1:
            raise TypeError(f"a field may hold one type or None, not {hint}")
        shape, inner = _split(others[0])
        if shape is not Shape.ONE:
            raise TypeError(f"an optional field holds one value, not {hint}")
        return Shape.OPTIONAL, inner
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) != 2 or args[1] is not Ellipsis:  # noqa: PLR2004 - tuple[X, ...]
            raise TypeError(f"a tuple field is tuple[X, ...], not {hint}")
        shape, inner = _split(args[0])
        if shape is not Shape.ONE:
            raise TypeError(f"a tuple holds plain values or records, not {hint}")
        return Shape.MANY, inner
    if not isinstance(hint, type) or not (
        hint in SCALARS or issubclass(hint, Enum) or attrs.has(hint)
    ):
        raise TypeError(f"a field holds scalars, enums or records, not {hint}")
    return Shape.ONE, hint


@functools.cache  # keyed by record classes, which live as long as kzpk does
def describe_fields(cls: type) -> Mapping[str, str]:
    """The description of each field of *cls*, from its docstring's ``Attributes:`` section."""
    found: dict[str, str] = {}
    current: str | None = None
    inside = False
    for line in (inspect.getdoc(cls) or "").splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = re.match(r"^    (\w+): (.*)$", line)
        if match:
            current = match[1]
            found[current] = match[2].strip()
        elif current is not None and line.strip():
            found[current] += " " + line.strip()
    return MappingProxyType(found)


#: Each record class's plan, worked out on first use (classes live as long as kzpk does).
_PLANS: Final[dict[type, tuple[FieldSpec, ...]]] = {}


def field_plan(cls: type[Any]) -> tuple[FieldSpec, ...]:
    """Return the plan of every field of the record class *cls*, in field order.

    Raises:
        TypeError: *cls* is not an attrs class, or a field has a type kzpk does not use.
    """
    found = _PLANS.get(cls)
    if found is not None:
        return found
    if not attrs.has(cls):
        raise TypeError(f"{cls.__qualname__} is not a record class")
    fields = attrs.fields(cls)
    if any(isinstance(field.type, str) for field in fields):  # string annotations
        fields = attrs.fields(attrs.resolve_types(cls))
    plan = []
    for field in fields:
        shape, kind = _split(field.type)
        metadata = field.metadata
        low, high = metadata.get("bounds", (None, None))
        choices = metadata.get("choices", ())
        if issubclass(kind, Enum):
            choices = tuple(str(member.value) for member in kind)
        plan.append(
            FieldSpec(
                name=field.name,
                owner=cls,
                shape=shape,
                type=kind,
                required=field.default is attrs.NOTHING,
                refs=tuple(metadata.get("ref", ())),
                low=low,
                high=high,
                positive=bool(metadata.get("positive", False)),
                unit=metadata.get("unit"),
                choices=tuple(sorted(choices)) if isinstance(choices, frozenset) else choices,
            )
        )
    found = _PLANS[cls] = tuple(plan)
    return found


@functools.cache  # keyed by record classes, which live as long as kzpk does
def _citing(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of *cls* that hold citations, directly or in the records they hold."""

    def cites(kind: type, seen: frozenset[type]) -> bool:
        if kind is Citation:
            return True
        return attrs.has(kind) and any(
            cites(spec.type, seen | {kind}) for spec in field_plan(kind) if spec.type not in seen
        )

    return tuple(spec for spec in field_plan(cls) if cites(spec.type, frozenset({cls})))


def citations_in(value: object, path: str = "") -> Iterator[tuple[str, Citation]]:
    """Yield every :class:`~kzpk.Citation` in *value* with where it sits, in field order.

    *value* is a record, a citation or a tuple of them; the path names the field
    (``"citations[0]"``, ``"roles[1].citations[0]"``) below *path*.
    """
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from citations_in(item, f"{path}[{index}]")
    elif isinstance(value, Citation):
        yield path, value
    elif attrs.has(kind := type(value)):
        owner: type = kind
        for spec in _citing(owner):
            inner = f"{path}.{spec.name}" if path else spec.name
            yield from citations_in(getattr(value, spec.name), inner)
