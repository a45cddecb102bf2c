"""Shared fixtures: hypothesis profiles, settings reset, paths to the source texts."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import kzpk

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO = Path(__file__).resolve().parents[1]
#: Read before any test runs: the autouse fixture clears every KZPK_ variable.
_SOURCES_DIR = os.environ.get("KZPK_SOURCES_DIR")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the test run's dataset snapshots out of the user's own cache directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(autouse=True)
def _reset_configuration(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Give every test the default configuration and no ``KZPK_`` variables."""
    for name in list(os.environ):
        if name.startswith("KZPK_"):
            monkeypatch.delenv(name)
    kzpk.configure(None)
    yield
    kzpk.configure(None)


def run_cli(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the ``kzpk`` command line in-process; return its status, stdout and stderr."""
    from kzpk.cli._main import main

    try:
        status = main(list(arguments))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def broken(tmp_path: Path, kind: str, change: Callable[[list[dict[str, object]]], object]) -> Path:
    """A copy of the packaged data with one file's records changed."""
    folder = tmp_path / "data"
    shutil.copytree(Path(kzpk.__file__).with_name("data"), folder)
    path = folder / f"{kind}.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    change(content[kind])
    path.write_text(json.dumps(content), encoding="utf-8")
    return folder


def sources_dir() -> Path:
    """Return the directory of the source texts (``KZPK_SOURCES_DIR`` or ``../shared/seeds``)."""
    return Path(_SOURCES_DIR) if _SOURCES_DIR else REPO.parent / "shared" / "seeds"
