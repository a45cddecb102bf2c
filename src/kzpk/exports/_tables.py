"""The dataset as flat, normalised tables: the shape of CSV, SQLite and DataFrame exports.

Everything here is derived from ``KINDS`` and the attrs fields of the record classes, so a
new record kind or field flows through without code changes:

- ``records``: every record's ``id``, ``kind`` (its table) and ``name`` (its name, title,
  question or statement), so that references to records of several kinds, and
  citations, have one table to point to.
- Each record kind is a table keyed by ``id`` (countries by ``code``). Scalar fields are
  columns; a ``Period`` is three columns (``<field>_start``, ``_end``, ``_wording``).
- A tuple (of ids, names or nested records such as roles, horizons, descriptions and
  variants) is a child table ``<table>__<field>`` keyed by ``owner`` (the record's id) and
  one ``position_<n>`` column per level of nesting (0-based).
- ``citations``: every citation, wherever it sits, with a stable ``id``
  (``<record id>#<ordinal>``, the ordinal counting the record's citations from 1 in
  document order), the ``field`` it sits in inside the record, ``source`` and ``quote``.

Columns carry what a reader needs: a description (from the class docstring's
``Attributes:`` section), a unit (``USD``, ``km``, ``h``, ``days``, ``mm``, ``degrees``:
from the field's ``unit`` metadata, else read from its description or name), the allowed
values of enums, and the bounds the loader checks. Cells keep their Python types
(``Decimal``, ``datetime.date``, ``bool``; enums as their values); each writer converts.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import attrs

from kzpk.dataset._dataset import KINDS, Dataset
from kzpk.model import Citation, Period

__all__ = ["CITATIONS", "LABELS", "RECORDS", "Cell", "Column", "Table", "describe_fields", "tables"]

Cell = str | int | float | bool | Decimal | dt.date | None
RECORDS: Final = "records"
CITATIONS: Final = "citations"


@attrs.frozen
class Column:
    """A column of an exported table.

    Attributes:
        name: The column name.
        type: ``string``, ``integer``, ``number``, ``boolean`` or ``date``.
        required: Whether every row has a value.
        references: ``(table, column)`` this column refers to, when it is a foreign key.
        description: What the column holds, in a sentence.
        unit: The unit of a number (``USD``, ``km``, ``h``, ``days``, ``mm``, ``degrees``).
        enum: The allowed values, for a column of an enumeration.
        minimum: The smallest allowed value, where the loader checks one.
        maximum: The largest allowed value, where the loader checks one.
        positive: Whether values must be above zero.
    """

    name: str
    type: str
    required: bool = False
    references: tuple[str, str] | None = None
    description: str = ""
    unit: str | None = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    positive: bool = False


@attrs.frozen
class Table:
    """One exported table.

    Attributes:
        name: The table name.
        description: What a row is, in a sentence.
        columns: Its columns, in order.
        primary_key: The columns that identify a row.
        rows: The rows, as tuples in column order.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


_TYPES: Mapping[object, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    Decimal: "number",
    dt.date: "date",
}
_PERIOD_PARTS = (
    ("start", "date", "first day"),
    ("end", "date", "last day (empty: open-ended)"),
    ("wording", "string", "the source's wording"),
)
#: Units read from a field's description or name, first match wins.
_UNIT_RULES: Final = (
    (re.compile(r"\bUS dollars\b"), "USD"),
    (re.compile(r"\bkilometres\b|^km$|_km$"), "km"),
    (re.compile(r"^hours$|_hours$|\bHours\b"), "h"),
    (re.compile(r"^days_|_days$|\bin days\b"), "days"),
    (re.compile(r"_mm$"), "mm"),
    (re.compile(r"\bDegrees\b"), "degrees"),
)
#: The fields that name a record, in order of preference.
LABELS: Final = ("name", "title", "question", "statement", "wording", "scope")


def _key_of(cls: type[Any]) -> str:
    """The field that identifies a record of *cls*: ``id``, else its first field."""
    names = [f.name for f in attrs.fields(cls)]
    return "id" if "id" in names else names[0]


def _kind_key(kind: str) -> str:
    return _key_of(dict(KINDS)[kind])


_DESCRIPTIONS: dict[type, Mapping[str, str]] = {}
_LAYOUTS: dict[type, tuple[tuple[str, str, Column | None, type[Any] | None], ...]] = {}


def describe_fields(cls: type[Any]) -> Mapping[str, str]:
    """The description of each field of *cls*, from its docstring's ``Attributes:`` section."""
    found = _DESCRIPTIONS.get(cls)
    if found is None:
        found = _DESCRIPTIONS[cls] = _parse_attributes(cls)
    return found


def _parse_attributes(cls: type[Any]) -> Mapping[str, str]:
    doc = inspect.getdoc(cls) or ""
    found: dict[str, str] = {}
    current: str | None = None
    inside = False
    for line in doc.splitlines():
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
    return found


def _summary(cls: type[Any]) -> str:
    return (inspect.getdoc(cls) or cls.__name__).splitlines()[0]


def _unit(name: str, description: str, metadata: Mapping[str, object]) -> str | None:
    given = metadata.get("unit")
    if isinstance(given, str):
        return given
    for pattern, unit in _UNIT_RULES:
        if pattern.search(name) or pattern.search(description):
            return unit
    return None


def _cell(value: object) -> Cell:
    if isinstance(value, Enum):
        return str(value.value)
    assert value is None or isinstance(value, str | int | float | bool | Decimal | dt.date)  # noqa: S101 - all scalars
    return value


def _unwrap(hint: object) -> tuple[object, bool]:
    """The type inside an optional, and whether it was optional."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _scalar(hint: object) -> tuple[str, tuple[str, ...]] | None:
    """The column type of a scalar *hint* and, for an enum, its values."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "string", tuple(str(m.value) for m in hint)
    kind = _TYPES.get(hint)
    return None if kind is None else (kind, ())


def _reference(metadata: Mapping[str, object]) -> tuple[str, str] | None:
    """Where an id field points: its kind's table, or ``records`` for several kinds."""
    kinds = metadata.get("ref")
    if not isinstance(kinds, tuple) or not kinds:
        return None
    if len(kinds) == 1 and kinds[0] != "*":
        return (kinds[0], _kind_key(kinds[0]))
    return (RECORDS, "id")


def _column(
    cls: type[Any],
    field: attrs.Attribute[Any],
    name: str,
    scalar: tuple[str, tuple[str, ...]],
    *,
    required: bool,
) -> Column:
    """The column of a scalar *field* of *cls* (or of the items of a tuple field)."""
    kind, enum = scalar
    description = describe_fields(cls).get(field.name, "")
    low, high = field.metadata.get("bounds", (None, None))
    numeric = kind in {"number", "integer"}
    return Column(
        name=name,
        type=kind,
        required=required,
        references=_reference(field.metadata),
        description=description,
        unit=_unit(field.name, description, field.metadata) if numeric else None,
        enum=enum,
        minimum=None if low is None or low == float("-inf") else low,
        maximum=None if high is None or high == float("inf") else high,
        positive=bool(field.metadata.get("positive")),
    )


def _layout(cls: type[Any]) -> tuple[tuple[str, str, Column | None, type[Any] | None], ...]:
    """Per field: (name, role, column, nested class); roles: scalar, period, list, cite."""
    found = _LAYOUTS.get(cls)
    if found is None:
        found = _LAYOUTS[cls] = _make_layout(cls)
    return found


def _make_layout(cls: type[Any]) -> tuple[tuple[str, str, Column | None, type[Any] | None], ...]:
    hints = typing.get_type_hints(cls)
    layout: list[tuple[str, str, Column | None, type[Any] | None]] = []
    for field in attrs.fields(cls):
        hint, optional = _unwrap(hints[field.name])
        if field.name == "citations":
            layout.append((field.name, "cite", None, None))
        elif hint is Period:
            layout.append((field.name, "period", None, None))
        elif (scalar := _scalar(hint)) is not None:
            column = _column(cls, field, field.name, scalar, required=not optional)
            layout.append((field.name, "scalar", column, None))
        else:
            item_hint = typing.get_args(hint)[0]
            item = _scalar(item_hint)
            if item is None:
                layout.append((field.name, "list", None, item_hint))
            else:
                column = _column(cls, field, "value", item, required=True)
                layout.append((field.name, "list", column, None))
    return tuple(layout)


def _label(record: object) -> str:
    for attribute in LABELS:
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return str(getattr(record, "id", ""))


def _period_columns(cls: type[Any], name: str) -> list[Column]:
    about = describe_fields(cls).get(name, name).rstrip(".")
    return [
        Column(f"{name}_{part}", kind, description=f"{about}: {what}.")
        for part, kind, what in _PERIOD_PARTS
    ]


class _Builder:
    """Declares every table from the record classes, then collects rows while walking records."""

    def __init__(self) -> None:
        self.columns: dict[str, tuple[Column, ...]] = {}
        self.keys: dict[str, tuple[str, ...]] = {}
        self.descriptions: dict[str, str] = {}
        self.rows: dict[str, list[tuple[Cell, ...]]] = {}
        self.ordinals: dict[str, int] = {}

    def declare(
        self, name: str, description: str, columns: tuple[Column, ...], key: tuple[str, ...]
    ) -> None:
        if name not in self.columns:
            self.columns[name], self.keys[name], self.rows[name] = columns, key, []
            self.descriptions[name] = description

    def declare_class(
        self, table: str, description: str, kind: str, cls: type[Any], depth: int
    ) -> None:
        """Declare *table* for records of *cls* nested *depth* lists deep, and its children."""
        lead = list(_child_lead(kind, depth)) if depth else []
        columns = list(lead)
        for name, role, column, nested in _layout(cls):
            about = describe_fields(cls).get(name, name)
            if role == "period":
                columns += _period_columns(cls, name)
            elif role == "scalar":
                assert column is not None  # noqa: S101 - scalars have a column
                columns.append(column)
            elif role == "list" and nested is not None:
                self.declare_class(f"{table}__{name}", about, kind, nested, depth + 1)
            elif role == "list":
                assert column is not None  # noqa: S101 - lists of scalars have a column
                self.declare(
                    f"{table}__{name}",
                    about,
                    (*_child_lead(kind, depth + 1), column),
                    ("owner", *(f"position_{n + 1}" for n in range(depth + 1))),
                )
        key = tuple(c.name for c in lead) if depth else (columns[0].name,)
        self.declare(table, description, tuple(columns), key)

    def cite(self, owner: str, field: str, citations: tuple[Citation, ...]) -> None:
        for citation in citations:
            ordinal = self.ordinals[owner] = self.ordinals.get(owner, 0) + 1
            self.rows[CITATIONS].append(
                (f"{owner}#{ordinal}", owner, ordinal, field, citation.source, citation.quote)
            )

    def walk(
        self, table: str, owner: str, record: object, *, positions: tuple[int, ...], path: str
    ) -> None:
        """Add *record* as a row of *table*, and its lists as rows of child tables."""
        cells: list[Cell] = [owner, *positions] if positions else []
        for name, role, column, nested in _layout(type(record)):
            value = getattr(record, name)
            here = f"{path}.{name}" if path else name
            if role == "cite":
                self.cite(owner, here, value)
            elif role == "period":
                cells += [
                    None if value is None else _cell(getattr(value, p)) for p, _, _ in _PERIOD_PARTS
                ]
            elif role == "scalar":
                cells.append(_cell(value))
            elif nested is not None:
                for index, item in enumerate(value):
                    self.walk(
                        f"{table}__{name}",
                        owner,
                        item,
                        positions=(*positions, index),
                        path=f"{here}[{index}]",
                    )
            else:
                assert column is not None  # noqa: S101 - lists of scalars have a column
                self.rows[f"{table}__{name}"] += [
                    (owner, *positions, i, _cell(v)) for i, v in enumerate(value)
                ]
        self.rows[table].append(tuple(cells))


def _child_lead(kind: str, depth: int) -> tuple[Column, ...]:
    """The key columns of a child table: the owning record and a position per level."""
    return (
        Column(
            "owner",
            "string",
            required=True,
            references=(kind, _kind_key(kind)),
            description=f"The id of the record of {kind} this row belongs to.",
        ),
        *(
            Column(
                f"position_{n + 1}",
                "integer",
                required=True,
                description=f"Its position in the list at nesting level {n + 1}, from 0.",
                minimum=0,
            )
            for n in range(depth)
        ),
    )


def _declare_shared(builder: _Builder) -> None:
    builder.declare(
        RECORDS,
        "Every record of every kind, so that references and citations have one table to point to.",
        (
            Column("id", "string", required=True, description="The record's id."),
            Column(
                "kind",
                "string",
                required=True,
                description="Its kind, which is also the table that holds it.",
                enum=tuple(k for k, _ in KINDS),
            ),
            Column(
                "name",
                "string",
                required=True,
                description="Its name, title, question or statement.",
            ),
        ),
        ("id",),
    )
    builder.declare(
        CITATIONS,
        "Every citation of every record: a source and a short verbatim quote from it.",
        (
            Column(
                "id",
                "string",
                required=True,
                description="A stable id: the record's id, '#', and the ordinal.",
            ),
            Column(
                "record",
                "string",
                required=True,
                references=(RECORDS, "id"),
                description="The id of the record the citation supports.",
            ),
            Column(
                "ordinal",
                "integer",
                required=True,
                description="The citation's number within its record, from 1, in document order.",
                minimum=1,
            ),
            Column(
                "field",
                "string",
                required=True,
                description="Where in the record it sits, e.g. 'citations' or "
                "'roles[0].citations'.",
            ),
            Column(
                "source",
                "string",
                required=True,
                references=("sources", "id"),
                description="The id of the cited source.",
            ),
            Column(
                "quote",
                "string",
                required=True,
                description="Words copied exactly from the source.",
            ),
        ),
        ("id",),
    )


def tables(dataset: Dataset) -> tuple[Table, ...]:
    """Return the dataset as normalised tables (see the module docstring), parents first.

    Built once per dataset and kept on it (:meth:`kzpk.Dataset.derived`).
    """
    return dataset.derived("kzpk.tables", _build_tables)


def _build_tables(dataset: Dataset) -> tuple[Table, ...]:
    builder = _Builder()
    _declare_shared(builder)
    for kind, cls in KINDS:
        builder.declare_class(kind, _summary(cls), kind, cls, 0)
    for kind, _ in KINDS:
        for record in getattr(dataset, kind):
            builder.rows[RECORDS].append((record.id, kind, _label(record)))
            builder.walk(kind, record.id, record, positions=(), path="")
    order = [RECORDS, *(k for k, _ in KINDS)]
    order += [*sorted(n for n in builder.columns if "__" in n), CITATIONS]
    return tuple(
        Table(
            name,
            builder.descriptions[name],
            builder.columns[name],
            builder.keys[name],
            tuple(builder.rows[name]),
        )
        for name in order
    )
