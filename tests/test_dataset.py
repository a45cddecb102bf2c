"""The loader: all-or-nothing, every problem named with file and JSON path, cached once."""

from __future__ import annotations

import gc
import json
import shutil
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kzpk
from kzpk.dataset import _dataset
from kzpk.dataset._derived import Derived
from kzpk.exports._tables import tables
from kzpk.model import KINDS

Json = dict[str, Any]

CITE = [{"source": "src-a", "quote": "a quote"}]
MINIMAL: dict[str, list[Json]] = {
    "sources": [
        {"id": "src-a", "kind": "article", "title": "A", "file": "a.txt"},
        {"id": "src-b", "kind": "article", "title": "B", "file": "b.txt"},
    ],
    "countries": [{"code": "KZ", "name": "Kazakhstan", "citations": CITE}],
    "places": [
        {
            "id": "almaty",
            "name": "Almaty",
            "kind": "city",
            "country": "KZ",
            "latitude": 43.24,
            "longitude": 76.89,
            "citations": CITE,
        },
    ],
    "sectors": [
        {"id": "energy", "name": "Energy", "citations": CITE},
        {"id": "gas", "name": "Gas", "parent": "energy", "citations": CITE},
    ],
    "agreements": [
        {
            "id": "gas-deal",
            "title": "Gas deal",
            "kind": "agreement",
            "sectors": ["gas"],
            "parties": ["KZ"],
            "citations": CITE,
        },
    ],
    "trade_figures": [
        {
            "id": "level",
            "reporter": "KZ",
            "flow": "turnover",
            "value": "250000000",
            "basis": "official-statement",
            "period": {"start": "2026-02-04", "end": "2026-02-04"},
            "citations": CITE,
        },
    ],
    "claims": [
        {
            "id": "count",
            "question": "How many?",
            "variants": [
                {"value": "1", "citations": CITE},
                {"value": "2", "citations": [{"source": "src-b", "quote": "b"}]},
            ],
        },
    ],
}


def write_dataset(root: Path, collections: dict[str, list[Json]] | None = None) -> Path:
    """Write a small valid dataset (or *collections*) to *root* and return it."""
    data = MINIMAL if collections is None else collections
    root.mkdir(parents=True, exist_ok=True)
    info = {"title": "test", "version": "0.0.1", "as_of": "2026-11-23", "license": "CC0"}
    (root / "dataset.json").write_text(json.dumps(info))
    for kind in (k.name for k in KINDS):
        (root / f"{kind}.json").write_text(json.dumps({kind: data.get(kind, [])}))
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A directory holding a small valid dataset."""
    return write_dataset(tmp_path / "data")


def edit(root: Path, kind: str, change: Callable[[Json], object]) -> None:
    """Apply *change* to the parsed ``<kind>.json`` of *root* and write it back."""
    path = root / f"{kind}.json"
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def problems(root: Path) -> tuple[str, ...]:
    """Load *root*, expecting failure; return the problems listed, as words."""
    with pytest.raises(kzpk.DatasetError) as caught:
        kzpk.load(root)
    assert isinstance(caught.value, kzpk.KzpkError)
    return tuple(map(str, caught.value.problems))


class TestValidData:
    """Valid directories load completely."""

    def test_minimal_loads(self, data_dir: Path) -> None:
        """A small valid dataset loads with every record."""
        dataset = kzpk.load(data_dir)
        assert [a.id for a in dataset.agreements] == ["gas-deal"]
        assert dataset.version == "0.0.1"
        assert dataset.lookup("almaty").name == "Almaty"  # type: ignore[union-attr]

    def test_packaged_data_loads(self) -> None:
        """The data shipped with kzpk loads and has a version and an as-of date."""
        dataset = kzpk.load()
        assert dataset.version
        assert dataset.info.as_of.year >= 2026

    def test_as_of_covers_the_records(self) -> None:
        """No event, status update or source is dated after the dataset's as-of day."""
        dataset = kzpk.load()
        as_of = dataset.info.as_of
        assert all(e.when.start <= as_of for e in dataset.events)
        assert all(u.as_of <= as_of for c in dataset.commitments for u in c.history)
        assert all(s.published is None or s.published <= as_of for s in dataset.sources)
        assert all(s.retrieved is None or s.retrieved <= as_of for s in dataset.sources)

    def test_version_is_calendar_versioned(self) -> None:
        """The packaged version is YYYY.MM.N and its month is the as-of month."""
        info = kzpk.load().info
        year, month, _ = info.version.split(".")
        assert (int(year), int(month)) == (info.as_of.year, info.as_of.month)

    def test_get_never_raises(self, data_dir: Path) -> None:
        """get() returns the default for an unknown id."""
        dataset = kzpk.load(data_dir)
        assert dataset.get("nowhere") is None
        assert dataset.get("nowhere", "x") == "x"

    def test_lookup_suggests(self, data_dir: Path) -> None:
        """lookup() of a misspelt id raises NotFoundError (a LookupError) with a suggestion."""
        dataset = kzpk.load(data_dir)
        with pytest.raises(LookupError, match=r"did you mean 'Almaty' \(place almaty\)"):
            dataset.lookup("almatty")


class TestProblems:
    """Each kind of bad data gives a DatasetError naming file and path."""

    def test_malformed_json(self, data_dir: Path) -> None:
        """Broken JSON names the file, line and column."""
        (data_dir / "places.json").write_text('{"places": [')
        (found,) = problems(data_dir)
        assert found.startswith("places.json: $: malformed JSON at line 1")

    def test_truncated_file_among_good_ones(self, data_dir: Path) -> None:
        """Only the broken file is blamed."""
        text = (data_dir / "agreements.json").read_text()
        (data_dir / "agreements.json").write_text(text[: len(text) // 2])
        assert [p.split(":")[0] for p in problems(data_dir)] == ["agreements.json"]

    def test_missing_file(self, data_dir: Path) -> None:
        """A missing file is named."""
        (data_dir / "sectors.json").unlink()
        assert problems(data_dir) == ("sectors.json: $: file is missing",)

    def test_directory_instead_of_file(self, data_dir: Path) -> None:
        """A directory where a file should be is named."""
        (data_dir / "links.json").unlink()
        (data_dir / "links.json").mkdir()
        assert problems(data_dir) == ("links.json: $: is a directory, not a file",)

    def test_unreadable_file(self, data_dir: Path) -> None:
        """A file that cannot be read (here a symlink loop) is named."""
        (data_dir / "events.json").unlink()
        (data_dir / "events.json").symlink_to(data_dir / "events.json")
        (found,) = problems(data_dir)
        assert found.startswith("events.json: $: cannot be read")

    def test_not_utf8(self, data_dir: Path) -> None:
        """Bytes that are not UTF-8 are named."""
        (data_dir / "facts.json").write_bytes(b'{"facts": ["\xff"]}')
        (found,) = problems(data_dir)
        assert found.startswith("facts.json: $: not UTF-8")

    def test_wrong_top_level(self, data_dir: Path) -> None:
        """A file must be an object with one key named after it."""
        (data_dir / "people.json").write_text('{"persons": []}')
        (found,) = problems(data_dir)
        assert found.startswith('people.json: $: expected an object {"people": [...]}')

    def test_wrong_type(self, data_dir: Path) -> None:
        """A wrong type names the field's path."""
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude="43"))
        (found,) = problems(data_dir)
        assert found.startswith("places.json: $.places[0].latitude: expected a number")

    def test_record_not_an_object(self, data_dir: Path) -> None:
        """A record that is not an object is named by index."""
        edit(data_dir, "places", lambda d: d["places"].append("Astana"))
        (found,) = problems(data_dir)
        assert found.startswith("places.json: $.places[1]: expected an object")

    def test_unknown_key(self, data_dir: Path) -> None:
        """Unknown keys are errors, named."""
        edit(data_dir, "places", lambda d: d["places"][0].update(population=1))
        assert problems(data_dir) == ("places.json: $.places[0]: unknown key(s) population",)

    def test_missing_key(self, data_dir: Path) -> None:
        """A required key that is missing is named."""
        edit(data_dir, "places", lambda d: d["places"][0].pop("name"))
        assert problems(data_dir) == ("places.json: $.places[0].name: required key missing",)

    def test_latitude_out_of_range(self, data_dir: Path) -> None:
        """Coordinates outside the globe are errors."""
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude=95))
        assert problems(data_dir) == (
            "places.json: $.places[0].latitude: 95.0 is out of range -90.0..90.0",
        )

    def test_negative_amount(self, data_dir: Path) -> None:
        """Money must be positive."""
        edit(data_dir, "trade_figures", lambda d: d["trade_figures"][0].update(value="-5"))
        assert problems(data_dir) == (
            "trade_figures.json: $.trade_figures[0].value: -5 must be greater than 0",
        )

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity(self, data_dir: Path, constant: str) -> None:
        """NaN and infinities are not numbers JSON allows."""
        path = data_dir / "places.json"
        path.write_text(path.read_text().replace("43.24", constant))
        (found,) = problems(data_dir)
        assert found.startswith("places.json: $: malformed JSON")
        assert constant in found

    def test_unknown_reference_suggests(self, data_dir: Path) -> None:
        """A dangling id names the path and the closest valid id."""
        edit(data_dir, "agreements", lambda d: d["agreements"][0].update(sectors=["enrgy"]))
        expected = (
            "agreements.json: $.agreements[0].sectors[0]: unknown sector 'enrgy' "
            "(did you mean 'energy'?)"
        )
        assert problems(data_dir) == (expected,)

    def test_citation_of_unknown_source(self, data_dir: Path) -> None:
        """Every citation must name a known source."""
        edit(data_dir, "places", lambda d: d["places"][0]["citations"][0].update(source="src-c"))
        (found,) = problems(data_dir)
        assert found.startswith("places.json: $.places[0].citations[0].source: unknown source")

    def test_duplicate_id_across_files(self, data_dir: Path) -> None:
        """Ids are unique across the whole dataset."""
        edit(data_dir, "sectors", lambda d: d["sectors"][0].update(id="almaty"))
        found = problems(data_dir)
        assert (
            "sectors.json: $.sectors[0].id: duplicate id 'almaty' (already used in "
            "places.json)" in found
        )

    def test_empty_string(self, data_dir: Path) -> None:
        """Empty names are errors."""
        edit(data_dir, "places", lambda d: d["places"][0].update(name="  "))
        assert problems(data_dir) == ("places.json: $.places[0].name: empty string",)

    def test_period_backwards(self, data_dir: Path) -> None:
        """A period may not end before it starts."""
        edit(
            data_dir,
            "trade_figures",
            lambda d: d["trade_figures"][0]["period"].update(end="2026-01-01"),
        )
        (found,) = problems(data_dir)
        assert found.startswith("trade_figures.json: $.trade_figures[0].period: ends")

    def test_sector_cycle(self, data_dir: Path) -> None:
        """Sector parents may not loop."""
        edit(data_dir, "sectors", lambda d: d["sectors"][0].update(parent="gas"))
        assert "sectors.json: $.sectors[0].parent: sector parents form a cycle" in problems(
            data_dir
        )

    def test_claim_needs_two_sources(self, data_dir: Path) -> None:
        """A claim is a disagreement: two variants from two sources."""
        edit(data_dir, "claims", lambda d: d["claims"][0]["variants"].pop())
        expected = (
            "claims.json: $.claims[0].variants: a claim needs at least two variants from "
            "different sources"
        )
        assert problems(data_dir) == (expected,)

    def test_every_problem_reported(self, data_dir: Path) -> None:
        """Several problems in several files are all reported at once."""
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude=-100))
        edit(data_dir, "agreements", lambda d: d["agreements"][0].update(parties=["XX"]))
        files = sorted(p.split(":")[0] for p in problems(data_dir))
        assert files == ["agreements.json", "places.json"]

    def test_message_lists_every_problem(self, data_dir: Path) -> None:
        """The error's message holds every problem line."""
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude=-100, longitude=200))
        with pytest.raises(kzpk.DatasetError, match="2 problems") as caught:
            kzpk.load(data_dir)
        assert all(str(p) in str(caught.value) for p in caught.value.problems)


class TestCache:
    """The default dataset is loaded once; errors are never cached."""

    def test_same_object(self) -> None:
        """Two calls without a path give the same object."""
        assert kzpk.load() is kzpk.load()

    def test_explicit_path_reads_afresh(self, data_dir: Path) -> None:
        """An explicit path is read on every call."""
        assert kzpk.load(data_dir) is not kzpk.load(data_dir)

    def test_data_dir_setting(self, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """KZPK_DATA_DIR points load() at another directory."""
        monkeypatch.setenv("KZPK_DATA_DIR", str(data_dir))
        assert [a.id for a in kzpk.load().agreements] == ["gas-deal"]

    def test_error_not_cached(self, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """After a failed load, fixing the data makes the next load succeed."""
        monkeypatch.setattr(_dataset, "_cache", {})
        kzpk.configure(kzpk.Config(data_dir=data_dir))
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude=1000))
        with pytest.raises(kzpk.DatasetError):
            kzpk.load()
        assert _dataset._cache == {}
        edit(data_dir, "places", lambda d: d["places"][0].update(latitude=43.2))
        assert kzpk.load().places[0].latitude == 43.2

    def test_concurrent_first_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Many threads asking at once all get the one dataset."""
        monkeypatch.setattr(_dataset, "_cache", {})
        barrier = threading.Barrier(12)
        results: list[kzpk.Dataset] = []

        def worker() -> None:
            barrier.wait()
            results.append(kzpk.load())

        threads = [threading.Thread(target=worker) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 12
        assert len({id(r) for r in results}) == 1


class TestDerivedValues:
    """Indexes live on the dataset they come from and die with it."""

    def test_built_once(self, data_dir: Path) -> None:
        """Dataset.derived builds a value once per dataset and arguments, and keeps it."""
        dataset = kzpk.load(data_dir)
        calls: list[tuple[kzpk.Dataset, int]] = []

        def build(given: kzpk.Dataset, size: int) -> list[int]:
            calls.append((given, size))
            return list(range(size))

        value = Derived("tests.built-once", build)
        try:
            first = dataset.derived(value, 3)
            assert dataset.derived(value, 3) is first
            assert dataset.derived(value, 4) == [0, 1, 2, 3]
            assert calls == [(dataset, 3), (dataset, 4)]
            assert kzpk.load(data_dir).derived(value, 3) is not first
        finally:
            del Derived.registered[value.name]

    def test_names_are_taken_once(self) -> None:
        """Two derived values cannot share a name, so two helpers cannot share a slot."""
        from kzpk.names._resolve import _RESOLVERS  # registered when its module is imported

        with pytest.raises(ValueError, match="already registered"):
            Derived(_RESOLVERS.name, lambda data: data)


class TestReplace:
    """A dataset with some records replaced is consistent with itself."""

    def test_index_follows_the_tuples(self) -> None:
        """Records left out are gone from lookup by id; records added are found."""
        data = kzpk.load()
        town = kzpk.Place("new-town", "New Town", kzpk.PlaceKind.CITY, "KZ", 45.0, 70.0)
        smaller = data.replace(places=(*data.places[:3], town))
        assert smaller.get("karachi") is None
        assert smaller.get("new-town") is town
        assert smaller.lookup("New Town") is town
        assert data.get("karachi") is not None  # the original is untouched
        assert len(list(smaller.records())) == len(list(data.records())) - len(data.places) + 4

    def test_unknown_kind_refused(self) -> None:
        """A keyword that is not a kind of record names the kinds."""
        with pytest.raises(kzpk.ChoiceError, match="placez"):
            kzpk.load().replace(placez=())

    def test_nothing_outlives_its_dataset(self, tmp_path: Path) -> None:
        """Loads used by every indexing helper, then dropped, leave no dataset alive."""
        folder = tmp_path / "data"
        shutil.copytree(Path(kzpk.__file__).with_name("data"), folder)
        alive = []
        for _ in range(3):  # whatever holds on to a dataset keeps at least the last alive
            dataset = kzpk.load(folder)
            kzpk.agreements(sector="energy", party="Pakistan", text="cooperation", dataset=dataset)
            kzpk.sector("energy", dataset=dataset)
            kzpk.agreement_summary(dataset=dataset)
            kzpk.cite(dataset.agreements[0], dataset=dataset)
            kzpk.mirror(2024, dataset=dataset)
            kzpk.trade_figures(dataset=dataset)
            kzpk.conflicts(dataset=dataset)
            kzpk.to_json(dataset.places[0])
            tables(dataset)
            alive.append(weakref.ref(dataset))
        del dataset
        gc.collect()
        assert [ref for ref in alive if ref() is not None] == []


class TestNoSharedMutableState:
    """What callers get cannot change what the next caller gets."""

    def test_collections_are_tuples(self) -> None:
        """Every collection of the dataset is a tuple."""
        dataset = kzpk.load()
        for name in (k.name for k in KINDS):
            assert isinstance(getattr(dataset, name), tuple)

    def test_dataset_is_frozen(self) -> None:
        """The dataset's attributes cannot be rebound."""
        import attrs

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            kzpk.load().places = ()  # type: ignore[misc]


class TestSearch:
    """search() ranks; it never raises on a miss."""

    @pytest.mark.parametrize(
        ("query", "first"),
        [
            ("Kazakstan", "KZ"),
            ("nur sultan", "astana"),
            ("Samruk", "samruk-kazyna"),
            ("Shehbaz Sharif", "shehbaz-sharif"),
            ("joint declaration", "joint-declaration-2026"),
        ],
    )
    def test_best_first(self, query: str, first: str) -> None:
        """Misspellings, aliases and partial names find the record people mean, first."""
        assert kzpk.load().search(query)[0].id == first

    @pytest.mark.parametrize(
        ("query", "longer"),
        [
            ("kent", {"tashkent", "shymkent"}),
            ("abad", {"islamabad", "faisalabad"}),
            ("Lah", {"lahore"}),
        ],
    )
    def test_no_substring_false_positive(self, query: str, longer: set[str]) -> None:
        """A name inside a longer word does not match ("kent" is not "Tashkent")."""
        data = kzpk.load()
        assert all(data.search(data.lookup(i, kzpk.Place).name)[0].id == i for i in longer)
        assert not longer & {r.id for r in data.search(query)}

    def test_limit_and_miss(self) -> None:
        """At most limit results; nothing close gives an empty tuple."""
        assert len(kzpk.load().search("energy", limit=2)) == 2
        assert kzpk.load().search("qqqqqq") == ()
