"""The dataset as flat, normalised tables: the shape of CSV, SQLite and DataFrame exports.

Each record kind is a table keyed by ``id`` (countries by ``code``). Scalar fields are
columns; a ``Period`` is three columns (``<field>_start``, ``_end``, ``_wording``). A tuple
(of ids, names or nested records such as roles, horizons, descriptions and variants) is a
child table ``<table>__<field>`` keyed by ``owner`` (the record's id) and one
``position_<n>`` column per level of nesting. Every citation, wherever it sits, is a row
of ``citations`` (``kind``, ``record``, the JSON ``path`` inside the dataset, ``source``,
``quote``).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from kzpk._dataset import KINDS, Dataset
from kzpk._model import Period

__all__ = ["Column", "Table", "tables"]

Cell = str | int | float | bool | None


@attrs.frozen
class Column:
    """A column of an exported table.

    Attributes:
        name: The column name.
        type: ``string``, ``integer``, ``number``, ``boolean`` or ``date``.
        required: Whether every row has a value.
        references: ``(table, column)`` this column refers to, when it is a foreign key.
    """

    name: str
    type: str
    required: bool = False
    references: tuple[str, str] | None = None


@attrs.frozen
class Table:
    """One exported table.

    Attributes:
        name: The table name.
        columns: Its columns, in order.
        primary_key: The columns that identify a row.
        rows: The rows, as tuples in column order.
    """

    name: str
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
_PERIOD_PARTS = (("start", "date"), ("end", "date"), ("wording", "string"))


def _key(kind: str) -> str:
    return "code" if kind == "countries" else "id"


def _cell(value: object) -> Cell:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal | dt.date):
        return str(value)
    assert value is None or isinstance(value, str | int | float | bool)  # noqa: S101 - all scalars
    return value


def _unwrap(hint: object) -> tuple[object, bool]:
    """The type inside an optional, and whether it was optional."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _scalar(hint: object) -> str | None:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "string"
    return _TYPES.get(hint)


def _reference(metadata: Mapping[str, object]) -> tuple[str, str] | None:
    kinds = metadata.get("ref")
    if isinstance(kinds, tuple) and len(kinds) == 1 and kinds[0] != "*":
        return (kinds[0], _key(kinds[0]))
    return None


@functools.cache
def _layout(cls: type[Any]) -> tuple[tuple[str, str, Column | None], ...]:
    """Per field: (name, role, column), the role being scalar, period, list or cite."""
    hints = typing.get_type_hints(cls)
    layout: list[tuple[str, str, Column | None]] = []
    for field in attrs.fields(cls):
        hint, optional = _unwrap(hints[field.name])
        if field.name == "citations":
            layout.append((field.name, "cite", None))
        elif hint is Period:
            layout.append((field.name, "period", None))
        elif (kind := _scalar(hint)) is not None:
            column = Column(field.name, kind, not optional, _reference(field.metadata))
            layout.append((field.name, "scalar", column))
        else:
            item_kind = _scalar(typing.get_args(hint)[0])
            layout.append(
                (
                    field.name,
                    "list",
                    None
                    if item_kind is None
                    else Column(
                        "value", item_kind, required=True, references=_reference(field.metadata)
                    ),
                )
            )
    return tuple(layout)


class _Builder:
    """Accumulates every table's columns and rows while walking records."""

    def __init__(self) -> None:
        self.columns: dict[str, tuple[Column, ...]] = {}
        self.keys: dict[str, tuple[str, ...]] = {}
        self.rows: dict[str, list[tuple[Cell, ...]]] = {}

    def declare(self, name: str, columns: tuple[Column, ...], key: tuple[str, ...]) -> None:
        if name not in self.columns:
            self.columns[name], self.keys[name], self.rows[name] = columns, key, []

    def walk(
        self,
        table: str,
        root: tuple[str, str],
        record: object,
        *,
        positions: tuple[int, ...],
        path: str,
    ) -> None:
        """Add *record* as a row of *table*, and its lists as rows of child tables."""
        kind, owner = root
        lead: tuple[Column, ...] = ()
        if positions:
            lead = (
                Column("owner", "string", required=True, references=(kind, _key(kind))),
                *(
                    Column(f"position_{n + 1}", "integer", required=True)
                    for n in range(len(positions))
                ),
            )
        columns = list(lead)
        cells: list[Cell] = [owner, *positions] if positions else []
        for name, role, column in _layout(type(record)):  # type: ignore[arg-type]
            value = getattr(record, name)
            if role == "cite":
                self.rows["citations"] += [
                    (kind, owner, f"{path}.citations[{i}]", c.source, c.quote)
                    for i, c in enumerate(value)
                ]
            elif role == "period":
                columns += [Column(f"{name}_{part}", kind_) for part, kind_ in _PERIOD_PARTS]
                cells += [
                    None if value is None else _cell(getattr(value, p)) for p, _ in _PERIOD_PARTS
                ]
            elif role == "scalar":
                assert column is not None  # noqa: S101 - scalars have a column
                columns.append(column)
                cells.append(_cell(value))
            else:
                self.walk_list(
                    f"{table}__{name}",
                    root,
                    value,
                    column=column,
                    positions=positions,
                    path=path,
                    name=name,
                )
        key = tuple(c.name for c in lead) if positions else (columns[0].name,)
        self.declare(table, tuple(columns), key)
        self.rows[table].append(tuple(cells))

    def walk_list(
        self,
        child: str,
        root: tuple[str, str],
        values: tuple[object, ...],
        *,
        column: Column | None,
        positions: tuple[int, ...],
        path: str,
        name: str,
    ) -> None:
        kind, owner = root
        if column is None:
            for index, nested in enumerate(values):
                self.walk(
                    child,
                    root,
                    nested,
                    positions=(*positions, index),
                    path=f"{path}.{name}[{index}]",
                )
            return
        depth = len(positions) + 1
        self.declare(
            child,
            (
                Column("owner", "string", required=True, references=(kind, _key(kind))),
                *(Column(f"position_{n + 1}", "integer", required=True) for n in range(depth)),
                column,
            ),
            ("owner", *(f"position_{n + 1}" for n in range(depth))),
        )
        self.rows[child] += [(owner, *positions, i, _cell(v)) for i, v in enumerate(values)]


def tables(dataset: Dataset) -> tuple[Table, ...]:
    """Return the dataset as normalised tables (see the module docstring), parents first.

    Built once per dataset and kept on it (:meth:`kzpk.Dataset.derived`).
    """
    return dataset.derived("kzpk.tables", _build_tables)


def _build_tables(dataset: Dataset) -> tuple[Table, ...]:
    builder = _Builder()
    builder.declare(
        "citations",
        (
            Column("kind", "string", required=True),
            Column("record", "string", required=True),
            Column("path", "string", required=True),
            Column("source", "string", required=True, references=("sources", "id")),
            Column("quote", "string", required=True),
        ),
        ("kind", "record", "path"),
    )
    for kind, _ in KINDS:
        for index, record in enumerate(getattr(dataset, kind)):
            builder.walk(kind, (kind, record.id), record, positions=(), path=f"$.{kind}[{index}]")
    order = [k for k, _ in KINDS if k in builder.columns]
    order += [*sorted(n for n in builder.columns if "__" in n), "citations"]
    return tuple(
        Table(name, builder.columns[name], builder.keys[name], tuple(builder.rows[name]))
        for name in order
    )
