"""CI (``.ci/run``) cleans up after itself and insists on the source texts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or sys.platform == "win32", reason="CI runs bash on POSIX"
)


def ci_copy(tmp_path: Path) -> Path:
    """A copy of ``.ci/run`` in a project folder of its own, beside no shared/ yet."""
    script = tmp_path / "project" / ".ci" / "run"
    script.parent.mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", script)
    return script


def run_ci(script: Path, tmp_path: Path, path: str) -> subprocess.CompletedProcess[str]:
    """Run the copy with its temporary files in ``tmp_path/tmp`` and *path* as PATH."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {"PATH": path, "TMPDIR": str(temporary), "HOME": str(tmp_path)}
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(
        [bash, str(script)], capture_output=True, text=True, env=environment, check=False
    )


class TestCiScript:
    """What .ci/run does before and after the checks themselves."""

    def test_missing_texts_fail_first(self, tmp_path: Path) -> None:
        """Without ../shared/seeds, CI fails at once saying so, and makes no environment."""
        done = run_ci(ci_copy(tmp_path), tmp_path, os.environ.get("PATH", ""))
        assert done.returncode == 1
        assert "source texts are missing" in done.stderr
        assert list((tmp_path / "tmp").iterdir()) == []

    def test_environment_removed_on_failure(self, tmp_path: Path) -> None:
        """When a step fails after the environment is made, the environment is removed."""
        script = ci_copy(tmp_path)
        seeds = tmp_path / "shared" / "seeds"
        seeds.mkdir(parents=True)
        (seeds / "article.txt").write_text("text", encoding="utf-8")
        fake = tmp_path / "bin"
        fake.mkdir()
        log = tmp_path / "made"
        (fake / "python3").write_text(
            f'#!/bin/sh\nmkdir -p "$3/bin"\necho "$3" > {log}\nexit 3\n', encoding="utf-8"
        )
        (fake / "python3").chmod(0o755)
        done = run_ci(script, tmp_path, f"{fake}:/usr/bin:/bin")
        assert done.returncode == 3
        made = Path(log.read_text(encoding="utf-8").strip())
        assert made.parent.parent == tmp_path / "tmp"  # the environment was made there
        assert list((tmp_path / "tmp").iterdir()) == []  # and is gone


def run_quote_tests(tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    """Run tests/test_quotes.py in a fresh pytest with the texts missing."""
    environment = {k: v for k, v in os.environ.items() if k != "CI" and not k.startswith("KZPK_")}
    environment["KZPK_SOURCES_DIR"] = str(tmp_path / "no-texts-here")
    if ci:
        environment["CI"] = "true"
    quotes = str(REPO / "tests" / "test_quotes.py")
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, quotes, "-k", "TestQuotes"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO,
        check=False,
    )


class TestQuotesInsist:
    """Without the texts, the quote tests skip on a developer's machine and fail on CI."""

    def test_fail_on_ci(self, tmp_path: Path) -> None:
        """With CI set, missing texts are a failure naming where they were looked for."""
        done = run_quote_tests(tmp_path, ci=True)
        assert done.returncode == 1, done.stdout
        assert "source texts missing at" in done.stdout
        assert "no-texts-here" in done.stdout

    def test_skip_elsewhere(self, tmp_path: Path) -> None:
        """Without CI, missing texts skip the quote tests, saying how to give them."""
        done = run_quote_tests(tmp_path, ci=False)
        assert done.returncode == 0, done.stdout
        assert "2 skipped" in done.stdout
        assert "no-texts-here; set KZPK_SOURCES_DIR" in done.stdout
