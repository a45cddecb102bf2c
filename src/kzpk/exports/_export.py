"""Exports for users' tools: JSON, CSV, Data Package, SQLite, GeoJSON, pandas.

pandas is an optional extra (``kzpk[pandas]``).

JSON is the canonical form: the same files ``kzpk.load()`` reads, so an export can be
loaded back. The tabular formats share one normalised layout (see ``kzpk.exports._tables``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import json
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from kzpk._spelling import choose
from kzpk.dataset._dataset import Dataset, load
from kzpk.dataset._reading import INFO_FILE
from kzpk.exceptions import InvalidInputError, MissingExtraError
from kzpk.exports._metadata import CONTRIBUTORS, DESCRIPTION, license_url, plain, source_list
from kzpk.exports._sqlite import write_sqlite
from kzpk.exports._tables import Cell, Column, Table, tables
from kzpk.model import KINDS

if TYPE_CHECKING:
    import cattrs
    import pandas as pd

__all__ = ["FORMATS", "export", "geojson", "to_frames", "to_json", "unstructure"]

FORMATS: Final = ("json", "csv", "datapackage", "geojson", "sqlite")
_PACKAGE_PROFILE: Final = "https://datapackage.org/profiles/2.0/datapackage.json"
_RESOURCE_PROFILE: Final = "https://datapackage.org/profiles/2.0/dataresource.json"
_SCHEMA_PROFILE: Final = "https://datapackage.org/profiles/2.0/tableschema.json"


def unstructure(value: object, *, exact: bool = True) -> object:
    """Return *value* (a record, a result, or a tuple of them) as JSON-ready dicts and lists.

    Dates are ISO strings and enums their values. Money stays exact as a string; with
    ``exact=False`` it is a plain number instead (an int when whole), and floats are cut
    to 15 significant digits (no ``3423.2000000000003``), as tools that want numbers read.
    """
    from kzpk.dataset._convert import converter

    return (converter if exact else _plain_converter()).unstructure(value)


@functools.cache
def _plain_converter() -> cattrs.Converter:
    """Kzpk's converter, writing money and floats as plain numbers."""
    from kzpk.dataset._convert import make_converter

    plain = make_converter()
    plain.register_unstructure_hook(Decimal, _number)
    plain.register_unstructure_hook(float, lambda number: float(f"{number:.15g}"))
    return plain


def _number(value: Decimal) -> int | float:
    """A Decimal as the plain number it is: an int when whole, else the nearest float."""
    if value == value.to_integral_value() and abs(value) < 2**63:
        return int(value)
    return float(value)


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Return *value* as JSON text (see :func:`unstructure`)."""
    return json.dumps(unstructure(value), indent=indent, ensure_ascii=False)


def _write_json(dataset: Dataset, directory: Path) -> list[str]:
    names = [INFO_FILE]
    (directory / INFO_FILE).write_text(to_json(dataset.info) + "\n", encoding="utf-8")
    for kind in KINDS:
        (directory / kind.file).write_text(
            to_json({kind.name: getattr(dataset, kind.name)}) + "\n", encoding="utf-8"
        )
        names.append(kind.file)
    return names


def _csv_text(cell: Cell) -> str:
    """A cell as CSV text: plain numbers, ISO dates, ``true``/``false``, empty for missing."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return f"{cell:f}"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def _write_csv(dataset: Dataset, directory: Path) -> list[str]:
    return _write_tables(tables(dataset), directory)


def _write_tables(all_tables: tuple[Table, ...], directory: Path) -> list[str]:
    names = []
    for table in all_tables:
        name = f"{table.name}.csv"
        with (directory / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(c.name for c in table.columns)
            writer.writerows([_csv_text(v) for v in row] for row in table.rows)
        names.append(name)
    return names


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": plain(column.description or column.name),
    }
    if column.unit:
        field["unit"] = column.unit
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if column.positive:
        constraints["exclusiveMinimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def _table_schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": _SCHEMA_PROFILE,
        "fields": [_field(c) for c in table.columns],
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


def _write_datapackage(dataset: Dataset, directory: Path) -> list[str]:
    all_tables = tables(dataset)
    names = _write_tables(all_tables, directory)
    info = dataset.info
    licence: dict[str, str] = {"name": info.license}
    url = license_url(info.license)
    if url is not None:
        licence["path"] = url
    package = {
        "$schema": _PACKAGE_PROFILE,
        "name": "kzpk",
        "title": info.title,
        "description": DESCRIPTION,
        "version": info.version,
        "created": f"{info.as_of.isoformat()}T00:00:00Z",
        "licenses": [licence],
        "sources": source_list(dataset),
        "contributors": [dict(c) for c in CONTRIBUTORS],
        "resources": [
            {
                "$schema": _RESOURCE_PROFILE,
                "name": t.name,
                "type": "table",
                "description": plain(t.description),
                "path": f"{t.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _table_schema(t),
            }
            for t in all_tables
        ],
    }
    text = json.dumps(package, indent=2, ensure_ascii=False)
    (directory / "datapackage.json").write_text(text + "\n", encoding="utf-8")
    return [*names, "datapackage.json"]


def _properties(record: object, kind: str) -> dict[str, Any]:
    """Every field of *record* but its id, coordinates and citations, as JSON properties."""
    fields = unstructure(record)
    assert isinstance(fields, dict)  # noqa: S101 - records unstructure to dicts
    for name in ("id", "latitude", "longitude", "citations"):
        fields.pop(name, None)
    if "kind" in fields:
        fields[f"{kind}_kind"] = fields.pop("kind")
    return {"kind": kind, **fields}


def geojson(dataset: Dataset | None = None) -> dict[str, Any]:
    """Return the places (Points) and links (LineStrings) as one RFC 7946 FeatureCollection.

    Properties are every field of the record but its id, coordinates and citations
    (``kind`` is ``"place"`` or ``"link"``; a place's own kind is ``place_kind``).
    """
    data = dataset if dataset is not None else load()
    places = {p.id: p for p in data.places}
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "id": p.id,
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": _properties(p, "place"),
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
            "properties": _properties(link, "link"),
        }
        for link in data.links
    ]
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(dataset: Dataset, directory: Path) -> list[str]:
    text = json.dumps(geojson(dataset), ensure_ascii=False)
    (directory / "network.geojson").write_text(text + "\n", encoding="utf-8")
    return ["network.geojson"]


_WRITERS: Final[dict[str, Callable[[Dataset, Path], list[str]]]] = {
    "json": _write_json,
    "csv": _write_csv,
    "datapackage": _write_datapackage,
    "geojson": _write_geojson,
    "sqlite": write_sqlite,
}


def _target(directory: object) -> Path:
    if not isinstance(directory, str | os.PathLike):
        raise TypeError(f"directory must be a str or a path, not {type(directory).__name__}")
    text = os.fspath(directory)
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError("the export directory is empty; give the directory to write to")
    target = Path(text)
    if target.exists() and not target.is_dir():
        raise InvalidInputError(f"cannot write to {target}: it is a file, not a directory")
    return target


def _missing_parents(path: Path) -> list[Path]:
    """The ancestors of *path* that do not exist yet, outermost first."""
    missing = []
    for parent in path.absolute().parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing[::-1]


def _staging_directory(home: Path, name: str) -> Path:
    """A new, hidden, uniquely named directory in *home* (made with the usual permissions)."""
    while True:
        staging = home / f".{name}.{secrets.token_hex(6)}.partial"
        try:
            staging.mkdir()
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        return staging


def _publish(staging: Path, target: Path) -> None:
    """Move the finished files in *staging* to *target*: one rename, or one per file."""
    if not target.exists():
        staging.rename(target)
        return
    for path in sorted(staging.iterdir()):
        path.replace(target / path.name)
    staging.rmdir()


def _write_atomically(target: Path, write: Callable[[Path], list[str]]) -> tuple[Path, ...]:
    """Run *write* in a staging directory beside *target*, then move its files into place.

    A new *target* appears in one rename; into an existing one each file is moved by an
    atomic rename, so every file there is whole, old or new. On any error the staging
    directory and any parents made for it are removed: nothing is left behind.
    """
    created = _missing_parents(target)
    staging: Path | None = None
    try:
        for folder in created:
            folder.mkdir()
        home = target if target.exists() else target.absolute().parent
        staging = _staging_directory(home, target.name or "export")
        names = write(staging)
        _publish(staging, target)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return tuple(target / name for name in names)


def export(
    directory: str | os.PathLike[str],
    format: Literal["json", "csv", "datapackage", "geojson", "sqlite"] = "json",  # noqa: A002 - the word users know
    *,
    dataset: Dataset | None = None,
) -> tuple[Path, ...]:
    """Write the dataset to *directory* (created if missing) in *format*; return the files.

    Formats: ``json`` (the files ``kzpk.load()`` reads), ``csv`` (normalised tables, see
    ``kzpk.exports._tables``), ``datapackage`` (the CSV tables plus a Frictionless Data Package v2
    ``datapackage.json``: keys, descriptions, units, constraints, licence, sources),
    ``geojson`` (places and links), ``sqlite`` (``kzpk.sqlite`` with keys, indexes,
    full-text search and views, and a Datasette ``metadata.json`` beside it).

    The files are written into a staging directory and moved into place only when all are
    complete; on any error (a full disk, no permission) nothing is left behind.

    Raises:
        InvalidInputError: An unknown format, an empty path, a path that is a file, or a
            directory that cannot be written (the message says why).
        TypeError: *directory* is not a string or path.
    """
    writer = _WRITERS[choose(FORMATS, format, "format")]
    target = _target(directory)
    data = dataset if dataset is not None else load()
    try:
        return _write_atomically(target, lambda staging: writer(data, staging))
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise InvalidInputError(f"cannot write to {target}: {reason}") from None


_DTYPES: Final = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def _frame(table: Table) -> pd.DataFrame:
    import pandas as pd

    columns = {}
    for index, column in enumerate(table.columns):
        values = [row[index] for row in table.rows]
        if column.type == "date":
            series = pd.to_datetime(pd.Series(values, dtype="object"))
        elif column.enum:
            series = pd.Series(pd.Categorical(values, categories=list(column.enum)))
        elif column.type == "number":
            series = pd.Series([None if v is None else float(v) for v in values], dtype="float64")  # type: ignore[arg-type]
        else:
            series = pd.Series(values, dtype=_DTYPES[column.type])
        columns[column.name] = series
    return pd.DataFrame(columns, columns=[c.name for c in table.columns])


def to_frames(dataset: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """Return every table (see ``export(format="csv")``) as a pandas DataFrame of real dtypes.

    Amounts and other numbers are ``float64``: money in US dollars (below $90 trillion the
    rounding to binary is far under a cent), lengths in km, times in hours or days as the
    Data Package's ``unit`` says. Whole numbers are nullable ``Int64``, flags nullable
    ``boolean``, dates ``datetime64`` (NaT when missing), enums ``category`` with every
    allowed value as a category, other text ``string``.

    Raises:
        MissingExtraError: pandas is not installed (``pip install 'kzpk[pandas]'``).
    """
    try:
        import pandas as pd  # noqa: F401 - only to fail early with the extra's name
    except ImportError:
        raise MissingExtraError("to_frames() needs pandas: pip install 'kzpk[pandas]'") from None
    data = dataset if dataset is not None else load()
    return {t.name: _frame(t) for t in tables(data)}
