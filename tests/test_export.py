"""Exports read by other tools: checked with those tools (frictionless, sqlite3, jsonschema)."""

from __future__ import annotations

import csv
import json
import sqlite3
import struct
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import kzpk
from kzpk._dataset import INFO_FILE, KINDS

DATA = kzpk.load()


class TestJson:
    """JSON is the canonical form."""

    def test_round_trip(self, tmp_path: Path) -> None:
        """An export loads back into an equal dataset."""
        kzpk.export(tmp_path, "json")
        again = kzpk.load(tmp_path)
        for kind, _ in KINDS:
            assert getattr(again, kind) == getattr(DATA, kind)
        assert again.info == DATA.info


class TestTables:
    """CSV, Data Package and SQLite share one normalised layout."""

    def test_csv_counts(self, tmp_path: Path) -> None:
        """Each record kind is a CSV with one row per record."""
        kzpk.export(tmp_path, "csv")
        for kind, _ in KINDS:
            with (tmp_path / f"{kind}.csv").open(encoding="utf-8") as handle:
                assert sum(1 for _ in csv.DictReader(handle)) == len(getattr(DATA, kind))

    def test_citations_table(self, tmp_path: Path) -> None:
        """Every citation is one row of citations.csv."""
        kzpk.export(tmp_path, "csv")
        with (tmp_path / "citations.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert {r["source"] for r in rows} <= {s.id for s in DATA.sources}
        assert any(r["record"] == "joint-declaration-2026" for r in rows)

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

    def test_sqlite(self, tmp_path: Path) -> None:
        """SQLite has keys declared, a clean foreign-key check, and answers joins."""
        (path,) = kzpk.export(tmp_path, "sqlite")
        with sqlite3.connect(path) as db:
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

    def test_frames(self) -> None:
        """to_frames() gives one DataFrame per table."""
        pytest.importorskip("pandas")
        frames = kzpk.to_frames()
        assert len(frames["places"]) == len(DATA.places)
        assert "latitude" in frames["places"].columns


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


class TestSchema:
    """The JSON Schema describes the files the loader reads."""

    @pytest.mark.parametrize("name", [INFO_FILE, *(f"{k}.json" for k, _ in KINDS)])
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
        with pytest.raises(kzpk.InvalidInputError, match="valid: json"):
            kzpk.export(tmp_path, "xml")  # type: ignore[arg-type]

    def test_unwritable(self, tmp_path: Path) -> None:
        """A path that is a file cannot be a directory."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(kzpk.InvalidInputError, match="cannot write"):
            kzpk.export(blocker / "out", "csv")


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
