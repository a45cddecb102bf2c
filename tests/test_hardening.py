"""Hostile data and hostile arguments: only kzpk's own errors (or TypeError) escape."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import kzpk
from kzpk.dataset._reading import INFO_FILE
from kzpk.model import KINDS

PACKAGED: dict[str, Any] = {
    name: json.loads((resources.files("kzpk") / "data" / name).read_text(encoding="utf-8"))
    for name in [INFO_FILE, *(f"{kind}.json" for kind in (k.name for k in KINDS))]
}
PROBLEM = re.compile(r"^[a-z_]+\.json: \$[^\s:]*: .+", re.DOTALL)
odd_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
    | st.just("")
    | st.just("\u202e\u0000\U0001f600"),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into *value*: the keys and indexes that lead to each of its parts."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


#: Each packaged file's text and the paths into it, worked out once for every mutation.
TEXTS = {name: json.dumps(document, ensure_ascii=False) for name, document in PACKAGED.items()}
LOCATIONS = {name: _locations(document) for name, document in PACKAGED.items()}


def _copied_along(document: Any, where: tuple[Any, ...]) -> tuple[Any, Any]:
    """A copy of *document* that shares all but the containers on the way to *where*.

    Returns the copy and the container that holds the part *where* leads to (the copy itself
    where *where* is empty). Only those containers change, so nothing else needs copying.
    """
    top = copy.copy(document)
    parent = top
    for step in where[:-1]:
        parent[step] = copy.copy(parent[step])
        parent = parent[step]
    return top, parent


def _write_files(root: Path, name: str, text: str) -> None:
    """Write the packaged files into *root*, with *text* in place of file *name*."""
    for file, packaged in TEXTS.items():
        (root / file).write_text(text if file == name else packaged, encoding="utf-8")


_STAGE: list[Path] = []


@contextlib.contextmanager
def _staged(name: str, text: str) -> Iterator[Path]:
    """A folder of the packaged files with *text* in place of file *name*, for a while.

    The folder is written once per test run; each use rewrites one file and puts it back.
    """
    if not _STAGE:
        _STAGE.append(Path(tempfile.mkdtemp(prefix="kzpk-fuzz-")))
        _write_files(_STAGE[0], "", "")
    root = _STAGE[0]
    (root / name).write_text(text, encoding="utf-8")
    try:
        yield root
    finally:
        (root / name).write_text(TEXTS[name], encoding="utf-8")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, str]:
    """A data file name, its text after one hostile change, and the change."""
    name = draw(st.sampled_from(sorted(PACKAGED)))
    action = draw(
        st.sampled_from(["replace", "drop", "add", "duplicate", "truncate", "nan", "huge"])
    )
    if action == "truncate":
        text = TEXTS[name]
        return name, text[: draw(st.integers(0, max(0, len(text) - 1)))], action
    if action == "nan":
        text, count = re.subn(r"(?<=: )-?\d+\.\d+(?=[,}\]])", "NaN", TEXTS[name], count=1)
        return name, text, action if count else "none"
    where = draw(st.sampled_from(LOCATIONS[name]))
    document, parent = _copied_along(PACKAGED[name], where)
    if not where:
        document = draw(odd_json)
    elif action == "replace":
        parent[where[-1]] = draw(odd_json | st.sampled_from([-1, -1e308, 10**400, 1e308]))
    elif action == "huge":
        parent[where[-1]] = draw(st.sampled_from([10**30, -(10**30), 1e300, -0.0]))
    elif action == "drop" and isinstance(parent, dict | list):
        del parent[where[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=6).filter(lambda k: k not in parent))] = draw(
            odd_json
        )
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[where[-1]]))
    else:
        action = "none"
    return name, json.dumps(document, ensure_ascii=False), action


class TestFuzzedLoader:
    """Whatever the files hold, load() returns a dataset or raises DatasetError with paths."""

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated())
    def test_only_dataset_error_and_validate_finds_as_much(
        self, change: tuple[str, str, str]
    ) -> None:
        """Every mutation loads or raises DatasetError naming file and path.

        ``kzpk.validate`` reports at least what ``load`` reports, in the same form.
        """
        from kzpk.dataset._validation import validate

        name, text, action = change
        with _staged(name, text) as root:
            loaded: tuple[str, ...] = ()
            try:
                kzpk.load(root)
            except kzpk.DatasetError as error:
                loaded = tuple(map(str, error.problems))
            validated: tuple[str, ...] = ()
            try:
                validate(root)
            except kzpk.DatasetError as error:
                validated = tuple(map(str, error.problems))
        assert all(PROBLEM.match(p) for p in loaded), loaded
        if action in {"add", "truncate", "nan"}:
            assert loaded, f"{action} in {name} was accepted"
        assert set(loaded) <= set(validated)
        assert bool(loaded) == bool(validated)
        assert all(PROBLEM.match(p) for p in validated), validated

    @pytest.mark.parametrize(
        ("document", "found"),
        [
            ("null", "null"),
            ("{}", "{}"),
            ("[]", "an array"),
            ('"claims"', "a string"),
            ("3", "a number"),
            ('{"claims": [], "x": 1}', "an object with keys 'claims', 'x'"),
        ],
    )
    def test_file_of_another_shape(self, tmp_path: Path, document: str, found: str) -> None:
        """A data file that is valid JSON of the wrong shape (even ``null``) is a problem."""
        _write_files(tmp_path, "claims.json", document)
        with pytest.raises(kzpk.DatasetError) as raised:
            kzpk.load(tmp_path)
        assert tuple(map(str, raised.value.problems)) == (
            f'claims.json: $: expected an object {{"claims": [...]}}, found {found}',
        )


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dates(),
    st.decimals(),
)


class TestHostileArguments:
    """Public helpers raise KzpkError (or TypeError for a wrong type), nothing else."""

    @given(junk, junk)
    def test_agreements(self, a: Any, b: Any) -> None:
        """agreements() with junk filters answers or raises our errors."""
        with contextlib.suppress(kzpk.KzpkError, TypeError):
            kzpk.agreements(a, kind=b)

    @given(junk, junk, junk)
    def test_trade_gap(self, current: Any, target: Any, years: Any) -> None:
        """trade_gap() with junk inputs either answers or raises our errors."""
        with contextlib.suppress(kzpk.KzpkError, TypeError):
            kzpk.trade_gap(current, target, years=years)

    @given(junk, junk, junk)
    def test_build_route(self, origin: Any, destination: Any, avoid: Any) -> None:
        """build_route() with junk places and filters."""
        with pytest.raises((kzpk.KzpkError, TypeError)):
            kzpk.build_route(origin, destination, avoid_countries=avoid)

    @given(junk)
    def test_lookups(self, value: Any) -> None:
        """sector(), cite(), mirror(), trade_figures() and years_to_target() with junk."""
        for call in (kzpk.sector, kzpk.cite, kzpk.mirror, kzpk.trade_figures):
            with contextlib.suppress(kzpk.KzpkError, TypeError):
                call(value)
        with contextlib.suppress(kzpk.KzpkError, TypeError):
            kzpk.years_to_target(value, value, value)


class TestNoSharedState:
    """What one caller does cannot change what the next gets."""

    def test_results_are_immutable(self) -> None:
        """Results are tuples of frozen records; the dataset is unchanged by use."""
        first = kzpk.agreements("energy")
        with pytest.raises(TypeError):
            first[0] = first[0]  # type: ignore[index]
        assert kzpk.agreements("energy") == first
        routes = kzpk.build_route("Almaty", "Karachi")
        routes[0].to_geojson()["features"].clear()
        assert kzpk.build_route("Almaty", "Karachi")[0].to_geojson()["features"]


class TestReportedTracebacks:
    """The inputs issue 17 found raising tracebacks now answer or raise our errors."""

    def test_huge_current(self) -> None:
        """trade_gap(current=10**60) is an InvalidInputError naming the range."""
        with pytest.raises(kzpk.InvalidInputError, match="between"):
            kzpk.trade_gap(current=10**60)

    def test_tiny_rate(self) -> None:
        """years_to_target at a rate of 1e-300 answers (about 1.39e300 years)."""
        assert kzpk.years_to_target("250m", "1bn", 1e-300) > Decimal("1e300")

    def test_party_list(self) -> None:
        """agreements(party=[...]) is a TypeError naming the argument."""
        with pytest.raises(TypeError, match="party must be a name"):
            kzpk.agreements(party=["KZ"])  # type: ignore[arg-type]

    def test_negative_amount_formats(self) -> None:
        """format_usd(-5) formats."""
        assert kzpk.format_usd(-5) == "-$5"

    @given(st.decimals(allow_nan=False, allow_infinity=False))
    def test_format_usd_any_finite(self, amount: Decimal) -> None:
        """format_usd formats every finite Decimal, keeping its sign."""
        text = kzpk.format_usd(amount)
        assert text.startswith("-$") == (amount < 0)
        assert text.removeprefix("-").startswith("$")

    @given(junk, junk, junk)
    def test_years_to_target(self, current: Any, target: Any, rate: Any) -> None:
        """years_to_target() with junk answers or raises our errors, never ArithmeticError."""
        with contextlib.suppress(kzpk.KzpkError, TypeError):
            kzpk.years_to_target(current, target, rate)
