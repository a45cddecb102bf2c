"""Exports read by other tools: checked with those tools (frictionless, sqlite3, jsonschema)."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import datetime as dt
import errno
import itertools
import json
import os
import re
import sqlite3
import struct
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import kzpk
from kzpk.dataset._reading import INFO_FILE
from kzpk.exports._export import FORMATS
from kzpk.model import KINDS

DATA = kzpk.load()


class TestJson:
    """JSON is the canonical form."""

    def test_round_trip(self, tmp_path: Path) -> None:
        """An export loads back into an equal dataset."""
        kzpk.export(tmp_path, "json")
        again = kzpk.load(tmp_path)
        for kind in (k.name for k in KINDS):
            assert getattr(again, kind) == getattr(DATA, kind)
        assert again.info == DATA.info


class TestTables:
    """CSV, Data Package and SQLite share one normalised layout."""

    def test_csv_counts(self, tmp_path: Path) -> None:
        """Each record kind is a CSV with one row per record."""
        kzpk.export(tmp_path, "csv")
        for kind in (k.name for k in KINDS):
            with (tmp_path / f"{kind}.csv").open(encoding="utf-8") as handle:
                assert sum(1 for _ in csv.DictReader(handle)) == len(getattr(DATA, kind))

    def test_citations_table(self, tmp_path: Path) -> None:
        """Every citation, nested ones too, is one row of citations.csv, numbered per record.

        Each row names its record, the field holding it (``history[0].citations``), its
        source and quote, as kzpk.citations_in finds them in the dataset.
        """
        kzpk.export(tmp_path, "csv")
        with (tmp_path / "citations.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        expected = {
            f"{record.id}#{n}": (record.id, re.sub(r"\[\d+\]$", "", where), c.source, c.quote)
            for record in DATA.records()
            for n, (where, c) in enumerate(kzpk.citations_in(record), 1)
        }
        assert len(rows) == len(expected)
        assert {r["id"]: (r["record"], r["field"], r["source"], r["quote"]) for r in rows} == (
            expected
        )
        assert {r["source"] for r in rows} <= {s.id for s in DATA.sources}

    def test_datapackage_validates(self, tmp_path: Path) -> None:
        """The real frictionless accepts the Data Package, keys included."""
        frictionless = pytest.importorskip("frictionless")
        kzpk.export(tmp_path, "datapackage")
        report = frictionless.validate(str(tmp_path / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
        package = json.loads((tmp_path / "datapackage.json").read_text())
        links = next(r for r in package["resources"] if r["name"] == "links")
        assert links["schema"]["primaryKey"] == ["id"]
        assert {"fields": "origin", "reference": {"resource": "places", "fields": "id"}} in links[
            "schema"
        ]["foreignKeys"]

    def test_datapackage_describes_fields(self, tmp_path: Path) -> None:
        """Every field is described; units and constraints are given; the package is described."""
        kzpk.export(tmp_path, "datapackage")
        package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
        assert package["title"]
        assert package["description"]
        assert package["licenses"][0]["name"] == DATA.info.license
        assert package["contributors"]
        urls = {s["path"] for s in package["sources"] if "path" in s}
        assert urls == {s.url for s in DATA.sources if s.url}
        fields = {
            (r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]
        }
        assert all(r["description"] for r in package["resources"])
        assert all(f["description"] != f["name"] for f in fields.values())
        assert fields["trade_figures", "value"]["unit"] == "USD"
        assert fields["trade_figures", "value"]["constraints"]["exclusiveMinimum"] == 0
        assert fields["links", "km"]["unit"] == "km"
        assert fields["places__dwell", "hours"]["unit"] == "h"
        assert fields["places", "latitude"]["constraints"] == {
            "required": True,
            "minimum": -90.0,
            "maximum": 90.0,
        }
        assert fields["links", "mode"]["constraints"]["enum"] == [m.value for m in kzpk.Mode]

    def test_sqlite(self, tmp_path: Path) -> None:
        """SQLite has keys declared, a clean foreign-key check, and answers joins."""
        path, metadata = kzpk.export(tmp_path, "sqlite")
        assert (path.name, metadata.name) == ("kzpk.sqlite", "metadata.json")
        with contextlib.closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            (count,) = db.execute("SELECT count(*) FROM agreements").fetchone()
            assert count == len(DATA.agreements)
            rows = db.execute(
                "SELECT a.title, s.title FROM agreements a JOIN citations c ON c.record = a.id "
                "JOIN sources s ON s.id = c.source WHERE a.id = 'joint-declaration-2026'"
            ).fetchall()
            assert rows
            foreign = db.execute("PRAGMA foreign_key_list(links)").fetchall()
            assert {row[2] for row in foreign} >= {"places"}


def query(database: Path, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
    """Run *sql* against an SQLite export."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        return db.execute(sql, parameters).fetchall()


PLAIN_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite export shared by the module."""
    path, _ = kzpk.export(tmp_path_factory.mktemp("sqlite"), "sqlite")
    return path


@pytest.fixture(scope="module")
def frames() -> dict[str, Any]:
    """The DataFrames, once."""
    pytest.importorskip("pandas")
    return kzpk.to_frames()


class TestSqliteForDatasette:
    """The database has stable citation ids, a records table, indexes, FTS5 and views."""

    def test_citation_ids_are_record_and_ordinal(self, database: Path) -> None:
        """Each citation's id is its record's id and its ordinal, in document order."""
        declaration = DATA.lookup("joint-declaration-2026")
        assert isinstance(declaration, kzpk.Agreement)
        rows = query(
            database,
            "SELECT id, ordinal, quote FROM citations WHERE record = ? ORDER BY ordinal",
            declaration.id,
        )
        expected = [
            (f"{declaration.id}#{n}", n, c.quote) for n, c in enumerate(declaration.citations, 1)
        ]
        assert rows == expected

    def test_every_record_once_with_its_kind(self, database: Path) -> None:
        """The records table lists every record id with its kind."""
        rows = dict(query(database, "SELECT id, kind FROM records"))
        assert rows == {r.id: kind for kind in (k.name for k in KINDS) for r in getattr(DATA, kind)}

    def test_citations_and_multi_kind_ids_refer_to_records(self, database: Path) -> None:
        """Citations and ids of several kinds are foreign keys to records."""
        citations = query(database, "PRAGMA foreign_key_list(citations)")
        assert {(row[2], row[3]) for row in citations} == {
            ("records", "record"),
            ("sources", "source"),
        }
        parties = query(database, "PRAGMA foreign_key_list(agreements__parties)")
        assert ("records", "value") in {(row[2], row[3]) for row in parties}

    def test_foreign_keys_are_indexed(self, database: Path) -> None:
        """Every foreign-key column is the first column of an index."""
        for (table,) in query(database, PLAIN_TABLES):
            indexed = {
                query(database, f'PRAGMA index_info("{index[1]}")')[0][2]
                for index in query(database, f'PRAGMA index_list("{table}")')
            }
            for foreign in query(database, f'PRAGMA foreign_key_list("{table}")'):
                assert foreign[3] in indexed, (table, foreign[3])

    def test_full_text_search(self, database: Path) -> None:
        """FTS5 finds records by name or title and citations by quote."""
        names = query(
            database,
            "SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid "
            "WHERE records_fts MATCH 'Gwadar'",
        )
        assert ("gwadar",) in names
        quotes = query(
            database,
            "SELECT c.id FROM citations_fts JOIN citations c ON c.rowid = citations_fts.rowid "
            "WHERE citations_fts MATCH '\"currently stands at\"'",
        )
        assert ("trade-level-sharif-2026#1",) in quotes

    def test_agreements_by_sector_answer_like_the_api(self, database: Path) -> None:
        """For every sector, the view gives what kzpk.agreements(sector) gives, in its order."""
        for sector in DATA.sectors:
            rows = query(
                database,
                "SELECT id, match, tagged FROM agreements_by_sector WHERE sector = ?"
                " ORDER BY position",
                sector.id,
            )
            assert [r[0] for r in rows] == [a.id for a in kzpk.agreements(sector)]
            expected = [
                (
                    m.agreement.id,
                    "broader area"
                    if m.broader
                    else "sector"
                    if m.tagged == sector.id
                    else "sub-sector",
                    m.tagged,
                )
                for m in kzpk.agreement_matches(sector)
            ]
            assert rows == expected

    def test_citations_with_sources(self, database: Path) -> None:
        """The view joins each citation to its source's title and URL."""
        rows = query(
            database, "SELECT source, source_title, source_url FROM citations_with_sources"
        )
        sources = {s.id: s for s in DATA.sources}
        assert len(rows) == sum(1 for _ in query(database, "SELECT id FROM citations"))
        assert all((sources[s].title, sources[s].url) == (t, u) for s, t, u in rows)

    def test_datasette_answers(self, database: Path) -> None:
        """Datasette itself answers: agreements in energy, sub-sectors included, with citations."""
        datasette_app = pytest.importorskip("datasette.app")
        metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
        sql = (
            "SELECT a.id, c.id AS citation, c.quote, c.source_title "
            "FROM agreements_by_sector a JOIN citations_with_sources c ON c.record = a.id "
            "WHERE a.sector = :sector ORDER BY a.id, c.ordinal"
        )

        async def ask() -> tuple[list[dict[str, Any]], dict[str, Any], str]:
            datasette = datasette_app.Datasette([str(database)], metadata=metadata)
            answer = await datasette.client.get(
                "/kzpk.json", params={"sql": sql, "sector": "energy", "_shape": "array"}
            )
            served = await datasette.client.get("/-/metadata.json")
            page = await datasette.client.get("/kzpk/trade_figures")
            return answer.json(), served.json(), page.text

        rows, served, page = asyncio.run(ask())
        expected = [
            (a.id, f"{a.id}#{n}", c.quote)
            for a in sorted(kzpk.agreements("energy"), key=lambda a: a.id)
            for n, c in enumerate(a.citations, 1)
        ]
        assert expected
        assert [(r["id"], r["citation"], r["quote"]) for r in rows] == expected
        assert all(r["source_title"] for r in rows)
        assert served["license"] == DATA.info.license
        assert served["license_url"].startswith("https://creativecommons.org/")
        assert served["source_url"] == "/kzpk/sources"
        assert "Unit: USD" in page

    def test_metadata_describes_every_column(self, database: Path) -> None:
        """metadata.json describes every table and every column of the database."""
        metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
        described = metadata["databases"]["kzpk"]["tables"]
        assert metadata["title"]
        assert metadata["description"]
        for (table,) in query(database, PLAIN_TABLES):
            columns = {row[1] for row in query(database, f'PRAGMA table_info("{table}")')}
            assert set(described[table]["columns"]) == columns
            assert all(described[table]["columns"].values())
        for (view,) in query(database, "SELECT name FROM sqlite_master WHERE type = 'view'"):
            assert described[view]["description"]


def served(database: Path, paths: list[tuple[str, dict[str, str]]]) -> list[Any]:
    """What Datasette's own test client answers for each (path, parameters), as JSON."""
    datasette_app = pytest.importorskip("datasette.app")
    metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))

    async def ask() -> list[Any]:
        datasette = datasette_app.Datasette([str(database)], metadata=metadata)
        answers = []
        for path, parameters in paths:
            response = await datasette.client.get(path, params=parameters)
            assert response.status_code == 200, (path, parameters, response.text[:300])
            answers.append(response.json())
        return answers

    return asyncio.run(ask())


#: Queries in every script, old names and parts of names; the first three are the issue's.
QUERIES = (
    "کراچی",
    "Tselinograd",
    "Алматы",
    "Almaty",
    "Astana",
    "Nur-Sultan",
    "Тоқаев",
    "Shehbaz Sharif",
    "Gwadar",
    "Termez",
    "Karachi Port",
    "joint-declaration-2026",
    "energy",
    "Ташкент",
    "Urumqi",
)


def found_by_name(query: str) -> set[str]:
    """The ids ``Dataset.search`` finds for *query* by a name (every tier but close spellings)."""
    from kzpk._spelling import normalise
    from kzpk.names import _search

    index = _search.index_of(DATA)
    tiers = _search._matches(index, normalise(query))
    found = {r.id for r in DATA.search(query, limit=len(index.named))}
    return {i for i in found if tiers[i][0] < _search.Tier.FUZZY}


def names_by_record() -> dict[str, list[str]]:
    """Each record's names as ``Dataset.search`` knows them (normalised)."""
    from kzpk.names import _search

    found: dict[str, list[str]] = {}
    for key, named in _search.index_of(DATA).exact.items():
        for ident in named:
            found.setdefault(ident, []).append(key)
    return found


class TestDatasetteAnswersLikeTheApi:
    """Datasette, serving the export, answers searches and sector queries as kzpk does."""

    def test_search_every_script(self, database: Path) -> None:
        """Searching records by the normalised query finds what kzpk search finds by name."""
        from kzpk._spelling import normalise

        paths = [
            (
                "/kzpk/records.json",
                {"_search_normalised": normalise(q), "_shape": "array", "_size": "max"},
            )
            for q in QUERIES
        ]
        keys = names_by_record()
        for query, rows in zip(QUERIES, served(database, paths), strict=True):
            api = found_by_name(query)
            assert api, query
            assert DATA.search(query, limit=1)[0].id in api, query
            found = {r["id"] for r in rows}
            words = normalise(query).split()
            if len(words) == 1:
                assert found == api, query
                continue
            # several words: each in one name of the record, though maybe not all in one
            assert found >= api, query
            for extra in found - api:
                assert all(any(w in k.split() for k in keys[extra]) for w in words), extra

    def test_search_box_finds_top_answer(self, database: Path) -> None:
        """The plain search box (the query as typed) finds the API's best answer."""
        paths = [
            ("/kzpk/records.json", {"_search": q, "_shape": "array", "_size": "max"})
            for q in QUERIES[:3]
        ]
        for query, rows in zip(QUERIES[:3], served(database, paths), strict=True):
            assert DATA.search(query, limit=1)[0].id in {r["id"] for r in rows}, query

    def test_every_sector(self, database: Path) -> None:
        """For every sector with agreements, agreements_by_sector is kzpk.agreements(sector)."""
        sectors = [s for s in DATA.sectors if kzpk.agreements(s)]
        assert sectors
        paths = [
            (
                "/kzpk/agreements_by_sector.json",
                {"sector": s.id, "_sort": "position", "_shape": "array", "_size": "max"},
            )
            for s in sectors
        ]
        for sector, rows in zip(sectors, served(database, paths), strict=True):
            assert [r["id"] for r in rows] == [a.id for a in kzpk.agreements(sector)]
            matches = kzpk.agreement_matches(sector)
            assert [r["tagged"] for r in rows] == [m.tagged for m in matches]
            assert {r["match"] for r in rows} <= {"sector", "sub-sector", "broader area"}

    def test_descriptions_in_plain_words(self, database: Path) -> None:
        """No reST markup or Python words leak from docstrings into the metadata."""
        metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
        texts = [
            text
            for table in metadata["databases"]["kzpk"]["tables"].values()
            for text in (table["description"], *table.get("columns", {}).values())
        ]
        assert len(texts) > 300
        leaks = [t for t in texts if re.search(r"`|:[a-z]+:|\bNone\b|else None|\*\w", t)]
        assert leaks == []


class TestFrames:
    """to_frames() gives real dtypes whose sums and maxima are the library's own answers."""

    def test_one_frame_per_table(self, frames: dict[str, Any]) -> None:
        """Each record kind is a frame with one row per record."""
        for kind in (k.name for k in KINDS):
            assert len(frames[kind]) == len(getattr(DATA, kind))

    def test_sum_of_amounts(self, frames: dict[str, Any]) -> None:
        """The sum of trade figures is the Decimal sum (float64 US dollars)."""
        total = sum(f.value for f in DATA.trade_figures)
        assert frames["trade_figures"]["value"].dtype == "float64"
        assert frames["trade_figures"]["value"].sum() == pytest.approx(float(total), rel=1e-15)

    def test_maximum_per_reporter(self, frames: dict[str, Any]) -> None:
        """The largest figure per reporter is the library's, compared as numbers."""
        found = frames["trade_figures"].groupby("reporter")["value"].max().to_dict()
        expected = {
            reporter: float(max(f.value for f in kzpk.trade_figures(reporter)))
            for reporter in {f.reporter for f in DATA.trade_figures}
        }
        assert found == expected

    def test_dates_are_datetimes(self, frames: dict[str, Any]) -> None:
        """Dates are datetime64, and the latest period end is the library's."""
        import pandas as pd

        ends = frames["trade_figures"]["period_end"]
        assert pd.api.types.is_datetime64_any_dtype(ends)
        latest = max(f.period.end for f in DATA.trade_figures if f.period.end is not None)
        assert ends.max() == pd.Timestamp(latest)

    def test_enums_are_categorical(self, frames: dict[str, Any]) -> None:
        """Enums are categoricals with every allowed value, so empty groups still show."""
        flows = frames["trade_figures"]["flow"]
        assert flows.dtype == "category"
        assert list(flows.cat.categories) == [f.value for f in kzpk.TradeFlow]

    def test_flags_and_counts(self, frames: dict[str, Any]) -> None:
        """Flags are nullable booleans and whole numbers nullable integers."""
        figures = frames["trade_figures"]
        assert figures["partial"].dtype == "boolean"
        assert int(figures["partial"].sum()) == sum(f.partial for f in DATA.trade_figures)
        counts = frames["document_counts"]["count"]
        assert counts.dtype == "Int64"
        assert int(counts.max()) == max(c.count for c in DATA.document_counts)

    def test_kilometres(self, frames: dict[str, Any]) -> None:
        """Link lengths sum to the library's total."""
        assert frames["links"]["km"].sum() == pytest.approx(sum(link.km for link in DATA.links))


class TestGeoJson:
    """Places and links as RFC 7946 GeoJSON."""

    def test_features(self, tmp_path: Path) -> None:
        """Points for places and LineStrings for links, longitude first, in range."""
        (path,) = kzpk.export(tmp_path, "geojson")
        collection = json.loads(path.read_text())
        assert collection["type"] == "FeatureCollection"
        kinds = [f["geometry"]["type"] for f in collection["features"]]
        assert kinds.count("Point") == len(DATA.places)
        assert kinds.count("LineString") == len(DATA.links)
        astana = next(f for f in collection["features"] if f["id"] == "astana")
        assert astana["geometry"]["coordinates"][0] > astana["geometry"]["coordinates"][1]
        for feature in collection["features"]:
            points = feature["geometry"]["coordinates"]
            for lon, lat in [points] if feature["geometry"]["type"] == "Point" else points:
                assert -180 <= lon <= 180
                assert -90 <= lat <= 90


class TestGeoJsonFields:
    """GeoJSON properties follow the record classes, so new fields appear without code."""

    def test_every_field_is_a_property(self) -> None:
        """Each place and link field but id, coordinates and citations is a property."""
        import attrs

        collection = kzpk.geojson()
        skipped = {"id", "latitude", "longitude", "citations"}
        for cls, kind in ((kzpk.Place, "place"), (kzpk.Link, "link")):
            feature = next(f for f in collection["features"] if f["properties"]["kind"] == kind)
            names = {f.name for f in attrs.fields(cls)} - skipped
            renamed = {f"{kind}_kind" if n == "kind" else n for n in names}
            assert set(feature["properties"]) == renamed | {"kind"}

    def test_schema_properties_are_described(self) -> None:
        """Every property of every record in the JSON Schema has a description."""
        for name, definition in kzpk.json_schema()["$defs"].items():
            if name.startswith("file:"):
                continue
            for field, schema in definition["properties"].items():
                assert schema.get("description"), (name, field)


class TestSchema:
    """The JSON Schema describes the files the loader reads."""

    @pytest.mark.parametrize("name", [INFO_FILE, *(f"{k}.json" for k in (k.name for k in KINDS))])
    def test_packaged_files_validate(self, name: str) -> None:
        """Each packaged file validates against its schema with jsonschema."""
        document = json.loads((resources.files("kzpk") / "data" / name).read_text("utf-8"))
        jsonschema.validate(
            document, kzpk.json_schema(name), format_checker=jsonschema.FormatChecker()
        )

    def test_rejects_unknown_keys(self) -> None:
        """The schema, like the loader, rejects unknown keys."""
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {"places": [{"id": "x", "extra": 1}]}, kzpk.json_schema("places.json")
            )

    def test_whole_schema_is_valid(self) -> None:
        """The whole schema is itself a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(kzpk.json_schema())

    def test_unknown_file(self) -> None:
        """An unknown file name suggests the close ones."""
        with pytest.raises(kzpk.NotFoundError, match=r"did you mean 'places\.json'"):
            kzpk.json_schema("place.json")


class TestErrors:
    """Bad export arguments are KzpkErrors."""

    def test_unknown_format(self, tmp_path: Path) -> None:
        """An unknown format lists the valid ones."""
        with pytest.raises(kzpk.ChoiceError, match="is not one of json, csv"):
            kzpk.export(tmp_path, "xml")  # type: ignore[arg-type]

    def test_unwritable(self, tmp_path: Path) -> None:
        """A path that is a file cannot be a directory."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(kzpk.InvalidInputError, match="cannot write"):
            kzpk.export(blocker / "out", "csv")


class _FullDisk:
    """Fails the *fail_at*-th write of a text file (or the database) with ENOSPC."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
        self.calls = 0
        self.fail_at = fail_at
        write_text, open_ = Path.write_text, Path.open
        connect = sqlite3.connect

        def count() -> None:
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def failing_write_text(path: Path, *args: Any, **kwargs: Any) -> int:
            count()
            return write_text(path, *args, **kwargs)

        def failing_open(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if "w" in mode:
                count()
            return open_(path, mode, *args, **kwargs)

        class FailingConnection(sqlite3.Connection):
            def executemany(self, sql: str, rows: Any, /) -> sqlite3.Cursor:
                try:
                    count()
                except OSError:
                    raise sqlite3.OperationalError("database or disk is full") from None
                return super().executemany(sql, rows)

        def failing_connect(path: Any) -> sqlite3.Connection:
            return connect(path, factory=FailingConnection)

        monkeypatch.setattr(Path, "write_text", failing_write_text)
        monkeypatch.setattr(Path, "open", failing_open)
        monkeypatch.setattr("kzpk.exports._sqlite.sqlite3.connect", failing_connect)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* (hidden ones too) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


class TestAtomicExport:
    """Files appear only when complete; on any error nothing is left behind."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("fail_at", [1, 2, 20])
    def test_failure_leaves_nothing(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str, fail_at: int
    ) -> None:
        """A full disk at the first, second or a later write leaves no file or folder."""
        target = tmp_path / "new" / "out"
        with monkeypatch.context() as patch:
            disk = _FullDisk(patch, fail_at)
            try:
                kzpk.export(target, fmt)  # type: ignore[arg-type]
            except kzpk.InvalidInputError as error:
                message = str(error)
            else:
                message = ""
        if disk.calls < fail_at:  # the format writes fewer files than that
            assert target.is_dir()
            return
        assert message.startswith(f"cannot write to {target}: ")
        assert "No space left on device" in message or "disk is full" in message
        assert "\n" not in message
        assert snapshot(tmp_path) == {}

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_failure_keeps_an_existing_export(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
    ) -> None:
        """A failed export over an earlier one leaves the earlier files exactly as they were."""
        kzpk.export(tmp_path / "out", fmt)  # type: ignore[arg-type]
        (tmp_path / "out" / "mine.txt").write_text("the user's own file")
        before = snapshot(tmp_path)
        with monkeypatch.context() as patch:
            _FullDisk(patch, 1)
            with pytest.raises(kzpk.InvalidInputError, match="cannot write"):
                kzpk.export(tmp_path / "out", fmt)  # type: ignore[arg-type]
        assert snapshot(tmp_path) == before

    def test_replaces_files_of_an_existing_directory(self, tmp_path: Path) -> None:
        """Exporting again replaces the export's files and keeps other files."""
        (tmp_path / "mine.txt").write_text("mine")
        (tmp_path / "dataset.json").write_text("stale")
        paths = kzpk.export(tmp_path, "json")
        assert (tmp_path / "mine.txt").read_text() == "mine"
        assert kzpk.load(tmp_path).info == DATA.info
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            ["mine.txt", *(p.name for p in paths)]
        )

    def test_empty_path_is_refused(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """An empty directory name is an error, and nothing is written to the cwd."""
        monkeypatch.chdir(tmp_path)
        for empty in ("", "  "):
            with pytest.raises(kzpk.InvalidInputError, match="empty"):
                kzpk.export(empty, "json")
        assert list(tmp_path.iterdir()) == []

    def test_file_as_directory(self, tmp_path: Path) -> None:
        """A path that is a file is refused before anything is written."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(kzpk.InvalidInputError, match="is a file"):
            kzpk.export(blocker, "csv")
        assert [p.name for p in tmp_path.iterdir()] == ["file"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


class TestPlots:
    """Plots render real images of sensible size."""

    def test_trade(self, tmp_path: Path) -> None:
        """The trade plot is a PNG of sensible size."""
        pytest.importorskip("matplotlib")
        path = kzpk.plot_trade(tmp_path / "trade.png")
        width, height = png_size(path)
        assert 600 < width < 3000
        assert 300 < height < 2000
        assert path.stat().st_size > 10_000

    def test_route(self, tmp_path: Path) -> None:
        """The network plot with a route is a PNG of sensible size."""
        pytest.importorskip("matplotlib")
        route = kzpk.build_route("Almaty", "Karachi")[0]
        path = kzpk.plot_network(tmp_path / "route.png", route)
        width, height = png_size(path)
        assert 600 < width < 3000
        assert 600 < height < 3000

    def test_bad_path(self, tmp_path: Path) -> None:
        """An unwritable path is a KzpkError."""
        pytest.importorskip("matplotlib")
        with pytest.raises(kzpk.InvalidInputError):
            kzpk.plot_trade(tmp_path / "missing" / "trade.png")


class TestPlotFiles:
    """A plot is written whole, at exactly the path asked for and returned, or not at all."""

    @pytest.fixture(autouse=True)
    def _matplotlib(self) -> None:
        """These tests need matplotlib."""
        pytest.importorskip("matplotlib")

    @pytest.mark.parametrize("name", ["trade", "trade.txt", "trade.png.bak", "trade.jpeg"])
    def test_unknown_suffix_refused(self, tmp_path: Path, name: str) -> None:
        """Without .png, .svg or .pdf the path is refused, nothing written, none added."""
        with pytest.raises(kzpk.InvalidInputError, match=r"ending in \.png, \.svg, \.pdf"):
            kzpk.plot_trade(tmp_path / name)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize(("name", "magic"), [("t.svg", b"<?xml"), ("t.PDF", b"%PDF")])
    def test_suffix_gives_format(self, tmp_path: Path, name: str, magic: bytes) -> None:
        """The file at the returned path is in the format its suffix names."""
        path = kzpk.plot_trade(tmp_path / name)
        assert path == tmp_path / name
        assert path.read_bytes().startswith(magic)
        assert [p.name for p in tmp_path.iterdir()] == [name]

    def test_device_refused(self, tmp_path: Path) -> None:
        """A directory, or a device (a link to /dev/full) at the path is refused."""
        folder = tmp_path / "folder.png"
        folder.mkdir()
        targets = [folder]
        if Path("/dev/full").exists():
            targets.append(tmp_path / "full.png")
            targets[-1].symlink_to("/dev/full")
        for target in targets:
            with pytest.raises(kzpk.InvalidInputError, match="it is not a regular file"):
                kzpk.plot_trade(target)
        assert sorted(tmp_path.iterdir()) == sorted(targets)

    @pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
    def test_full_disk_leaves_nothing_truncated(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
    ) -> None:
        """A disk that fills mid-write leaves no partial file, and an older plot untouched."""
        from matplotlib.figure import Figure

        target = tmp_path / "trade.png"
        if existing:
            kzpk.plot_trade(target)
        before = target.read_bytes() if existing else None

        def half_then_full(_: Figure, file: Any, **__: object) -> None:
            file.write(b"\x89PNG\r\n\x1a\n half an image")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Figure, "savefig", half_then_full)
        with pytest.raises(kzpk.InvalidInputError, match="No space left on device"):
            kzpk.plot_trade(target)
        assert [p.name for p in tmp_path.iterdir()] == (["trade.png"] if existing else [])
        assert (target.read_bytes() if existing else None) == before

    def test_cli_refuses_device(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line refuses /dev/full in one line, status 2."""
        from conftest import run_cli

        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        status, out, err = run_cli(capsys, "plot", "trade", "/dev/full")
        assert (status, out) == (2, "")
        assert err.startswith("kzpk: error: cannot write the plot to /dev/full: give a file name")
        assert len(err.splitlines()) == 1


class TestTradePlot:
    """The trade plot puts points where their period is and shows every scenario."""

    @pytest.fixture
    def drawn(self) -> Any:
        """The trade figure, closed after the test."""
        pytest.importorskip("matplotlib")
        from kzpk.exports._plot import _pyplot, _trade_figure

        figure = _trade_figure(DATA)
        yield figure
        _pyplot().close(figure)

    def test_points_at_the_middle_of_their_period(self, drawn: Any) -> None:
        """A calendar 2023 figure sits at mid-2023, a fiscal 2021-22 one at the new year."""
        import matplotlib.dates as mdates

        date2num: Callable[[object], Any] = mdates.date2num  # untyped in matplotlib
        points = {
            (round(float(x)), round(float(y), 3))
            for line in drawn.axes[0].lines
            if line.get_linestyle() == "None" and line.get_marker() in {"s", "^"}
            for x, y in zip(date2num(line.get_xdata()), line.get_ydata(), strict=True)
        }
        for figure_id, middle in (
            ("kz-turnover-2023", dt.date(2023, 7, 2)),
            ("pk-turnover-fy2021-22", dt.date(2021, 12, 30)),
        ):
            figure = DATA.lookup(figure_id)
            assert isinstance(figure, kzpk.TradeFigure)
            millions = round(float(figure.value) / 1e6, 3)
            assert (round(date2num(middle)), millions) in points
            assert figure.period.end is not None
            assert (round(date2num(figure.period.end)), millions) not in points

    def test_every_scenario_visible(self, drawn: Any) -> None:
        """Each scenario is a line; coinciding ones differ in style, width or marker."""
        axes = drawn.axes[0]
        scenarios = kzpk.trade_scenarios()
        lines = [line for line in axes.lines if line.get_label().startswith("'")]
        assert len(lines) == len(scenarios)
        looks = [(ln.get_linestyle(), ln.get_linewidth(), ln.get_marker()) for ln in lines]
        paths = [tuple(ln.get_ydata()) for ln in lines]
        for i, j in itertools.combinations(range(len(lines)), 2):
            if paths[i] == paths[j]:
                assert looks[i] != looks[j]

    def test_legend_holds_every_label_whole(self, drawn: Any) -> None:
        """No legend label is cut, and the legend lies inside the saved image."""
        legend = drawn.axes[0].get_legend()
        texts = [" ".join(t.get_text().split()) for t in legend.get_texts()]
        for scenario in kzpk.trade_scenarios():
            assert any(
                text.startswith(" ".join(str(scenario.horizon).split())[:20]) for text in texts
            )
        renderer = drawn.canvas.get_renderer()
        tight = drawn.get_tightbbox(renderer)
        box = legend.get_window_extent(renderer).transformed(drawn.dpi_scale_trans.inverted())
        assert tight.x0 <= box.x0
        assert box.x1 <= tight.x1
        assert tight.y0 <= box.y0
        assert box.y1 <= tight.y1


class TestMissingExtras:
    """Without the optional packages, a clear error names the extra to install."""

    def test_pandas_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """to_frames() without pandas raises MissingExtraError naming kzpk[pandas]."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(kzpk.MissingExtraError, match=r"kzpk\[pandas\]"):
            kzpk.to_frames()

    def test_matplotlib_missing(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Plots without matplotlib raise MissingExtraError naming kzpk[plot]."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(kzpk.MissingExtraError, match=r"kzpk\[plot\]"):
            kzpk.plot_trade(tmp_path / "trade.png")

    def test_is_an_import_error(self) -> None:
        """MissingExtraError is also an ImportError, which callers already catch."""
        assert issubclass(kzpk.MissingExtraError, ImportError)
