"""Settings: defaults without pydantic, KZPK_ variables through it, the same values both ways."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import kzpk


class TestResolution:
    """Where the active configuration comes from."""

    def test_defaults_without_environment(self) -> None:
        """With no KZPK_ variables the defaults are active."""
        assert kzpk.current_config() == kzpk.Config()

    def test_environment_read(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """KZPK_ variables set the matching fields."""
        monkeypatch.setenv("KZPK_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("KZPK_AS_OF", "2026-06-30")
        monkeypatch.setenv("KZPK_SPEED_RAIL_KMH", "30")
        config = kzpk.current_config()
        assert config.data_dir == tmp_path
        assert config.as_of == dt.date(2026, 6, 30)
        assert config.speed_rail_kmh == 30.0

    def test_configure_wins_and_resets(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """configure() overrides the environment until configure(None)."""
        monkeypatch.setenv("KZPK_SPEED_ROAD_KMH", "50")
        chosen = kzpk.Config(speed_road_kmh=60.0)
        kzpk.configure(chosen)
        assert kzpk.current_config() is chosen
        assert kzpk.current_config().speed_road_kmh == 60.0
        kzpk.configure(None)
        assert kzpk.current_config().speed_road_kmh == 50.0

    def test_configure_with_settings(self) -> None:
        """A pydantic Settings object can be made active."""
        kzpk.configure(kzpk.Settings(open_horizon_years=5))
        assert kzpk.current_config().open_horizon_years == 5.0

    def test_configure_rejects_other_types(self) -> None:
        """configure() takes Settings or Config only."""
        with pytest.raises(TypeError, match="configure"):
            kzpk.configure({"speed_rail_kmh": 1})  # type: ignore[arg-type]


class TestSameValuesBothWays:
    """The light path and the pydantic path agree."""

    def test_field_names_match(self) -> None:
        """Settings has exactly the fields of Config."""
        assert set(kzpk.Settings.model_fields) == {f.name for f in attrs.fields(kzpk.Config)}

    def test_defaults_match(self) -> None:
        """Settings() with no environment equals the light default Config()."""
        assert kzpk.Settings().to_config() == kzpk.Config()


class TestBadSettings:
    """Bad values give one KzpkError naming the variable."""

    @pytest.mark.parametrize(
        ("name", "value"),
        [("KZPK_SPEED_RAIL_KMH", "-3"), ("KZPK_SPEED_AIR_KMH", "nan"), ("KZPK_AS_OF", "soon")],
    )
    def test_bad_environment(self, monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
        """A bad variable raises InvalidInputError naming it."""
        monkeypatch.setenv(name, value)
        with pytest.raises(kzpk.InvalidInputError, match=name):
            kzpk.current_config()

    def test_unknown_argument(self) -> None:
        """An unknown keyword is an error, not ignored."""
        with pytest.raises(kzpk.InvalidInputError, match="KZPK_SPEED_RAIL"):
            kzpk.Settings(speed_rail=3)


class TestImportCost:
    """import kzpk stays light."""

    def test_heavy_modules_not_imported(self) -> None:
        """Importing kzpk pulls in neither cattrs, pydantic nor networkx."""
        assert imported_after("import kzpk") == []

    def test_first_answer_without_pydantic(self, tmp_path: Path) -> None:
        """Answering a question without KZPK_ variables imports neither pydantic nor networkx.

        The first interpreter structures the data with cattrs and keeps a snapshot; the
        next one starts from the snapshot and needs no cattrs either.
        """
        first_answer = (
            "import kzpk, pathlib; "
            f"kzpk.configure(kzpk.Config(cache_dir=pathlib.Path({str(tmp_path)!r}))); "
            "kzpk.agreements()"
        )
        assert imported_after(first_answer) == ["cattrs"]
        assert imported_after(first_answer) == []

    def test_first_answer_without_cache(self, tmp_path: Path) -> None:
        """With the cache turned off, every interpreter structures the data afresh."""
        uncached = (
            "import kzpk, pathlib; "
            f"kzpk.configure(kzpk.Config(cache=False, cache_dir=pathlib.Path({str(tmp_path)!r}))); "
            "kzpk.agreements()"
        )
        for _ in range(2):
            assert imported_after(uncached) == ["cattrs"]
        assert list(tmp_path.iterdir()) == []


def imported_after(code: str) -> list[str]:
    """Which heavy modules a fresh interpreter has imported after running *code*."""
    probe = (
        f"{code}; import sys; print(','.join(m for m in "
        "('cattrs', 'pydantic', 'pydantic_settings', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    return [m for m in out.stdout.strip().split(",") if m]
