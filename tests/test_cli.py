"""The command line: every command runs, errors are one line with exit status 2."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import errno
import inspect
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import pytest

import kzpk
from conftest import run_cli as run
from kzpk.cli import _main as cli
from kzpk.cli._arguments import flag_spelling
from kzpk.cli._commands import _question

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
    ["calibration", "--crew", "double"],
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
            (["trade-gap", "--years", "-1"], "argument --years: must be between one day"),
            (["trade-gap", "--current", "lots"], "argument --current: cannot read amount"),
            (["trade-gap", "--current", "9" * 70 + "bn"], "argument --current: amount must be"),
            (["trade-gap", "--years", "9000"], "argument --years: must be between one day"),
            (["trade-gap", "--years", "1e-300"], "argument --years: must be between one day"),
            (["trade-gap", "--by", "9999"], "--by must be at most 1000 years after"),
            (["trade-gap", "--by", "2025"], "--by must be after the base date"),
            (["trade-gap", "--baseline", "nope"], "`kzpk trade-figures`"),
            (
                ["trade-gap", "--baseline", "pk-exports-pk-to-kz-fy2024-25"],
                "--baseline 'pk-exports-pk-to-kz-fy2024-25' measures exports",
            ),
            (
                ["scenarios", "--baseline", "kz-turnover-2025-01-to-2025-07"],
                "only part of a year",
            ),
            (["trade-figures", "--year", "9000"], "argument --year: year must be 1900 to 2100"),
            (["mirror", "1800"], "year must be 1900 to 2100"),
            (["route", "Almaty", "Karachi", "--alternatives", "0"], "argument --alternatives"),
            (["export", "", "--format", "json"], "the path is empty"),
            (["validate", "/nonexistent/kzpk"], "directory /nonexistent/kzpk does not exist"),
            (["plot", "route", "Almaty"], "the following arguments are required"),
            (["mirror", "abc"], "argument year: not a whole number: 'abc'"),
            (["commitments", "--as-of", "soon"], "not a date"),
            (
                ["route", "Almaty", "Karachi", "--mode", "air"],
                "no route",
            ),
            (["nonsense"], "invalid choice"),
            ([], "a command is required"),
        ],
    )
    def test_one_line_exit_2(
        self, capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
    ) -> None:
        """The error is one line naming the problem, with status 2."""
        status, out, err = run(capsys, *arguments)
        assert status == 2
        assert out == ""
        assert len(err.strip().splitlines()) == (2 if not arguments else 1)  # usage, then why
        assert expected in err
        assert "Traceback" not in err

    def test_messages_name_flags(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A route cut by filters names the flags that cut it, not Python arguments."""
        error = kzpk.NoRouteError(
            "no route: cut by {statuses} ({include_planned} adds planned and under-construction "
            "links) or by {modes} or by {avoid_countries}",
            filters={
                "statuses": ["operational"],
                "include_planned": True,
                "modes": ["rail"],
                "avoid_countries": ["AF", "CN"],
            },
        )
        assert error.describe(flag_spelling(cli._parser())) == (
            "no route: cut by --status operational (--include-planned adds planned "
            "and under-construction links) or by --mode rail or by --avoid AF --avoid CN"
        )
        assert str(error).startswith("no route: cut by statuses=['operational'] (include_planned")
        status, _, err = run(capsys, "route", "Almaty", "Karachi", "--avoid", "PK")
        assert status == 2
        assert "--avoid" in err
        assert "avoid_countries" not in err

    @pytest.mark.parametrize(
        ("arguments", "flag"),
        [
            (["route", "Almaty", "Karachi", "--alternatives", "0"], "--alternatives"),
            (["route", "Almaty", "Karachi", "--mode", "hovercraft"], "--mode"),
            (["route", "Almaty", "Karachi", "--status", "dreamt"], "--status"),
            (["route", "Almaty", "Karachi", "--avoid-crossing", "Lahore"], "--avoid-crossing"),
            (["route", "Almaty", "Karachi", "--avoid", "Atlantis"], "--avoid"),
            (["trade-gap", "--baseline", "nope"], "--baseline"),
            (["route", "Almaty", "Karachi", "--weight-factor", "0.5"], "--weight-factor"),
            (["route", "Almaty", "Karachi", "--share-factor", "2"], "--share-factor"),
            (["agreements", "--party", "Nobody Atall"], "--party"),
            (["agreements", "--kind", "poem"], "--kind"),
        ],
    )
    def test_every_option_error_names_its_flag(
        self, capsys: pytest.CaptureFixture[str], arguments: list[str], flag: str
    ) -> None:
        """Bad values name the flag that gave them, from the error's data, in one line."""
        status, _, err = run(capsys, *arguments)
        assert status == 2
        assert err.startswith("kzpk")
        assert ": error: " in err
        assert flag in err
        assert len(err.strip().splitlines()) == 1
        assert "_" not in err.split("error:", 1)[1].split("'")[0]  # no Python names

    def test_export_empty_path_writes_nothing(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """An empty export path is refused, and the current directory stays empty."""
        monkeypatch.chdir(tmp_path)
        status, _, _ = run(capsys, "export", "", "--format", "json")
        assert status == 2
        assert list(tmp_path.iterdir()) == []

    def test_full_disk_is_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A write that fails mid-export is one line, exit 2, and leaves nothing."""

        def full(*_: object, **__: object) -> NoReturn:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Path, "write_text", full)
        status, out, err = run(capsys, "export", str(tmp_path / "out"), "--format", "json")
        assert (status, out) == (2, "")
        assert err == f"kzpk: error: cannot write to {tmp_path / 'out'}: No space left on device\n"
        assert list(tmp_path.iterdir()) == []

    def test_bug_shows_traceback_and_asks_for_report(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An internal error (a TypeError here) is not dressed up as bad input."""

        def broken(*_: object, **__: object) -> NoReturn:
            raise TypeError("an internal slip")

        monkeypatch.setattr(kzpk, "timeline", broken)
        status, _, err = run(capsys, "timeline")
        assert status == 1
        assert "Traceback" in err
        assert "TypeError: an internal slip" in err
        assert "this is a bug" in err
        assert "report it" in err

    def test_validate_lists_every_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Validate prints every problem of a bad directory, with status 2."""
        status, _, err = run(capsys, "validate", str(tmp_path))
        assert status == 2
        assert "dataset.json: $: file is missing" in err
        assert "places.json: $: file is missing" in err

    def test_validate_reports_every_pass_at_once(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Structuring and reference problems show together, at their original positions."""
        kzpk.export(tmp_path, "json")

        def edit(kind: str, change: Callable[[list[dict[str, Any]]], None]) -> None:
            path = tmp_path / f"{kind}.json"
            document = json.loads(path.read_text(encoding="utf-8"))
            change(document[kind])
            path.write_text(json.dumps(document), encoding="utf-8")

        places = json.loads((tmp_path / "places.json").read_text(encoding="utf-8"))["places"]
        removed = places[2]["id"]
        edit("places", lambda items: items[2].update(latitude="north"))
        edit("links", lambda items: items[2].update(mode="teleport"))
        edit("links", lambda items: items[5].update(origin="nowhere"))
        edit("sectors", lambda items: items[1].update(parent="nope"))
        (tmp_path / "claims.json").write_text('{"claims": [', encoding="utf-8")
        status, _, err = run(capsys, "validate", str(tmp_path))
        assert status == 2
        problems = [line.strip() for line in err.splitlines()[1:]]
        assert err.splitlines()[0] == f"kzpk: error: invalid dataset ({len(problems)} problems):"
        assert problems[0] == "places.json: $.places[2].latitude: expected a number, got 'north'"
        assert any(p.startswith("links.json: $.links[2].mode: unknown Mode") for p in problems)
        assert "claims.json: $: malformed JSON at line 1 column 13: Expecting value" in problems
        assert "links.json: $.links[5].origin: unknown place 'nowhere'" in problems
        assert any(
            p.startswith("sectors.json: $.sectors[1].parent: unknown sector") for p in problems
        )
        assert not [p for p in problems if f"'{removed}'" in p]
        assert len(problems) == 5

    def test_validate_a_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Validate on a file says so in one line."""
        (tmp_path / "data.json").write_text("{}")
        status, _, err = run(capsys, "validate", str(tmp_path / "data.json"))
        assert status == 2
        assert err.strip().endswith("is a file, not a dataset directory")
        assert len(err.splitlines()) == 1

    def test_validate_good_directory(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An exported dataset validates."""
        kzpk.export(tmp_path, "json")
        status, out, _ = run(capsys, "validate", str(tmp_path))
        assert status == 0
        assert "valid" in out


class TestMachineReadable:
    """--format csv and json carry plain numbers, fractions and ISO dates; empty is not silent."""

    DECIMAL_NOISE = re.compile(r"\d\.\d*0{6,}\b|\d{25,}")
    #: What a typed CSV cell may hold: no "$", "%", "million", exponent, "NaN" or "inf".
    CELL: ClassVar[dict[str, re.Pattern[str]]] = {
        "number": re.compile(r"-?\d+(\.\d+)?"),
        "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
        "flag": re.compile(r"true|false"),
    }

    @pytest.mark.parametrize(
        ("arguments", "typed"),
        [
            pytest.param(arguments, typed, id=" ".join(arguments))
            for arguments, typed in [
                (
                    ["trade-gap"],
                    {"number": "current_usd target_usd gap_usd years cagr", "date": "base_date"},
                ),
                (
                    ["scenarios"],
                    {"number": "current_usd target_usd gap_usd years cagr", "date": "base_date"},
                ),
                (
                    ["trade-figures"],
                    {"number": "value_usd", "date": "period_start period_end", "flag": "partial"},
                ),
                (
                    ["mirror", "2024"],
                    {
                        "number": "exporter_says_usd importer_says_usd difference_usd relative",
                        "flag": "same_period",
                    },
                ),
                (["agreements"], {"number": "value_usd", "date": "signed"}),
                (["timeline"], {"date": "start end"}),
                (
                    ["commitments", "--as-of", "2027-01-01"],
                    {"date": "due_start due_end latest_report"},
                ),
                (["sectors"], {"number": "depth agreements"}),
                (["sources"], {"number": "records", "date": "published"}),
                # Answers are quoted text ("$197 million"): only the noise is checked.
                (["conflicts"], {}),
            ]
        ],
    )
    def test_csv_has_no_words_for_numbers(
        self,
        capsys: pytest.CaptureFixture[str],
        arguments: list[str],
        typed: dict[str, str],
    ) -> None:
        """Number, date and flag columns hold plain numbers, ISO dates and true/false only."""
        status, out, _ = run(capsys, *arguments, "--format", "csv")
        assert status == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows
        for kind, columns in typed.items():
            for column in columns.split():
                values = [row[column] for row in rows if row[column]]
                assert values, f"{column} is empty in every row"
                for value in values:
                    assert self.CELL[kind].fullmatch(value), (column, value)
        assert not self.DECIMAL_NOISE.search(out)

    def test_trade_gap_csv_values(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The trade gap's CSV row is USD numbers, a fraction and an ISO date."""
        _, out, _ = run(capsys, "trade-gap", "--format", "csv")
        (row,) = csv.DictReader(io.StringIO(out))
        assert row["current_usd"] == "250000000"
        assert row["target_usd"] == "1000000000"
        assert row["cagr"] == "3"
        assert row["base_date"] == "2026-02-04"

    def test_fractions_not_percentages(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Rates in CSV and JSON are fractions (0.587…), the table shows percentages."""
        gaps = kzpk.trade_scenarios()
        _, out, _ = run(capsys, "scenarios", "--format", "csv")
        rates = [float(r["cagr"]) for r in csv.DictReader(io.StringIO(out))]
        assert rates == [float(g.cagr) for g in gaps]
        _, out, _ = run(capsys, "scenarios", "--format", "json")
        assert [g["cagr"] for g in json.loads(out)] == rates
        _, out, _ = run(capsys, "scenarios")
        assert "+58.7%" in out

    def test_json_numbers_are_numbers(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Amounts in JSON are numbers equal to the library's Decimals."""
        _, out, _ = run(capsys, "trade-figures", "--format", "json")
        figures = json.loads(out)
        assert [f["value"] for f in figures] == [float(f.value) for f in kzpk.trade_figures()]
        assert all(isinstance(f["value"], int | float) for f in figures)
        _, out, _ = run(capsys, "mirror", "2024", "--format", "json")
        pairs = json.loads(out)
        assert all(isinstance(p["relative"], float) for p in pairs if p["relative"] is not None)

    def test_empty_csv_prints_header(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An empty result in CSV is the header line alone."""
        status, out, _ = run(capsys, "trade-figures", "--year", "1999", "--format", "csv")
        assert status == 0
        assert out == "id,reporter,flow,period_start,period_end,value_usd,basis,partial\n"

    def test_empty_json_is_an_empty_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An empty result in JSON is []."""
        _, out, _ = run(
            capsys, "agreements", "--kind", "sister-city", "--sector", "energy", "--format", "json"
        )
        assert json.loads(out) == []

    def test_mirror_without_figures_says_so(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A year with no figures says so in the table, and is empty in CSV and JSON."""
        status, out, _ = run(capsys, "mirror", "2030")
        assert status == 0
        assert "no full-year export or import figures for 2030" in out
        _, out, _ = run(capsys, "mirror", "2030", "--format", "json")
        assert json.loads(out) == []

    def test_closed_pipe_is_quiet(self) -> None:
        """A reader that closes the pipe first ends the command with no traceback."""
        command = [sys.executable, "-m", "kzpk", "sectors", "--format", "json"]
        for _ in range(3):
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            assert process.stdout is not None
            assert process.stderr is not None
            process.stdout.read(100)
            process.stdout.close()
            err = process.stderr.read()
            process.stderr.close()
            assert process.wait(timeout=60) in {0, 141}
            assert err == b""

    def test_closed_pipe_before_output(self) -> None:
        """A reader gone before any output: status 141 (SIGPIPE's), nothing on stderr."""
        command = [sys.executable, "-m", "kzpk", "sectors", "--format", "json"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.close()
        _, err = process.communicate(timeout=60)
        assert process.returncode == 141
        assert err == b""


def command_names() -> list[str]:
    """Every sub-command the parser knows."""
    (commands,) = (a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(commands.choices)


class TestHelp:
    """kzpk alone prints usage; every sub-command has its own --help."""

    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No command prints usage on stderr and exits 2."""
        status, out, err = run(capsys)
        assert (status, out) == (2, "")
        assert err.startswith("usage: kzpk")

    @pytest.mark.parametrize("command", command_names())
    def test_each_command_has_help(self, capsys: pytest.CaptureFixture[str], command: str) -> None:
        """Each command's --help describes that command, with an example."""
        status, out, _ = run(capsys, command, "--help")
        assert status == 0
        assert out.startswith(f"usage: kzpk {command}")
        assert f"example: kzpk {command}" in out


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
        """A plot with the wrong arguments is one line, exit 2, naming what is missing."""
        status, _, err = run(capsys, "plot", "route", "Almaty")
        assert status == 2
        assert err == (
            "kzpk plot route: error: the following arguments are required: destination, out\n"
        )


def kzpk_command(*arguments: str) -> list[str]:
    """The command line running this kzpk in a fresh interpreter."""
    return [sys.executable, "-m", "kzpk", *arguments]


def kzpk_environment() -> dict[str, str]:
    """The environment for it: this kzpk first on the path, the test run's own cache."""
    return {**os.environ, "PYTHONPATH": str(Path(kzpk.__file__).parents[1])}


class TestOutputFailures:
    """Output that cannot be written is one line and status 74 (EX_IOERR), never a bug."""

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
    @pytest.mark.parametrize("arguments", [["sectors"], ["--help"]], ids=["command", "help"])
    def test_full_disk(self, arguments: list[str]) -> None:
        """Standard output on /dev/full: one line on stderr, status 74 (--help, argparse's, too)."""
        with Path("/dev/full").open("w", encoding="utf-8") as full:
            done = subprocess.run(
                kzpk_command(*arguments),
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env=kzpk_environment(),
                check=False,
            )
        assert done.returncode == 74
        assert done.stderr == "kzpk: error: cannot write the output: No space left on device\n"

    @pytest.mark.skipif(not Path("/bin/sh").exists(), reason="no POSIX shell here")
    def test_closed_stdout(self) -> None:
        """Started with stdout closed (``>&-``): one line on stderr, status 74, nothing run."""
        done = subprocess.run(
            ["/bin/sh", "-c", '"$0" -m kzpk sectors >&-', sys.executable],
            capture_output=True,
            text=True,
            env=kzpk_environment(),
            check=False,
        )
        assert done.returncode == 74
        assert done.stderr == "kzpk: error: cannot write the output: standard output is closed\n"

    def test_write_error_in_process(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A stdout whose writes fail gives status 74 and the reason, not a traceback."""

        class Full(io.StringIO):
            def write(self, _: str) -> int:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(sys, "stdout", Full())
        status = cli.main(["timeline"])
        err = capsys.readouterr().err
        assert status == 74
        assert err == "kzpk: error: cannot write the output: No space left on device\n"

    def test_other_errors_still_bugs(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An OSError that is not about the output is still reported as a bug."""

        def broken(*_: object, **__: object) -> NoReturn:
            raise OSError(errno.ENOSPC, "not the output")

        monkeypatch.setattr(kzpk, "timeline", broken)
        status, _, err = run(capsys, "timeline")
        assert status == 1
        assert "this is a bug" in err


class TestInterrupt:
    """Ctrl-C ends kzpk quietly with status 130, while it runs and while it starts."""

    def test_interrupted_command(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An interrupt inside a command: status 130, nothing on stderr."""

        def interrupted(*_: object, **__: object) -> NoReturn:
            raise KeyboardInterrupt

        monkeypatch.setattr(kzpk, "timeline", interrupted)
        assert run(capsys, "timeline") == (130, "", "")

    def test_interrupted_import(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An interrupt while the command line's modules are imported: status 130, quietly."""
        import importlib.abc

        class Interrupting(importlib.abc.MetaPathFinder):
            def find_spec(self, name: str, *_: object) -> None:
                if name == "kzpk.cli._main":
                    raise KeyboardInterrupt

        monkeypatch.delitem(sys.modules, "kzpk.cli._main")
        monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
        from kzpk.cli import main

        assert main(["summary"]) == 130
        assert capsys.readouterr() == ("", "")

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX notion")
    def test_sigint_during_load(self, tmp_path: Path) -> None:
        """SIGINT while kzpk waits reading a dataset file: status 130, nothing on stderr."""
        import signal
        import time

        from kzpk.dataset._reading import FILES

        fifo = tmp_path / FILES[0]
        os.mkfifo(fifo)
        process = subprocess.Popen(
            kzpk_command("validate", str(tmp_path)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=kzpk_environment(),
        )
        writer = None
        deadline = time.monotonic() + 120
        while writer is None and time.monotonic() < deadline and process.poll() is None:
            try:  # succeeds once kzpk has opened the FIFO to read it
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.01)
        assert writer is not None, "kzpk never opened the dataset file"
        try:
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=60)
        finally:
            os.close(writer)
        assert (process.returncode, out, err) == (130, b"", b"")


def test_warnings_are_one_line() -> None:
    """A misspelt KZPK_ variable is one warning line on stderr; the command still runs."""
    done = subprocess.run(
        kzpk_command("summary"),
        capture_output=True,
        text=True,
        env={**kzpk_environment(), "KZPK_SPEED_RAIL": "30"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        0,
        "kzpk: warning: KZPK_SPEED_RAIL is not a kzpk setting; did you mean KZPK_SPEED_RAIL_KMH?\n",
    )


class TestLeftoverArguments:
    """Arguments kzpk does not use are refused, one line, status 2."""

    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            (["--version", "extra"], "invalid choice: 'extra'"),
            (["--version", "summary"], "--version takes no command"),
            (["summary", "extra"], "unrecognized arguments: extra"),
            (["trade-gap", "--current", "-250m"], "argument --current: must be a positive amount"),
            (["trade-gap", "--target", "-$1bn"], "argument --target: must be a positive amount"),
            (["trade-gap", "--current", "-1e5"], "argument --current: must be a positive amount"),
        ],
    )
    def test_refused(
        self, capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
    ) -> None:
        """Each is one line on stderr naming what is wrong, with status 2."""
        status, out, err = run(capsys, *arguments)
        assert (status, out) == (2, "")
        assert len(err.splitlines()) == 1
        assert expected in err

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version alone prints the version, status 0."""
        assert run(capsys, "--version") == (0, f"kzpk {kzpk.__version__}\n", "")


class TestRecordDetails:
    """Commands show what a record states beyond its id and title."""

    def test_agreement_values(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The agreements command shows a stated value: dollars in the table, a number in CSV."""
        _, out, _ = run(capsys, "agreements", "--format", "csv")
        values = {r["id"]: r["value_usd"] for r in csv.DictReader(io.StringIO(out))}
        assert values["electric-buses-contract"] == "108000000"
        assert values["joint-declaration-2026"] == ""
        _, out, _ = run(capsys, "agreements", "--sector", "industry")
        (line,) = [x for x in out.splitlines() if x.startswith("electric-buses-contract")]
        assert "$108 million" in line


def _dests(*command: str) -> dict[str, object]:
    """The options of a command as ``dest: default``, read from the parser itself."""
    parser: argparse.ArgumentParser = cli._parser()
    for word in command:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    return {a.dest: a.default for a in parser._actions if a.dest != "help"}


class TestRouteQuestion:
    """The command line asks the route builder everything the library can be asked."""

    def test_route_takes_every_option_with_the_same_default(self) -> None:
        """Each keyword of build_route is a flag of ``kzpk route``, defaulting alike."""
        asked = _question(cli._parser().parse_args(["route", "Almaty", "Karachi"]))
        for name, parameter in inspect.signature(kzpk.build_route).parameters.items():
            if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or name == "dataset":
                continue  # the ends are arguments; a dataset is no command-line value
            assert asked[name] == parameter.default, name

    def test_plot_route_asks_the_same_question(self) -> None:
        """``kzpk plot route`` takes the same options but those that rank alternatives."""
        ranking = {"alternatives", "weight_factor", "share_factor", "format"}
        route = set(_dests("route")) - ranking
        assert route <= set(_dests("plot", "route"))

    def test_crew_reaches_the_route_builder(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two drivers make a truck route faster; the rest of the answer is the library's."""
        asked = ["route", "Tashkent", "Kashgar", "--optimize", "time", "--format", "json"]
        _, single, _ = run(capsys, *asked, "--alternatives", "1")
        _, double, _ = run(capsys, *asked, "--alternatives", "1", "--crew", "double")
        expected = kzpk.build_route(
            "Tashkent", "Kashgar", optimize="time", alternatives=1, crew="double"
        )[0]
        assert json.loads(double)[0]["hours"] == pytest.approx(expected.hours)
        assert json.loads(double)[0]["hours"] < json.loads(single)[0]["hours"]

    def test_factors_reach_the_route_builder(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--weight-factor 1 leaves only routes as cheap as the best."""
        status, out, _ = run(
            capsys, "route", "Almaty", "Karachi", "--weight-factor", "1", "--format", "csv"
        )
        assert status == 0
        expected = kzpk.build_route("Almaty", "Karachi", weight_factor=1.0)
        assert len(list(csv.DictReader(io.StringIO(out)))) == len(expected)

    def test_next_open(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--next-open answers on the first day a route exists: after a pass's winter."""
        asked = ["route", "Kashgar", "Gilgit", "--mode", "road", "--via", "Khunjerab Pass"]
        status, out, _ = run(capsys, *asked, "--on", "2026-12-15", "--next-open", "--format", "csv")
        assert status == 0
        days = {row["on"] for row in csv.DictReader(io.StringIO(out))}
        expected = kzpk.next_open(
            "Kashgar",
            "Gilgit",
            after=dt.date(2026, 12, 15),
            modes=["road"],
            via=["Khunjerab Pass"],
        )
        assert days == {expected.isoformat()}
        status, _, err = run(capsys, *asked, "--on", "2026-12-15")
        assert status == 2
        assert "reopens on" in err


class TestCalibrationCommand:
    """``kzpk calibration`` prints what kzpk.calibration() returns."""

    @pytest.mark.parametrize("crew", ["single", "double"])
    def test_rows_are_the_library_s(self, capsys: pytest.CaptureFixture[str], crew: str) -> None:
        """One CSV row per trip, with the library's days, errors and fit for that crew."""
        status, out, _ = run(capsys, "calibration", "--crew", crew, "--format", "csv")
        assert status == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        expected = kzpk.calibration(crew=crew)  # type: ignore[arg-type]
        assert [r["trip"] for r in rows] == [c.trip.id for c in expected]
        for row, calibrated in zip(rows, expected, strict=True):
            assert row["fit"] == calibrated.fit.value
            if calibrated.modelled_days is not None:
                assert float(row["modelled_days"]) == pytest.approx(calibrated.modelled_days)
                assert float(row["days_error"]) == pytest.approx(calibrated.days_error)
