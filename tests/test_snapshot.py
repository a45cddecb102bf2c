"""The snapshot cache: a checked dataset, reused only for the very bytes and code it came from."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

import kzpk
import kzpk.model
from kzpk.dataset import _dataset, _snapshot
from strategies import any_record, reachable

PACKAGED = Path(kzpk.__file__).with_name("data")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory in use, and no dataset in memory yet."""
    directory = tmp_path / "cache"
    kzpk.configure(kzpk.Config(cache_dir=directory))
    monkeypatch.setattr(_dataset, "_cache", {})
    return directory


def read_entry(cache: Path, entry: Path) -> kzpk.Dataset | None:
    """The dataset in *entry*, as a load would rebuild it; None for a miss."""
    return _snapshot.read(str(cache), entry.name, _dataset._from_snapshot)


def fresh_load() -> kzpk.Dataset:
    """Load the default dataset as a new interpreter would: nothing in memory."""
    _dataset._cache.clear()
    return kzpk.load()


def not_structured(*_: object) -> None:
    """Stands in for structuring, to prove a load did not need it."""
    raise AssertionError("the snapshot should have made structuring unnecessary")


def assert_same_dataset(left: kzpk.Dataset, right: kzpk.Dataset) -> None:
    """Every record equal, of the same class, in the same order."""
    assert left.info == right.info
    for field in attrs.fields(kzpk.Dataset):
        if not field.name.startswith("_"):
            assert getattr(left, field.name) == getattr(right, field.name), field.name
    pairs = zip(left.records(), right.records(), strict=True)
    assert all(type(a) is type(b) and a == b for a, b in pairs)


class TestReuse:
    """A checked load is kept once and then stands in for parsing and checking."""

    def test_first_load_keeps_one_entry(self, cache: Path) -> None:
        """The first load writes exactly one entry, and no temporary file is left."""
        fresh_load()
        assert [p.suffix for p in cache.iterdir()] == [".marshal"]

    @pytest.mark.usefixtures("cache")
    def test_next_load_skips_structuring(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A fresh load with an entry present never structures, and returns the same records."""
        fresh_load()
        direct = kzpk.load(PACKAGED)
        monkeypatch.setattr(_dataset, "structure_all", not_structured)
        assert_same_dataset(fresh_load(), direct)

    @pytest.mark.usefixtures("cache")
    def test_explicit_path_bypasses_cache(self, tmp_path: Path) -> None:
        """load(path) always reads and checks afresh, and writes nothing."""
        kzpk.load(PACKAGED)
        assert not (tmp_path / "cache").exists()

    def test_cache_off(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With cache=False nothing is written, and every fresh load structures again."""
        directory = tmp_path / "cache"
        kzpk.configure(kzpk.Config(cache=False, cache_dir=directory))
        monkeypatch.setattr(_dataset, "_cache", {})
        fresh_load()
        assert not directory.exists()


class TestNeverStale:
    """Changed data is read and checked again, whatever entries exist."""

    @pytest.fixture
    def data(self, tmp_path: Path, cache: Path) -> Path:
        """A copy of the packaged data in use, its snapshot already kept."""
        copy = tmp_path / "data"
        shutil.copytree(PACKAGED, copy)
        kzpk.configure(kzpk.Config(data_dir=copy, cache_dir=cache))
        fresh_load()
        return copy

    def test_edited_value_is_seen(self, data: Path) -> None:
        """A renamed country comes back renamed, not as the snapshot had it."""
        file = data / "countries.json"
        countries = json.loads(file.read_text(encoding="utf-8"))
        countries["countries"][0]["name"] = "Renamed"
        file.write_text(json.dumps(countries), encoding="utf-8")
        assert fresh_load().countries[0].name == "Renamed"

    def test_broken_data_is_reported(self, data: Path) -> None:
        """A dangling reference raises DatasetError although a snapshot of the old bytes exists."""
        file = data / "agreements.json"
        agreements = json.loads(file.read_text(encoding="utf-8"))
        agreements["agreements"][0]["sectors"] = ["no-such-sector"]
        file.write_text(json.dumps(agreements), encoding="utf-8")
        with pytest.raises(kzpk.DatasetError, match=r"agreements\.json: \$\.agreements\[0\]"):
            fresh_load()


class TestBadEntries:
    """Whatever is wrong with an entry, it is a miss: load checks afresh and rewrites it."""

    @pytest.mark.parametrize(
        "content",
        [
            b"",
            b"not marshal data",
            marshal.dumps([1, 2, 3]),
            marshal.dumps(("info", {})),
            marshal.dumps((None, dict.fromkeys(k.name for k in kzpk.model.KINDS))),
            marshal.dumps((("kzpk", "too few"), {})),
            marshal.dumps(("Mode", "rail")),
        ],
        ids=["empty", "garbage", "list", "wrong-info", "wrong-records", "bad-fields", "tuple"],
    )
    def test_bad_entry_is_replaced(self, cache: Path, content: bytes) -> None:
        """A bad entry is ignored, the dataset loads correctly and the entry is good again."""
        fresh_load()
        (entry,) = cache.iterdir()
        entry.write_bytes(content)
        assert_same_dataset(fresh_load(), kzpk.load(PACKAGED))
        assert read_entry(cache, entry) is not None

    def test_truncated_entry(self, cache: Path) -> None:
        """Half an entry is a miss."""
        fresh_load()
        (entry,) = cache.iterdir()
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        assert_same_dataset(fresh_load(), kzpk.load(PACKAGED))

    def test_wrong_record_class(self, cache: Path) -> None:
        """An entry whose records are of another kind than their place says is a miss."""
        fresh_load()
        (entry,) = cache.iterdir()
        info, collections = marshal.loads(entry.read_bytes())  # noqa: S302
        swapped = dict(collections, countries=collections["people"])
        entry.write_bytes(marshal.dumps((info, swapped)))
        assert read_entry(cache, entry) is None
        assert fresh_load().countries == kzpk.load(PACKAGED).countries

    @pytest.mark.parametrize(
        ("kind", "change"),
        [
            ("places", lambda record: record[:-1]),
            ("places", lambda record: (*record, None)),
            ("sources", lambda record: (record[0], "not-a-kind", *record[2:])),
            ("names", lambda record: (*record[:-1], "not a tuple of citations")),
        ],
        ids=["field-missing", "field-extra", "unknown-enum-value", "string-for-tuple"],
    )
    def test_record_of_another_shape(
        self, cache: Path, kind: str, change: Callable[[tuple[object, ...]], object]
    ) -> None:
        """One record with a field too few or too many, or a value of the wrong kind: a miss."""
        fresh_load()
        (entry,) = cache.iterdir()
        info, collections = marshal.loads(entry.read_bytes())  # noqa: S302
        first, *rest = collections[kind]
        collections[kind] = (change(first), *rest)
        entry.write_bytes(marshal.dumps((info, collections)))
        assert read_entry(cache, entry) is None
        assert_same_dataset(fresh_load(), kzpk.load(PACKAGED))

    @pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is a POSIX notion")
    def test_entry_of_another_user(self, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An entry the current user does not own is never read."""
        fresh_load()
        (entry,) = cache.iterdir()
        monkeypatch.setattr(os, "getuid", lambda: entry.stat().st_uid + 1)
        assert read_entry(cache, entry) is None

    def test_unwritable_cache_dir(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cache directory that cannot be created is skipped without a word."""
        blocker = tmp_path / "file"
        blocker.write_text("not a directory", encoding="utf-8")
        kzpk.configure(kzpk.Config(cache_dir=blocker / "cache"))
        monkeypatch.setattr(_dataset, "_cache", {})
        assert_same_dataset(fresh_load(), kzpk.load(PACKAGED))


class TestPlantedEntries:
    """An entry someone else wrote can make a load slower, never run code."""

    @staticmethod
    def _payloads(marker: Path) -> dict[str, bytes]:
        """Entries that would create *marker* if anything ran them."""
        touch = f"open({str(marker)!r}, 'w').close()"

        class Exploit:
            def __reduce__(self) -> tuple[object, ...]:
                return (exec, (touch,))

        code = compile(touch, "<planted>", "exec")
        return {
            "pickle": pickle.dumps(Exploit()),
            "pickle-records": pickle.dumps((Exploit(), {"sources": (Exploit(),)})),
            "code-object": marshal.dumps(code),
            "code-in-records": marshal.dumps(("t", {"sources": (code,)})),
            "function-name": marshal.dumps(["exec", touch]),
            "dotted-name": marshal.dumps(["builtins.exec", touch]),
            "class-attribute": marshal.dumps(["Source.__init__", touch]),
            "enum-functional-api": marshal.dumps(["Mode", "Planted", touch]),
            "decimal-context": marshal.dumps(["n", "1", ["Citation", touch, touch]]),
        }

    def test_planted_entries_never_run(self, cache: Path, tmp_path: Path) -> None:
        """Pickles, code objects and names of callables in an entry are a miss, and nothing runs."""
        marker = tmp_path / "ran"
        fresh_load()
        (entry,) = cache.iterdir()
        for kind, payload in self._payloads(marker).items():
            entry.write_bytes(payload)
            assert read_entry(cache, entry) is None, kind
            assert not marker.exists(), kind
        assert_same_dataset(fresh_load(), kzpk.load(PACKAGED))  # through load() too
        assert not marker.exists()

    def test_entries_name_no_class(self, cache: Path) -> None:
        """An entry holds field values only: no class or enum name kzpk has appears in it."""
        fresh_load()
        (entry,) = cache.iterdir()
        names = {
            name
            for name, value in vars(kzpk.model).items()
            if isinstance(value, type) and value.__module__.startswith("kzpk.model._")
        }

        def strings(value: object) -> Iterator[str]:
            if isinstance(value, str):
                yield value
            elif isinstance(value, tuple | list):
                for item in value:
                    yield from strings(item)
            elif isinstance(value, dict):
                for item in value.values():
                    yield from strings(item)

        assert names & set(strings(marshal.loads(entry.read_bytes()))) == set()  # noqa: S302

    @pytest.mark.parametrize("cls", [k.cls for k in kzpk.model.KINDS], ids=lambda c: c.__name__)
    def test_builds_only_kzpk_classes(self, cls: type[object]) -> None:
        """Rebuilding a record calls kzpk's own classes only: those its field types name."""
        built = reachable((cls,))
        assert all(c.__module__.startswith("kzpk.model._") for c in built)
        assert callable(_snapshot.builder(cls))

    def test_round_trip(self) -> None:
        """Encoding then rebuilding gives equal records of the same classes."""
        dataset = kzpk.load(PACKAGED)
        for record in dataset.records():
            written = marshal.dumps(_snapshot.encode(record))  # type: ignore[arg-type]
            again = _snapshot.builder(type(record))(marshal.loads(written))  # noqa: S302
            assert type(again) is type(record)
            assert again == record

    @given(any_record)
    def test_round_trip_of_any_record(self, record: Any) -> None:
        """Any record the model allows survives encoding and rebuilding."""
        written = marshal.dumps(_snapshot.encode(record))  # type: ignore[arg-type]
        assert _snapshot.builder(type(record))(marshal.loads(written)) == record  # noqa: S302

    def test_foreign_value_not_encoded(self) -> None:
        """Encoding refuses values of classes outside the allowlist instead of writing them."""
        with pytest.raises(TypeError, match="cannot hold"):
            _snapshot.encode((object(),))


class TestPruning:
    """Writing an entry deletes the entries it makes useless, and nothing else."""

    def test_replaced_entry_deleted(self, tmp_path: Path, cache: Path) -> None:
        """After the data changes, only the new entry for that directory is left."""
        copy = tmp_path / "data"
        shutil.copytree(PACKAGED, copy)
        kzpk.configure(kzpk.Config(data_dir=copy, cache_dir=cache))
        fresh_load()
        (first,) = cache.iterdir()
        file = copy / "countries.json"
        file.write_text(file.read_text(encoding="utf-8").replace("Kazakhstan", "Kazakstan", 1))
        fresh_load()
        (second,) = cache.iterdir()
        assert second.name != first.name

    def test_other_directories_kept(self, cache: Path) -> None:
        """Another data directory's entry survives; a stale one, an old one and a pickle do not."""
        fresh_load()
        (current,) = cache.iterdir()
        folder_part = current.name[: current.name.rindex("-") + 1]
        other = cache / "dataset-0123456789abcdef-00.marshal"
        stale = cache / f"{folder_part}00.marshal"
        old = cache / "dataset-fedcba9876543210-00.marshal"
        pickled = cache / "dataset-00.pickle"
        leftover = cache / ".abc.tmp"
        foreign = cache / "notes.txt"
        for path in (other, stale, old, pickled, leftover, foreign):
            path.write_bytes(b"")
        month_ago = time.time() - 31 * 24 * 3600
        os.utime(old, (month_ago, month_ago))
        os.utime(leftover, (month_ago, month_ago))
        _snapshot.prune(str(cache), current.name)
        assert sorted(p.name for p in cache.iterdir()) == sorted(
            [current.name, other.name, foreign.name]
        )


class TestCodeInKey:
    """The code part of the entry name covers every module of kzpk, found on disk."""

    def test_every_module_counts(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A changed module, a new module and a new subpackage give a new name each."""
        package = tmp_path / "kzpk"
        shutil.copytree(
            Path(kzpk.__file__).parent, package, ignore=shutil.ignore_patterns("data", "*.pyc")
        )
        modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
        assert {"dataset/_checks.py", "routing/_paths.py", "__init__.py"} <= modules
        monkeypatch.setattr(_snapshot, "__file__", str(package / "dataset" / "_snapshot.py"))
        names = {_snapshot.entry_name([b"data"])}
        (package / "routing" / "_paths.py").write_text("# changed\n", encoding="utf-8")
        names.add(_snapshot.entry_name([b"data"]))
        (package / "dataset" / "_new_check.py").write_text("# new\n", encoding="utf-8")
        names.add(_snapshot.entry_name([b"data"]))
        (package / "extra").mkdir()
        (package / "extra" / "__init__.py").write_text("# new\n", encoding="utf-8")
        names.add(_snapshot.entry_name([b"data"]))
        assert len(names) == 4
        assert None not in names

    def test_sourceless_install_not_cached(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without source files no name is given, so nothing is cached."""
        monkeypatch.setattr(_snapshot, "__file__", str(tmp_path / "dataset" / "_snapshot.py"))
        assert _snapshot.entry_name([b"data"]) is None


class TestEntryName:
    """The entry name digests every byte of every file, in order."""

    @given(st.lists(st.binary(max_size=64), min_size=1, max_size=6), st.data())
    def test_any_changed_byte_changes_the_name(
        self, contents: list[bytes], data: st.DataObject
    ) -> None:
        """Same contents, same name; one byte more, less or different, another name."""
        assert _snapshot.entry_name(contents) == _snapshot.entry_name(list(contents))
        index = data.draw(st.integers(0, len(contents) - 1))
        part = contents[index]
        changed = data.draw(
            st.one_of(
                st.just(part + b"x"),
                st.just(part[1:]) if part else st.just(b"\0"),
                st.binary(min_size=len(part), max_size=len(part)).filter(lambda b: b != part)
                if part
                else st.just(b"y"),
            )
        )
        mutated = [*contents[:index], changed, *contents[index + 1 :]]
        assert _snapshot.entry_name(contents) != _snapshot.entry_name(mutated)

    @given(st.binary(min_size=3, max_size=64), st.data())
    def test_boundaries_count(self, joined: bytes, data: st.DataObject) -> None:
        """Moving a file boundary changes the name: ``ab|c`` is not ``a|bc``."""
        cut = data.draw(st.integers(1, len(joined) - 1))
        other = data.draw(st.integers(1, len(joined) - 1).filter(lambda i: i != cut))
        assert _snapshot.entry_name([joined[:cut], joined[cut:]]) != _snapshot.entry_name(
            [joined[:other], joined[other:]]
        )


class TestCacheDir:
    """Where entries go by default: the platform's user cache directory."""

    def test_configured(self, tmp_path: Path) -> None:
        """Config.cache_dir wins."""
        kzpk.configure(kzpk.Config(cache_dir=tmp_path))
        assert _snapshot.cache_dir() == str(tmp_path)

    @pytest.mark.parametrize(
        ("platform", "environment", "expected"),
        [
            ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/kzpk"),
            ("linux", {"XDG_CACHE_HOME": "relative"}, "~/.cache/kzpk"),
            ("linux", {}, "~/.cache/kzpk"),
            ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "~/Library/Caches/kzpk"),
            ("win32", {"LOCALAPPDATA": "C:/Local"}, "C:/Local/kzpk/Cache"),
        ],
    )
    def test_platform_default(
        self,
        monkeypatch: pytest.MonkeyPatch,
        platform: str,
        environment: dict[str, str],
        expected: str,
    ) -> None:
        """XDG on Linux (absolute paths only), Library/Caches on macOS, LOCALAPPDATA on Windows."""
        monkeypatch.setattr(sys, "platform", platform)
        for name in ("XDG_CACHE_HOME", "LOCALAPPDATA"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        found = _snapshot.cache_dir()
        assert found is not None
        assert Path(found) == Path(expected).expanduser()
