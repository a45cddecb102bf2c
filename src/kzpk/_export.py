"""Exports for users' tools: JSON, CSV, Data Package, SQLite, GeoJSON, pandas.

pandas is an optional extra (``kzpk[pandas]``).

JSON is the canonical form: the same files ``kzpk.load()`` reads, so an export can be
loaded back. The tabular formats share one normalised layout (see ``kzpk._tables``).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from kzpk._dataset import INFO_FILE, KINDS, Dataset, load
from kzpk._tables import Table, tables
from kzpk.exceptions import InvalidInputError, MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "export", "geojson", "to_frames", "to_json", "unstructure"]

FORMATS: Final = ("json", "csv", "datapackage", "geojson", "sqlite")
_SQL_TYPES: Final = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}


def unstructure(value: object) -> object:
    """Return *value* (a record, a result, or a tuple of them) as JSON-ready dicts and lists.

    Money stays exact as a string, dates are ISO strings, enums are their values.
    """
    from kzpk._convert import converter

    return converter.unstructure(value)


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Return *value* as JSON text (see :func:`unstructure`)."""
    return json.dumps(unstructure(value), indent=indent, ensure_ascii=False)


def _write_json(dataset: Dataset, directory: Path) -> list[Path]:
    paths = [directory / INFO_FILE]
    paths[0].write_text(to_json(dataset.info) + "\n", encoding="utf-8")
    for kind, _ in KINDS:
        path = directory / f"{kind}.json"
        path.write_text(to_json({kind: getattr(dataset, kind)}) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _write_csv(dataset: Dataset, directory: Path) -> list[Path]:
    paths = []
    for table in tables(dataset):
        path = directory / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(c.name for c in table.columns)
            writer.writerows(["" if v is None else v for v in row] for row in table.rows)
        paths.append(path)
    return paths


def _table_schema(table: Table) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "type": column.type}
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    foreign = [
        {"fields": c.name, "reference": {"resource": c.references[0], "fields": c.references[1]}}
        for c in table.columns
        if c.references is not None
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _write_datapackage(dataset: Dataset, directory: Path) -> list[Path]:
    paths = _write_csv(dataset, directory)
    package = {
        "name": "kzpk",
        "title": dataset.info.title,
        "version": dataset.info.version,
        "licenses": [{"name": dataset.info.license}],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _table_schema(t),
            }
            for t in tables(dataset)
        ],
    }
    path = directory / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*paths, path]


def _write_sqlite(dataset: Dataset, directory: Path) -> list[Path]:
    path = directory / "kzpk.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        for table in tables(dataset):
            columns = [
                f'"{c.name}" {_SQL_TYPES[c.type]}{" NOT NULL" if c.required else ""}'
                + (f' REFERENCES "{c.references[0]}"("{c.references[1]}")' if c.references else "")
                for c in table.columns
            ]
            key = ", ".join(f'"{k}"' for k in table.primary_key)
            db.execute(f'CREATE TABLE "{table.name}" ({", ".join(columns)}, PRIMARY KEY ({key}))')
            marks = ", ".join("?" * len(table.columns))
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)  # noqa: S608 - names are ours
    return [path]


def geojson(dataset: Dataset | None = None) -> dict[str, Any]:
    """Return the places (Points) and links (LineStrings) as one RFC 7946 FeatureCollection."""
    data = dataset if dataset is not None else load()
    places = {p.id: p for p in data.places}
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "id": p.id,
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {
                "kind": "place",
                "name": p.name,
                "place_kind": p.kind.value,
                "country": p.country,
                "hub": p.hub,
                "approximate": p.approximate,
            },
        }
        for p in data.places
    ]
    features += [
        {
            "type": "Feature",
            "id": link.id,
            "geometry": {
                "type": "LineString",
                "coordinates": [
                    [places[end].longitude, places[end].latitude]
                    for end in (link.origin, link.destination)
                ],
            },
            "properties": {
                "kind": "link",
                "mode": link.mode.value,
                "km": link.km,
                "basis": link.basis.value,
                "status": link.status.value,
                "corridors": list(link.corridors),
                "two_way": link.two_way,
            },
        }
        for link in data.links
    ]
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(dataset: Dataset, directory: Path) -> list[Path]:
    path = directory / "network.geojson"
    path.write_text(json.dumps(geojson(dataset), ensure_ascii=False) + "\n", encoding="utf-8")
    return [path]


_WRITERS = {
    "json": _write_json,
    "csv": _write_csv,
    "datapackage": _write_datapackage,
    "geojson": _write_geojson,
    "sqlite": _write_sqlite,
}


def export(
    directory: str | Path,
    format: Literal["json", "csv", "datapackage", "geojson", "sqlite"] = "json",  # noqa: A002 - the word users know
    *,
    dataset: Dataset | None = None,
) -> tuple[Path, ...]:
    """Write the dataset to *directory* (created if missing) in *format*; return the files.

    Formats: ``json`` (the files ``kzpk.load()`` reads), ``csv`` (normalised tables),
    ``datapackage`` (the CSV tables plus a Frictionless ``datapackage.json`` with primary
    and foreign keys), ``geojson`` (places and links), ``sqlite`` (one table per CSV, keys
    declared).

    Raises:
        InvalidInputError: An unknown format, or a directory that cannot be written.
    """
    writer = _WRITERS.get(format)
    if writer is None:
        raise InvalidInputError(f"unknown export format {format!r}; valid: {', '.join(FORMATS)}")
    data = dataset if dataset is not None else load()
    target = Path(directory)
    try:
        target.mkdir(parents=True, exist_ok=True)
        return tuple(writer(data, target))
    except OSError as error:
        raise InvalidInputError(f"cannot write to {target}: {error.strerror or error}") from None


def to_frames(dataset: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """Return every table (see ``export(format="csv")``) as a pandas DataFrame.

    Raises:
        MissingExtraError: pandas is not installed (``pip install 'kzpk[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("to_frames() needs pandas: pip install 'kzpk[pandas]'") from None
    data = dataset if dataset is not None else load()
    return {
        t.name: pd.DataFrame.from_records(list(t.rows), columns=[c.name for c in t.columns])
        for t in tables(data)
    }
