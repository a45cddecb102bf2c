"""The dataset as flat, normalised tables: the shape of CSV, SQLite and DataFrame exports.

Everything here is derived from ``KINDS`` and the field plans of the record classes, so a
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

Columns carry what a reader needs, all from the field plan (:func:`kzpk.model.field_plan`):
a description, a unit (``USD``, ``km``, ``h``, ``days``, ``mm``, ``degrees``), the allowed
values of enums, and the bounds the loader checks. Cells keep their Python types
(``Decimal``, ``datetime.date``, ``bool``; enums as their values); each writer converts.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import attrs

from kzpk.dataset._dataset import Dataset
from kzpk.dataset._derived import Derived
from kzpk.model import KINDS, Citation, FieldSpec, Period, Shape, field_plan
from kzpk.model._kinds import KIND_BY_NAME

__all__ = ["CITATIONS", "LABELS", "RECORDS", "Cell", "Column", "Table", "tables"]

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
#: The fields that name a record, in order of preference.
LABELS: Final = ("name", "title", "question", "statement", "wording", "scope")


def _summary(cls: type[Any]) -> str:
    return (inspect.getdoc(cls) or cls.__name__).splitlines()[0]


def _cell(value: object) -> Cell:
    if isinstance(value, Enum):
        return str(value.value)
    assert value is None or isinstance(value, str | int | float | bool | Decimal | dt.date)  # noqa: S101 - all scalars
    return value


def _reference(spec: FieldSpec) -> tuple[str, str] | None:
    """Where an id field points: its kind's table, or ``records`` for several kinds."""
    if not spec.refs:
        return None
    if len(spec.refs) == 1 and spec.refs[0] != "*":
        kind = KIND_BY_NAME[spec.refs[0]]
        return (kind.name, kind.id_field)
    return (RECORDS, "id")


def _column(spec: FieldSpec, name: str, *, required: bool) -> Column:
    """The column of a scalar field (or of the items of a tuple field)."""
    kind = "string" if spec.is_enum else _TYPES[spec.type]
    numeric = kind in {"number", "integer"}
    return Column(
        name=name,
        type=kind,
        required=required,
        references=_reference(spec),
        description=spec.description,
        unit=spec.unit if numeric else None,
        enum=spec.choices,
        minimum=spec.low,
        maximum=spec.high,
        positive=spec.positive,
    )


_Layout = tuple[tuple[FieldSpec, str, Column | None], ...]


@functools.cache  # keyed by record classes, which live as long as kzpk does
def _layout(cls: type) -> _Layout:
    """Per field: (plan, role, column); roles: scalar, period, list, cite."""
    layout: list[tuple[FieldSpec, str, Column | None]] = []
    for spec in field_plan(cls):
        if spec.name == "citations":
            layout.append((spec, "cite", None))
        elif spec.type is Period:
            layout.append((spec, "period", None))
        elif spec.shape is not Shape.MANY and not spec.is_record:
            column = _column(spec, spec.name, required=spec.shape is Shape.ONE)
            layout.append((spec, "scalar", column))
        elif spec.is_record:
            layout.append((spec, "list", None))
        else:
            layout.append((spec, "list", _column(spec, "value", required=True)))
    return tuple(layout)


def _label(record: object) -> str:
    for attribute in LABELS:
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return str(getattr(record, "id", ""))


def _period_columns(spec: FieldSpec) -> list[Column]:
    name, about = spec.name, (spec.description or spec.name).rstrip(".")
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

    def declare_class(self, table: str, description: str, kind: str, cls: type, depth: int) -> None:
        """Declare *table* for records of *cls* nested *depth* lists deep, and its children."""
        lead = list(_child_lead(kind, depth)) if depth else []
        columns = list(lead)
        for spec, role, column in _layout(cls):
            name, about = spec.name, spec.description or spec.name
            if role == "period":
                columns += _period_columns(spec)
            elif role == "scalar":
                assert column is not None  # noqa: S101 - scalars have a column
                columns.append(column)
            elif role == "list" and spec.is_record:
                self.declare_class(f"{table}__{name}", about, kind, spec.type, depth + 1)
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
        cls: type = type(record)
        for spec, role, column in _layout(cls):
            name = spec.name
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
            elif spec.is_record:
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
            references=(kind, KIND_BY_NAME[kind].id_field),
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
                enum=tuple(k.name for k in KINDS),
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
    return dataset.derived(_TABLES)


def _build_tables(dataset: Dataset) -> tuple[Table, ...]:
    builder = _Builder()
    _declare_shared(builder)
    for kind in KINDS:
        builder.declare_class(kind.name, _summary(kind.cls), kind.name, kind.cls, 0)
    for kind in KINDS:
        for record in getattr(dataset, kind.name):
            builder.rows[RECORDS].append((record.id, kind.name, _label(record)))
            builder.walk(kind.name, record.id, record, positions=(), path="")
    order = [RECORDS, *(k.name for k in KINDS)]
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


_TABLES: Final = Derived("kzpk.exports.tables", _build_tables)
