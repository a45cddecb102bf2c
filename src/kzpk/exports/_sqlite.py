"""The SQLite export, ready for Datasette: keys, indexes, full-text search, views, metadata.

The database ``kzpk.sqlite`` holds the normalised tables of :mod:`kzpk.exports._tables` with
primary keys, foreign keys (each with an index), ``CHECK`` constraints for enums and
bounds, and:

- ``records_fts`` and ``citations_fts``: FTS5 over every record's name (names, titles,
  questions, statements) and every quote, in the form Datasette's search box uses.
- ``sector_tree``: each sector beside itself and each of its ancestors (``depth`` 0, 1 …).
- ``<kind>_by_sector`` for each kind with sectors (``agreements_by_sector`` …): each
  record once under every sector it falls in, sub-sectors included; filter on ``sector``.
- ``citations_with_sources``: each citation with its record's kind and name and its
  source's fields (``source_title``, ``source_url`` …).

``metadata.json`` beside it is Datasette metadata: title, description, licence, where the
sources are, and a description of every table and column.
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from kzpk.dataset._dataset import Dataset
from kzpk.exports._metadata import DESCRIPTION, column_text, license_url
from kzpk.exports._tables import CITATIONS, LABELS, RECORDS, Cell, Column, Table, tables
from kzpk.model import SourceKind

__all__ = ["DATABASE", "METADATA", "write_sqlite"]

DATABASE: Final = "kzpk.sqlite"
METADATA: Final = "metadata.json"
_SQL_TYPES: Final = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}
_SEARCHED: Final = {RECORDS: "name", CITATIONS: "quote"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def _checks(column: Column) -> list[str]:
    name = _quote(column.name)
    checks = []
    if column.enum:
        checks.append(f"{name} IN ({', '.join(_literal(v) for v in column.enum)})")
    if column.minimum is not None:
        checks.append(f"{name} >= {column.minimum!r}")
    if column.maximum is not None:
        checks.append(f"{name} <= {column.maximum!r}")
    if column.positive:
        checks.append(f"{name} > 0")
    return checks


def _column_sql(column: Column) -> str:
    sql = f"{_quote(column.name)} {_SQL_TYPES[column.type]}"
    if column.required:
        sql += " NOT NULL"
    if column.references is not None:
        table, key = column.references
        sql += f" REFERENCES {_quote(table)}({_quote(key)})"
    checks = _checks(column)
    if checks:
        sql += f" CHECK ({' AND '.join(checks)})"
    return sql


def _sql_value(cell: Cell) -> object:
    if isinstance(cell, Decimal):
        return int(cell) if cell == cell.to_integral_value() else float(cell)
    if isinstance(cell, bool):
        return int(cell)
    if cell is not None and not isinstance(cell, str | int | float):
        return cell.isoformat()
    return cell


def _create_table(db: sqlite3.Connection, table: Table) -> None:
    columns = [_column_sql(c) for c in table.columns]
    key = ", ".join(_quote(k) for k in table.primary_key)
    db.execute(f"CREATE TABLE {_quote(table.name)} ({', '.join(columns)}, PRIMARY KEY ({key}))")
    marks = ", ".join("?" * len(table.columns))
    db.executemany(
        f"INSERT INTO {_quote(table.name)} VALUES ({marks})",  # noqa: S608 - names are ours
        ([_sql_value(v) for v in row] for row in table.rows),
    )
    for column in table.columns:
        if column.references is not None:
            index = _quote(f"{table.name}__{column.name}__index")
            db.execute(f"CREATE INDEX {index} ON {_quote(table.name)}({_quote(column.name)})")


def _create_search(db: sqlite3.Connection) -> None:
    for table, column in _SEARCHED.items():
        fts = _quote(f"{table}_fts")
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({_quote(column)}, content={_quote(table)})"
        )
        db.execute(
            f"INSERT INTO {fts}(rowid, {_quote(column)}) "  # noqa: S608 - names are ours
            f"SELECT rowid, {_quote(column)} FROM {_quote(table)}"
        )


def _sector_views(db: sqlite3.Connection, by_name: dict[str, Table]) -> list[str]:
    """``sector_tree`` and one ``<kind>_by_sector`` view per kind with a sectors list."""
    db.execute(
        "CREATE VIEW sector_tree AS WITH RECURSIVE tree(sector, ancestor, depth) AS ("
        " SELECT id, id, 0 FROM sectors"
        " UNION ALL SELECT tree.sector, sectors.parent, tree.depth + 1"
        " FROM tree JOIN sectors ON sectors.id = tree.ancestor WHERE sectors.parent IS NOT NULL"
        ") SELECT sector, ancestor, depth FROM tree"
    )
    views = ["sector_tree"]
    for name, table in by_name.items():
        kind, _, field = name.partition("__")
        value = next((c for c in table.columns if c.name == "value"), None)
        if field != "sectors" or value is None or value.references != ("sectors", "id"):
            continue
        view = f"{kind}_by_sector"
        db.execute(
            f"CREATE VIEW {_quote(view)} AS SELECT tree.ancestor AS sector,"  # noqa: S608 - ours
            " sectors.name AS sector_name,"
            " group_concat(DISTINCT link.value) AS via_sectors, record.*"
            f" FROM {_quote(kind)} AS record"
            f" JOIN {_quote(name)} AS link ON link.owner = record.id"
            " JOIN sector_tree AS tree ON tree.sector = link.value"
            " JOIN sectors ON sectors.id = tree.ancestor"
            " GROUP BY tree.ancestor, record.id"
        )
        views.append(view)
    return views


def _citation_view(db: sqlite3.Connection, sources: Table) -> str:
    fields = ", ".join(
        f"source.{_quote(c.name)} AS {_quote('source_' + c.name)}"
        for c in sources.columns
        if c.name != "id"
    )
    db.execute(
        "CREATE VIEW citations_with_sources AS SELECT citation.*,"  # noqa: S608 - names are ours
        f" record.kind AS record_kind, record.name AS record_name, {fields}"
        f" FROM {CITATIONS} AS citation"
        f" JOIN {RECORDS} AS record ON record.id = citation.record"
        " JOIN sources AS source ON source.id = citation.source"
    )
    return "citations_with_sources"


_VIEW_TEXT: Final = {
    "sector_tree": "Each sector beside itself (depth 0) and each of its ancestors.",
    "citations_with_sources": "Each citation with its record's kind and name and its source.",
}


def _metadata(dataset: Dataset, all_tables: tuple[Table, ...], views: list[str]) -> dict[str, Any]:
    info = dataset.info
    articles = sum(s.kind is SourceKind.ARTICLE for s in dataset.sources)
    described: dict[str, Any] = {}
    for table in all_tables:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: column_text(c) for c in table.columns},
        }
        label = next((n for n in LABELS if any(c.name == n for c in table.columns)), None)
        if label is not None:
            entry["label_column"] = label
        if table.name in _SEARCHED:
            entry["fts_table"] = f"{table.name}_fts"
        described[table.name] = entry
    for view in views:
        kind = view.removesuffix("_by_sector")
        described[view] = {
            "description": _VIEW_TEXT.get(
                view,
                f"Each record of {kind} once under every sector it falls in, sub-sectors "
                "included: filter on sector.",
            )
        }
    metadata: dict[str, Any] = {
        "title": f"{info.title} {info.version}",
        "description": f"{DESCRIPTION} Data as of {info.as_of}.",
        "license": info.license,
        "source": (
            f"{articles} articles on the visit and {len(dataset.sources) - articles} outside "
            "references, each with its URL in the sources table"
        ),
        "source_url": f"/{Path(DATABASE).stem}/sources",
        "databases": {Path(DATABASE).stem: {"tables": described}},
    }
    url = license_url(info.license)
    if url is not None:
        metadata["license_url"] = url
    return metadata


def write_sqlite(dataset: Dataset, directory: Path) -> list[str]:
    """Write ``kzpk.sqlite`` and its Datasette ``metadata.json`` into *directory*."""
    all_tables = tables(dataset)
    by_name = {t.name: t for t in all_tables}
    db = sqlite3.connect(directory / DATABASE)
    try:
        with db:
            for table in all_tables:
                _create_table(db, table)
            _create_search(db)
            views = _sector_views(db, by_name)
            views.append(_citation_view(db, by_name["sources"]))
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        assert not broken, broken  # noqa: S101 - the loader checked every reference
    finally:
        db.close()
    text = json.dumps(_metadata(dataset, all_tables, views), indent=2, ensure_ascii=False)
    (directory / METADATA).write_text(text + "\n", encoding="utf-8")
    return [DATABASE, METADATA]
