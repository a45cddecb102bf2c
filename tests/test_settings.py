"""Settings: defaults without pydantic, KZPK_ variables through it, the same values both ways."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import math
import re
import subprocess
import sys
import typing
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest

import kzpk
from conftest import REPO
from kzpk.config import _config
from kzpk.config._fields import SETTING, Range


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
        with pytest.raises(kzpk.InvalidInputError, match="at least 1 and below 1,000 km/h"):
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
        with pytest.raises(kzpk.InvalidInputError, match="speed_road_kmh: must be at least 1"):
            kzpk.configure(speed_road_kmh=0)
        with pytest.raises(
            kzpk.InvalidInputError, match="no setting speed_road \\(did you mean 'speed_road_kmh'"
        ):
            kzpk.configure(speed_road=45)  # type: ignore[call-arg]
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
        """A value Config rejects, Settings rejects too, naming the variable in the same words."""
        with pytest.raises(kzpk.InvalidInputError, match=f"^{field}: must be ") as config:
            kzpk.Config(**{field: value})  # type: ignore[arg-type]
        variable = f"KZPK_{field.upper()}"
        with pytest.raises(kzpk.InvalidInputError) as settings:
            kzpk.Settings(**{field: value})  # type: ignore[arg-type]
        words = str(config.value).removeprefix(f"{field}: ")
        assert str(settings.value) == f"invalid settings: {variable} {words}"

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
            kzpk.Settings(speed_rail=3)  # type: ignore[call-arg]


NUMBERS = [
    field
    for field in attrs.fields(kzpk.Config)
    if isinstance(field.metadata[SETTING].values, Range)
]


def declared_range(field: attrs.Attribute[Any]) -> Range:
    """The range *field* declares."""
    values = field.metadata[SETTING].values
    assert isinstance(values, Range)
    return values


class TestFiniteBounds:
    """Every number setting has a finite range, checked wherever it is given."""

    def test_every_number_bounded(self) -> None:
        """Each number field declares a finite range; the issue's bounds are those declared."""
        assert {f.name for f in NUMBERS} == {
            f.name for f in attrs.fields(kzpk.Config) if f.metadata[SETTING].kind == "number"
        }
        assert all(math.isfinite(declared_range(f).high) for f in NUMBERS)
        fields = attrs.fields_dict(kzpk.Config)
        assert declared_range(fields["speed_rail_kmh"]) == Range(1, 1000, "km/h")
        assert declared_range(fields["port_hours"]).high == 10_000
        assert declared_range(fields["mode_change_penalty_km"]).high == 100_000
        horizon = declared_range(fields["open_horizon_years"])
        assert (horizon.low, horizon.high) == (0.1, 100)

    @pytest.mark.parametrize("field", NUMBERS, ids=lambda f: f.name)
    def test_ends(self, field: attrs.Attribute[Any]) -> None:
        """Each end is taken or refused as declared, and values beyond it are refused.

        Whether a value is taken is decided here from the declared ends, not by asking the
        range (which is what Config asks): just past either end and ±1e308 are refused; a
        hair above zero is taken exactly when the range starts at zero.
        """
        values = declared_range(field)
        assert values.low == 0 or values.low >= 0.1  # so 1e-300 lies inside iff low is 0
        ends = [(values.low, values.low_in), (values.high, values.high_in)]
        beyond = [values.low - 1e-9, values.high * (1 + 1e-9), -1e308, 1e308]
        for value, taken in [*ends, *((v, False) for v in beyond), (1e-300, values.low == 0)]:
            change: dict[str, Any] = {field.name: value}
            if taken:
                assert getattr(kzpk.Config(**change), field.name) == value
                continue
            with pytest.raises(kzpk.InvalidInputError, match=f"^{field.name}: must be "):
                kzpk.Config(**change)
            with pytest.raises(kzpk.InvalidInputError, match=f"^{field.name}: must be "):
                kzpk.configure(**change)

    @pytest.mark.parametrize(
        ("name", "value", "words"),
        [
            ("KZPK_MODE_CHANGE_PENALTY_KM", "1e308", "at least 0 and below 100,000 km"),
            ("KZPK_OPEN_HORIZON_YEARS", "1e-300", "at least 0.1 and at most 100 years"),
            ("KZPK_SPEED_RAIL_KMH", "1e-300", "at least 1 and below 1,000 km/h"),
            ("KZPK_ROAD_DRIVING_HOURS", "0.001", "at least 1 and at most 24 hours"),
            ("KZPK_PORT_HOURS", "1e6", "at least 0 and below 10,000 hours"),
        ],
    )
    def test_former_crashes_named(
        self, monkeypatch: pytest.MonkeyPatch, name: str, value: str, words: str
    ) -> None:
        """Values that crashed a route or a scenario are refused in one line naming them."""
        monkeypatch.setenv(name, value)
        expected = f"invalid settings: {name} must be {words}, not {float(value)!r}"
        for call in (
            kzpk.current_config,
            kzpk.trade_scenarios,
            lambda: kzpk.build_route("Almaty", "Karachi"),
        ):
            with pytest.raises(kzpk.InvalidInputError) as error:
                call()
            assert str(error.value) == expected

    @pytest.mark.parametrize("end", ["low", "high"])
    def test_extremes_answer(self, end: str) -> None:
        """At either end of every range, routes and scenarios still answer, finitely."""
        chosen: dict[str, Any] = {}
        for field in NUMBERS:
            values = declared_range(field)
            value = values.low if end == "low" else values.high
            if not (values.low_in if end == "low" else values.high_in):
                value = math.nextafter(value, values.high if end == "low" else values.low)
            chosen[field.name] = value
        kzpk.configure(kzpk.Config(**chosen))
        for optimize in ("distance", "time"):
            route = kzpk.build_route("Almaty", "Karachi", optimize=optimize, alternatives=1)[0]
            assert math.isfinite(route.hours)
            assert math.isfinite(route.distance_km)
        assert kzpk.trade_scenarios()


class TestUnknownVariables:
    """A KZPK_ variable that is no setting is named in a warning, never ignored in silence."""

    @pytest.fixture(autouse=True)
    def _fresh(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """No variable warned about yet, and no environment read yet."""
        monkeypatch.setattr(_config, "_warned", set())
        monkeypatch.setattr(_config, "_checked", frozenset())

    def test_close_name_suggested(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A misspelt variable names the closest setting, once per process."""
        monkeypatch.setenv("KZPK_SPEED_RAIL", "30")
        expected = "KZPK_SPEED_RAIL is not a kzpk setting; did you mean KZPK_SPEED_RAIL_KMH?"
        with pytest.warns(UserWarning, match=f"^{re.escape(expected)}$"):
            assert kzpk.current_config() == kzpk.Config()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            kzpk.current_config()

    def test_a_name_set_in_place_of_another_is_warned(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The environment is read again whenever its names change, even to as many names."""
        monkeypatch.setenv("KZPK_SPEED_RAIL", "30")
        with pytest.warns(UserWarning, match="KZPK_SPEED_RAIL is not"):
            kzpk.current_config()
        monkeypatch.delenv("KZPK_SPEED_RAIL")
        monkeypatch.setenv("KZPK_SPEED_ROAD", "30")
        with pytest.warns(UserWarning, match="KZPK_SPEED_ROAD is not") as caught:
            kzpk.current_config()
        assert len(caught) == 1

    def test_warned_on_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Loading the data (which reads only the data directory's variable) warns too."""
        monkeypatch.setenv("KZPK_DATADIR", str(REPO))
        with pytest.warns(UserWarning, match="did you mean KZPK_DATA_DIR"):
            kzpk.load()

    def test_far_name_lists_settings(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A variable like no setting lists them all."""
        monkeypatch.setenv("KZPK_COLOUR", "blue")
        with pytest.warns(
            UserWarning, match="KZPK_COLOUR is not a kzpk setting; the settings are KZPK_DATA_DIR, "
        ):
            kzpk.current_config()

    def test_unknown_keyword_of_settings(self) -> None:
        """Settings(speed_rail=3) names the closest setting too."""
        with pytest.raises(kzpk.InvalidInputError, match="did you mean KZPK_SPEED_RAIL_KMH"):
            kzpk.Settings(speed_rail=3)  # type: ignore[call-arg]


class TestOneDeclaration:
    """The README's table and kzpk.Settings are made from Config's declarations."""

    def test_readme_table(self) -> None:
        """The settings table in README.md lists every variable as Config declares it."""
        expected = [
            "| variable | meaning | values | default |",
            "| --- | --- | --- | --- |",
            *(
                f"| `KZPK_{f.name.upper()}` | {f.metadata[SETTING].meaning} | "
                f"{f.metadata[SETTING].words()} | {f.metadata[SETTING].default} |"
                for f in attrs.fields(kzpk.Config)
            ),
        ]
        readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        start = readme.index(expected[0])
        assert readme[start : start + len(expected) + 1] == [*expected, ""]
        assert "`KZPK_ROAD_DRIVING_HOURS`" in "\n".join(readme[start:])

    def test_settings_describe_fields(self) -> None:
        """Each field of kzpk.Settings has its meaning, values and default as description."""
        for field in attrs.fields(kzpk.Config):
            description = kzpk.Settings.model_fields[field.name].description
            assert description is not None
            assert field.metadata[SETTING].meaning in description
            assert field.metadata[SETTING].words() in description


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


class TestTypedViews:
    """Config's fields are the one declaration; the typed views of them agree."""

    def test_changes_are_configs_fields(self) -> None:
        """configure()'s typed keywords are Config's fields with Config's types."""
        from pathlib import Path

        from kzpk.config._config import ConfigChanges

        namespace = {"Path": Path, "dt": dt}
        typed = typing.get_type_hints(ConfigChanges, localns=namespace)
        declared = typing.get_type_hints(kzpk.Config, localns=namespace)
        assert typed == declared

    def test_settings_stub_is_configs_fields(self) -> None:
        """The Settings type checkers see declares Config's fields, types and defaults."""
        source = Path(inspect.getfile(kzpk.Settings)).read_text(encoding="utf-8")
        stub = next(
            node
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ClassDef) and node.name == "Settings"
        )
        declared = {
            node.target.id: (ast.unparse(node.annotation), ast.literal_eval(node.value or ""))
            for node in stub.body
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        }
        fields = attrs.fields(kzpk.Config)
        assert list(declared) == [f.name for f in fields]
        assert {name: default for name, (_, default) in declared.items()} == {
            f.name: f.default for f in fields
        }
        assert {name: kind for name, (kind, _) in declared.items()} == {
            f.name: str(f.type) for f in fields
        }


class TestScopedConfiguration:
    """``with kzpk.configure(...)`` restores what was active before."""

    def test_block_restores_previous(self) -> None:
        """Inside the block the change holds; after it, the earlier configuration is back."""
        kzpk.configure(port_hours=5)
        before = kzpk.current_config()
        with kzpk.configure(port_hours=9) as active:
            assert active.port_hours == 9
            assert kzpk.current_config() is active
        assert kzpk.current_config() is before

    def test_restores_after_an_error(self) -> None:
        """An exception inside the block still restores the configuration."""
        with pytest.raises(RuntimeError), kzpk.configure(as_of=dt.date(2030, 1, 1)):
            raise RuntimeError
        assert kzpk.current_config().as_of is None

    def test_statement_form_holds(self) -> None:
        """Used as a statement, configure() changes the configuration until changed again."""
        kzpk.configure(port_hours=7)
        assert kzpk.current_config().port_hours == 7
