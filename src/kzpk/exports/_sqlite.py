"""The SQLite export, ready for Datasette: keys, indexes, full-text search, views, metadata.

The database ``kzpk.sqlite`` holds the normalised tables of :mod:`kzpk.exports._tables` with
primary keys, foreign keys (each with an index), ``CHECK`` constraints for enums and
bounds, and:

- ``records_fts``: FTS5 over every name of every record that ``kzpk search`` knows (its
  own name, title, aliases and every ``names.json`` name in every script), as written
  (``names``) and as kzpk normalises it (``normalised``: search it with a query normalised
  the same way, ``kzpk._spelling.normalise``, to find what ``Dataset.search`` finds short
  of close spellings); ``citations_fts``: FTS5 over every quote.
- ``sector_tree``: each sector beside itself and each of its ancestors (``depth`` 0, 1 …).
- ``agreements_by_sector``: for each sector, exactly what ``kzpk agreements --sector``
  returns (sub-sectors and broader areas, made by :func:`kzpk.agreement_matches`), with
  ``match`` saying how each matched; ``<kind>_by_sector`` for the other kinds with sectors:
  each record once under every sector it falls in, sub-sectors included.
- ``citations_with_sources``: each citation with its record's kind and name and its
  source's fields (``source_title``, ``source_url`` …).

``metadata.json`` beside it is Datasette metadata: title, description, licence, where the
sources are, and a description of every table and column.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from kzpk.dataset._dataset import Dataset
from kzpk.exports._metadata import DESCRIPTION, column_text, license_url, plain
from kzpk.exports._tables import CITATIONS, LABELS, RECORDS, Cell, Column, Table, tables
from kzpk.model import Name, SourceKind

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


def _create_search(db: sqlite3.Connection, dataset: Dataset) -> None:
    """``records_fts`` over every name of every record; ``citations_fts`` over quotes."""
    _record_search(db, dataset)
    fts = _quote(f"{CITATIONS}_fts")
    column = _quote(_SEARCHED[CITATIONS])
    db.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content={_quote(CITATIONS)})")
    db.execute(
        f"INSERT INTO {fts}(rowid, {column}) "  # noqa: S608 - names are ours
        f"SELECT rowid, {column} FROM {_quote(CITATIONS)}"
    )


def _record_search(db: sqlite3.Connection, dataset: Dataset) -> None:
    """``records_fts``: one row per record (its rowid), with every name kzpk search knows.

    ``name`` is the record's own name; ``names`` every name as written (id, name, title,
    aliases, and every ``names.json`` name in every script); ``normalised`` each of them as
    :func:`kzpk._spelling.normalise` folds it, the keys ``Dataset.search`` matches. Names
    records themselves are not searched (search returns the records they name).
    """
    from kzpk.names._keys import labels
    from kzpk.names._search import index_of

    keys: dict[str, list[str]] = {}
    for key, named in index_of(dataset).exact.items():
        for ident in named:
            keys.setdefault(ident, []).append(key)
    written: dict[str, list[str]] = {}
    for record in dataset.records():
        if isinstance(record, Name):
            written.setdefault(record.record, []).append(record.text)
        else:
            written.setdefault(record.id, []).extend(label for label, _ in labels(record))
    table = _quote(f"{RECORDS}_fts")
    db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(name, names, normalised)")
    rows = [
        (rowid, None, None, None)
        if isinstance(dataset.get(ident), Name)
        else (rowid, name, _lines(written.get(ident, ())), _lines(keys.get(ident, ())))
        for rowid, ident, name in db.execute(f"SELECT rowid, id, name FROM {_quote(RECORDS)}")  # noqa: S608 - ours
    ]
    db.executemany(
        f"INSERT INTO {table}(rowid, name, names, normalised) VALUES (?, ?, ?, ?)",  # noqa: S608 - ours
        rows,
    )


def _lines(texts: Iterable[str]) -> str:
    """*texts*, each once, one per line."""
    return "\n".join(dict.fromkeys(texts))


#: How an agreement matched a sector query, as ``agreements_by_sector.match`` says.
MATCHES: Final = ("sector", "sub-sector", "broader area")


def _agreement_sectors(db: sqlite3.Connection, dataset: Dataset) -> str:
    """``agreements_by_sector``: for each sector, what ``kzpk.agreements(sector)`` returns.

    Made from :func:`kzpk.agreement_matches` itself (sub-sectors and broader areas
    included), in its order (``position``), with how each matched (``match``: the sector
    itself, a sub-sector or a broader area) and the sector tagged that made it match.
    """
    from kzpk.accords import agreement_matches

    db.execute(
        "CREATE TABLE agreement_sector_matches (sector TEXT NOT NULL REFERENCES sectors(id),"
        " position INTEGER NOT NULL, agreement TEXT NOT NULL REFERENCES agreements(id),"
        f" match TEXT NOT NULL CHECK (match IN ({', '.join(map(_literal, MATCHES))})),"
        " tagged TEXT NOT NULL REFERENCES sectors(id), PRIMARY KEY (sector, agreement))"
    )
    rows = []
    for sector in dataset.sectors:
        for position, found in enumerate(agreement_matches(sector, dataset=dataset), 1):
            how = "broader area" if found.broader else "sub-sector"
            match = "sector" if found.tagged == sector.id else how
            rows.append((sector.id, position, found.agreement.id, match, found.tagged))
    db.executemany("INSERT INTO agreement_sector_matches VALUES (?, ?, ?, ?, ?)", rows)
    for column in ("agreement", "tagged"):
        db.execute(
            f"CREATE INDEX agreement_sector_matches__{column}__index"
            f" ON agreement_sector_matches({column})"
        )
    db.execute(
        "CREATE VIEW agreements_by_sector AS SELECT found.sector, sectors.name AS sector_name,"
        " found.match, found.tagged, found.position, record.*"
        " FROM agreement_sector_matches AS found"
        " JOIN agreements AS record ON record.id = found.agreement"
        " JOIN sectors ON sectors.id = found.sector"
        " ORDER BY found.sector, found.position"
    )
    return "agreements_by_sector"


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
        if kind == "agreements":  # answered like the API: see _agreement_sectors
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
    "agreements_by_sector": (
        "For each sector, the agreements kzpk agreements --sector finds, in its order: "
        "those tagged with the sector or a sub-sector, then those tagged only with a broader "
        "area above it. Filter on sector; match says how each matched."
    ),
    "agreement_sector_matches": (
        "For each sector, the agreements a sector query finds and how each matched "
        "(agreements_by_sector joins in each agreement's fields)."
    ),
}
_MATCH_COLUMNS: Final = {
    "sector": "The sector asked for. Refers to sectors.id.",
    "position": "Where the agreement comes in the answer, from 1.",
    "agreement": "The agreement found. Refers to agreements.id.",
    "match": "How it matched: the sector itself, a sub-sector of it, or a broader area above "
    "it (the document covers the whole area). One of: " + ", ".join(MATCHES) + ".",
    "tagged": "The sector the agreement is tagged with that made it match. Refers to sectors.id.",
}


def _metadata(dataset: Dataset, all_tables: tuple[Table, ...], views: list[str]) -> dict[str, Any]:
    info = dataset.info
    articles = sum(s.kind is SourceKind.ARTICLE for s in dataset.sources)
    described: dict[str, Any] = {}
    for table in all_tables:
        entry: dict[str, Any] = {
            "description": plain(table.description),
            "columns": {c.name: column_text(c) for c in table.columns},
        }
        label = next((n for n in LABELS if any(c.name == n for c in table.columns)), None)
        if label is not None:
            entry["label_column"] = label
        if table.name in _SEARCHED:
            entry["fts_table"] = f"{table.name}_fts"
        described[table.name] = entry
    described["agreement_sector_matches"] = {
        "description": _VIEW_TEXT["agreement_sector_matches"],
        "columns": _MATCH_COLUMNS,
    }
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
            _create_search(db, dataset)
            views = _sector_views(db, by_name)
            views.append(_agreement_sectors(db, dataset))
            views.append(_citation_view(db, by_name["sources"]))
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        assert not broken, broken  # noqa: S101 - the loader checked every reference
    finally:
        db.close()
    text = json.dumps(_metadata(dataset, all_tables, views), indent=2, ensure_ascii=False)
    (directory / METADATA).write_text(text + "\n", encoding="utf-8")
    return [DATABASE, METADATA]
