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


class TestConfigChecked:
    """Config rejects values kzpk cannot use when it is made, naming the field."""

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("speed_rail_kmh", 0),
            ("speed_road_kmh", -40.0),
            ("speed_air_kmh", float("nan")),
            ("speed_sea_kmh", float("inf")),
            ("speed_pipeline_kmh", "fast"),
            ("border_hours_rail", -1),
            ("port_hours", True),
            ("mode_change_penalty_km", -0.5),
            ("open_horizon_years", 0),
            ("open_horizon_years", None),
            ("as_of", "2026-06-30"),
            ("cache", "no"),
            ("cache_dir", 3),
        ],
    )
    def test_bad_value_raises(self, field: str, value: object) -> None:
        """A bad value raises InvalidInputError whose message starts with the field's name."""
        with pytest.raises(kzpk.InvalidInputError, match=f"^{field}: "):
            kzpk.Config(**{field: value})  # type: ignore[arg-type]

    def test_zero_rail_speed(self) -> None:
        """Config(speed_rail_kmh=0) fails at once, not later inside the route builder."""
        with pytest.raises(kzpk.InvalidInputError, match="greater than 0"):
            kzpk.Config(speed_rail_kmh=0)

    def test_missing_directories(self, tmp_path: Path) -> None:
        """data_dir and sources_dir must exist; cache_dir is created when needed."""
        missing = tmp_path / "absent"
        for field in ("data_dir", "sources_dir"):
            with pytest.raises(kzpk.InvalidInputError, match=f"{field}: must be an existing"):
                kzpk.Config(**{field: missing})  # type: ignore[arg-type]
        assert kzpk.Config(cache_dir=missing).cache_dir == missing

    def test_good_values_kept(self) -> None:
        """None overrides, zero dwell and positive speeds are accepted as given."""
        config = kzpk.Config(speed_rail_kmh=25, border_hours_road=0.0, speed_sea_kmh=None)
        assert (config.speed_rail_kmh, config.border_hours_road) == (25, 0.0)
        assert config.speed_sea_kmh is None

    def test_evolve_checks_too(self) -> None:
        """attrs.evolve goes through the same checks."""
        with pytest.raises(kzpk.InvalidInputError, match="port_hours"):
            attrs.evolve(kzpk.Config(), port_hours=-2)

    def test_configure_changes(self) -> None:
        """configure(**changes) applies checked changes to the defaults."""
        kzpk.configure(speed_road_kmh=45)
        assert kzpk.current_config() == kzpk.Config(speed_road_kmh=45)
        with pytest.raises(kzpk.InvalidInputError, match="speed_road_kmh: must be greater"):
            kzpk.configure(speed_road_kmh=0)
        with pytest.raises(kzpk.InvalidInputError, match="no setting speed_road; the settings"):
            kzpk.configure(speed_road=45)
        assert kzpk.current_config().speed_road_kmh == 45


class TestSameValuesBothWays:
    """The light path and the pydantic path agree."""

    def test_field_names_match(self) -> None:
        """Settings has exactly the fields of Config."""
        assert set(kzpk.Settings.model_fields) == {f.name for f in attrs.fields(kzpk.Config)}

    def test_defaults_match(self) -> None:
        """Settings() with no environment equals the light default Config()."""
        assert kzpk.Settings().to_config() == kzpk.Config()

    @pytest.mark.parametrize(
        ("field", "value"),
        [("speed_rail_kmh", 0.0), ("border_hours_other", -1.0), ("open_horizon_years", 0.0)],
    )
    def test_same_rules(self, field: str, value: float) -> None:
        """A value Config rejects, Settings rejects too, naming the variable and the field."""
        with pytest.raises(kzpk.InvalidInputError, match=f"^{field}: "):
            kzpk.Config(**{field: value})  # type: ignore[arg-type]
        variable = f"KZPK_{field.upper()}"
        with pytest.raises(kzpk.InvalidInputError, match=rf"{variable} \({field}: "):
            kzpk.Settings(**{field: value})

    def test_every_problem_listed(self) -> None:
        """Several bad settings are reported together."""
        with pytest.raises(kzpk.InvalidInputError, match=r"KZPK_SPEED_SEA_KMH.*KZPK_PORT_HOURS"):
            kzpk.Settings(speed_sea_kmh=-1, port_hours=-1)


class TestBadSettings:
    """Bad values give one KzpkError naming the variable."""

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("KZPK_SPEED_RAIL_KMH", "-3"),
            ("KZPK_SPEED_RAIL_KMH", "0"),
            ("KZPK_SPEED_AIR_KMH", "nan"),
            ("KZPK_AS_OF", "soon"),
            ("KZPK_GAUGE_CHANGE_HOURS", "-1"),
            ("KZPK_OPEN_HORIZON_YEARS", "0"),
            ("KZPK_DATA_DIR", "/no/such/kzpk/data"),
            ("KZPK_CACHE", "perhaps"),
        ],
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

    def test_star_import_light(self) -> None:
        """``from kzpk import *`` imports no pydantic-settings; kzpk.Settings still works."""
        assert imported_after("from kzpk import *") == []
        assert imported_after("import kzpk; kzpk.Settings") == ["pydantic", "pydantic_settings"]

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
    """Which heavy modules a fresh interpreter importing this kzpk has after running *code*."""
    probe = (
        f"{code}; import sys; print(','.join(m for m in "
        "('cattrs', 'pydantic', 'pydantic_settings', 'networkx') if m in sys.modules))"
    )
    environment = {"PATH": "", "PYTHONPATH": str(Path(kzpk.__file__).parents[1])}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=environment
    )
    return [m for m in out.stdout.strip().split(",") if m]
