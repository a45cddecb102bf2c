"""The command line: every command runs, errors are one line with exit status 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kzpk._cli import main


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return status, stdout and stderr."""
    try:
        status = main(list(arguments))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


COMMANDS = [
    ["summary"],
    ["agreements", "--sector", "energy"],
    ["agreements", "--kind", "sister-city", "--party", "Lahore"],
    ["sectors"],
    ["trade-gap"],
    ["trade-gap", "--current", "300m", "--by", "2028"],
    ["scenarios"],
    ["route", "Almaty", "Karachi", "--avoid", "AF", "--mode", "rail", "--mode", "road"],
    ["route", "Astana", "PK", "--include-planned", "--optimize", "time"],
    ["route", "Almaty", "Karachi", "--on", "2025-06-01", "--profile", "passenger"],
    ["conflicts"],
    ["sources"],
    ["timeline"],
    ["commitments", "--as-of", "2027-01-01"],
    ["trade-figures", "--reporter", "PK", "--flow", "exports"],
    ["mirror", "2024"],
]


class TestCommands:
    """Each command prints something and exits 0."""

    @pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
    def test_runs(self, capsys: pytest.CaptureFixture[str], arguments: list[str]) -> None:
        """The command succeeds with output and nothing on stderr."""
        status, out, err = run(capsys, *arguments)
        assert (status, err) == (0, "")
        assert out.strip()

    @pytest.mark.parametrize("arguments", [c for c in COMMANDS if c[0] != "summary"], ids=" ".join)
    def test_json(self, capsys: pytest.CaptureFixture[str], arguments: list[str]) -> None:
        """--format json prints valid JSON."""
        status, out, _ = run(capsys, *arguments, "--format", "json")
        assert status == 0
        assert json.loads(out) is not None

    def test_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format csv prints a header and one row per result."""
        _, out, _ = run(capsys, "agreements", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) >= 20
        assert {"id", "kind", "title"} <= set(rows[0])

    def test_geojson(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Routes print as GeoJSON."""
        _, out, _ = run(capsys, "route", "Almaty", "Islamabad", "--format", "geojson")
        assert json.loads(out)["type"] == "FeatureCollection"

    def test_help_has_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help on a command shows an example."""
        status, out, _ = run(capsys, "route", "--help")
        assert status == 0
        assert "example: kzpk route" in out


class TestErrors:
    """Bad input: one line on stderr, exit 2, no traceback."""

    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            (["agreements", "--sector", "enrgy"], "did you mean 'Energy'"),
            (["route", "Almaty", "Karachy"], "did you mean 'Karachi'"),
            (["trade-gap", "--years", "-1"], "positive"),
            (["trade-gap", "--current", "lots"], "cannot read current"),
            (["mirror", "abc"], "invalid int"),
            (["commitments", "--as-of", "soon"], "not a date"),
            (
                [
                    "route",
                    "Almaty",
                    "Karachi",
                    "--avoid",
                    "AF",
                    "--avoid",
                    "CN",
                    "--mode",
                    "rail",
                ],
                "no route",
            ),
            (["nonsense"], "invalid choice"),
        ],
    )
    def test_one_line_exit_2(
        self, capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
    ) -> None:
        """The error is one line naming the problem, with status 2."""
        status, out, err = run(capsys, *arguments)
        assert status == 2
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert expected in err
        assert "Traceback" not in err

    def test_validate_lists_every_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Validate prints every problem of a bad directory, with status 2."""
        status, _, err = run(capsys, "validate", str(tmp_path))
        assert status == 2
        assert "dataset.json: $: file is missing" in err
        assert "places.json: $: file is missing" in err


def test_python_m_kzpk() -> None:
    """Python -m kzpk runs the same command line."""
    done = subprocess.run(
        [sys.executable, "-m", "kzpk", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("kzpk ")


class TestExportCommands:
    """export, schema and plot from the command line."""

    def test_export_each_format(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The export command writes every format."""
        for fmt in ("json", "csv", "datapackage", "geojson", "sqlite"):
            status, out, err = run(capsys, "export", str(tmp_path / fmt), "--format", fmt)
            assert (status, err) == (0, "")
            assert "wrote" in out
            assert any((tmp_path / fmt).iterdir())

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The schema command prints a JSON Schema."""
        status, out, _ = run(capsys, "schema", "places.json")
        assert status == 0
        assert json.loads(out)["$schema"].startswith("https://json-schema.org/")

    def test_plot_route(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The plot route command writes a PNG."""
        pytest.importorskip("matplotlib")
        out_file = tmp_path / "route.png"
        status, _, err = run(capsys, "plot", "route", "Almaty", "Karachi", str(out_file))
        assert (status, err) == (0, "")
        assert out_file.read_bytes()[:4] == b"\x89PNG"

    def test_plot_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A plot with the wrong arguments is one line, exit 2."""
        status, _, err = run(capsys, "plot", "route", "Almaty")
        assert status == 2
        assert "usage: kzpk plot route FROM TO OUT.png" in err
