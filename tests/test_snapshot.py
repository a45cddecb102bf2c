"""The snapshot cache: a checked dataset, reused only for the very bytes and code it came from."""

from __future__ import annotations

import functools
import json
import marshal
import os
import pickle
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import kzpk
import kzpk.model
from kzpk.dataset import _dataset, _snapshot
from kzpk.dataset._reading import structure_all
from strategies import any_record, reachable

PACKAGED = Path(kzpk.__file__).with_name("data")
#: Where a name's citations stand in its snapshot tuple.
NAME_CITATIONS = [f.name for f in attrs.fields(kzpk.Name)].index("citations")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory in use, and no dataset in memory yet."""
    directory = tmp_path / "cache"
    kzpk.configure(kzpk.Config(cache_dir=directory))
    monkeypatch.setattr(_dataset, "_cache", {})
    monkeypatch.setattr(_snapshot, "_WARNED", set())
    return directory


def read_entry(cache: Path, entry: Path) -> kzpk.Dataset | None:
    """The dataset in *entry*, as a load would rebuild it; None for a miss."""
    return _snapshot.read(str(cache), entry.name, _dataset._from_snapshot)


def entries(cache: Path) -> list[Path]:
    """The files in kzpk's own folder of the cache directory."""
    return sorted((cache / _snapshot.SUBDIRECTORY).iterdir())


def only_entry(cache: Path) -> Path:
    """The one entry in the cache."""
    (entry,) = entries(cache)
    return entry


def payload(entry: Path) -> Any:
    """The plain data an entry holds, its header and checksum set aside."""
    return marshal.loads(entry.read_bytes()[_snapshot._HEADER_BYTES :])  # noqa: S302


def seal(entry: Path, content: bytes) -> None:
    """Make *content* the payload of *entry*, with the header and checksum kzpk writes."""
    key = _snapshot._key_of(entry.name)
    assert key is not None
    entry.write_bytes(_snapshot._FORMAT + key + _snapshot._checksum(key, content) + content)


@functools.cache
def reference() -> kzpk.Dataset:
    """The packaged data read afresh once: what every load must give (records are immutable)."""
    return kzpk.load(PACKAGED)


def fresh_load() -> kzpk.Dataset:
    """Load the default dataset as a new interpreter would: nothing in memory."""
    _dataset._cache.clear()
    return kzpk.load()


def not_structured(*_: object) -> None:
    """Stands in for structuring, to prove a load did not need it."""
    raise AssertionError("the snapshot should have made structuring unnecessary")


def classes(value: object) -> object:
    """The classes of *value* and, for a record or a tuple, of everything in it."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        return type(value), tuple(classes(getattr(value, f.name)) for f in fields)
    if isinstance(value, tuple):
        return tuple(classes(item) for item in value)
    return type(value)


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
        assert [p.name for p in cache.iterdir()] == [_snapshot.SUBDIRECTORY]
        assert [p.suffix for p in entries(cache)] == [".marshal"]

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

    @pytest.mark.parametrize("cache_dir", ["cache", None], ids=["cache_dir", "default"])
    def test_cache_off(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: str | None
    ) -> None:
        """With cache=False nothing is written, and every fresh load structures again."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the default's home
        directory = None if cache_dir is None else tmp_path / cache_dir
        kzpk.configure(kzpk.Config(cache=False, cache_dir=directory))
        monkeypatch.setattr(_dataset, "_cache", {})
        structured: list[object] = []

        def counted(*given: Any) -> Any:
            structured.append(given)
            return structure_all(*given)

        monkeypatch.setattr(_dataset, "structure_all", counted)
        fresh_load()
        fresh_load()
        assert len(structured) == 2
        assert list(tmp_path.iterdir()) == []


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
    @pytest.mark.parametrize("sealed", [False, True], ids=["raw", "sealed"])
    def test_bad_entry_is_replaced(self, cache: Path, content: bytes, sealed: bool) -> None:
        """A bad entry, with or without a valid checksum, is ignored and replaced."""
        fresh_load()
        entry = only_entry(cache)
        if sealed:
            seal(entry, content)
        else:
            entry.write_bytes(content)
        assert read_entry(cache, entry) is None
        assert_same_dataset(fresh_load(), reference())
        assert read_entry(cache, entry) is not None

    def test_truncated_entry(self, cache: Path) -> None:
        """Half an entry is a miss."""
        fresh_load()
        entry = only_entry(cache)
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        assert read_entry(cache, entry) is None
        assert_same_dataset(fresh_load(), reference())

    def test_wrong_record_class(self, cache: Path) -> None:
        """An entry whose records are of another kind than their place says is a miss."""
        fresh_load()
        entry = only_entry(cache)
        info, collections = payload(entry)
        swapped = dict(collections, countries=collections["people"])
        seal(entry, marshal.dumps((info, swapped)))
        assert read_entry(cache, entry) is None
        assert fresh_load().countries == reference().countries

    @pytest.mark.parametrize(
        ("kind", "change"),
        [
            ("places", lambda record: record[:-1]),
            ("places", lambda record: (*record, None)),
            ("sources", lambda record: (record[0], "not-a-kind", *record[2:])),
            (
                "names",
                lambda record: (
                    *record[:NAME_CITATIONS],
                    "not a tuple of citations",
                    *record[NAME_CITATIONS + 1 :],
                ),
            ),
        ],
        ids=["field-missing", "field-extra", "unknown-enum-value", "string-for-tuple"],
    )
    def test_record_of_another_shape(
        self, cache: Path, kind: str, change: Callable[[tuple[object, ...]], object]
    ) -> None:
        """One record with a field too few or too many, or a value of the wrong kind: a miss."""
        fresh_load()
        entry = only_entry(cache)
        info, collections = payload(entry)
        first, *rest = collections[kind]
        collections[kind] = (change(first), *rest)
        seal(entry, marshal.dumps((info, collections)))
        assert read_entry(cache, entry) is None
        assert_same_dataset(fresh_load(), reference())

    @pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is a POSIX notion")
    def test_entry_of_another_user(self, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An entry the current user does not own is never read."""
        fresh_load()
        entry = only_entry(cache)
        monkeypatch.setattr(os, "getuid", lambda: entry.stat().st_uid + 1)
        assert read_entry(cache, entry) is None

    def test_unwritable_cache_dir(self, tmp_path: Path, cache: Path) -> None:
        """A cache directory that cannot be made is skipped, and a warning says so once."""
        blocker = tmp_path / "file"
        blocker.write_text("not a directory", encoding="utf-8")
        kzpk.configure(kzpk.Config(cache_dir=blocker / "cache"))
        with pytest.warns(RuntimeWarning, match=r"cache in .*file.cache is off: cannot make"):
            assert_same_dataset(fresh_load(), reference())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fresh_load()  # said once is enough
        assert not cache.exists()


class TestHostileEntries:
    """What sits where an entry belongs is read only if it is a sealed regular file of ours."""

    def test_changed_digit_not_served(self, cache: Path) -> None:
        """One changed digit of a trade figure fails the checksum, so it is never served."""
        fresh_load()
        entry = only_entry(cache)
        figure = reference().trade_figures[0]
        info, collections = payload(entry)
        value = [f.name for f in attrs.fields(kzpk.TradeFigure)].index("value")
        first, *rest = collections["trade_figures"]
        digits = first[value]
        assert digits == str(figure.value)
        other = ("9" if digits[0] != "9" else "8") + digits[1:]
        changed = (*first[:value], other, *first[value + 1 :])
        forged = marshal.dumps((info, dict(collections, trade_figures=(changed, *rest))))
        header = entry.read_bytes()[: _snapshot._HEADER_BYTES]
        entry.write_bytes(header + forged)
        assert read_entry(cache, entry) is None
        assert fresh_load().trade_figures[0].value == figure.value
        seal(entry, forged)  # under a checksum of its own, the change would be served
        served = read_entry(cache, entry)
        assert served is not None
        assert served.trade_figures[0].value == Decimal(other)

    def test_entry_under_another_key(self, cache: Path) -> None:
        """A good entry copied under another entry name is a miss there: the key must match."""
        fresh_load()
        entry = only_entry(cache)
        folder_part = entry.name[: entry.name.rindex("-") + 1]
        other = entry.with_name(f"{folder_part}{'0' * 64}.marshal")
        shutil.copyfile(entry, other)
        assert read_entry(cache, entry) is not None
        assert read_entry(cache, other) is None

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX notion")
    def test_fifo_does_not_hang(self, cache: Path) -> None:
        """A FIFO with the entry's name (no writer) is a miss at once, and is replaced."""
        fresh_load()
        entry = only_entry(cache)
        entry.unlink()
        os.mkfifo(entry)
        load = "import kzpk; print(kzpk.load().info.version)"
        environment = {
            "PATH": "",
            "PYTHONPATH": str(Path(kzpk.__file__).parents[1]),
            "KZPK_CACHE_DIR": str(cache),
        }
        done = subprocess.run(
            [sys.executable, "-c", load],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.strip() == reference().info.version
        assert entry.is_file()
        assert read_entry(cache, entry) is not None

    def test_link_to_device_not_followed(
        self, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A link to /dev/zero is never followed; were it followed, a device is still a miss."""
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero here")
        fresh_load()
        entry = only_entry(cache)
        entry.unlink()
        entry.symlink_to("/dev/zero")
        read_bytes = count_reads(monkeypatch)
        assert read_entry(cache, entry) is None
        monkeypatch.setattr(_snapshot, "_NO_SURPRISES", 0)  # follow links after all
        assert read_entry(cache, entry) is None
        assert read_bytes == []
        assert_same_dataset(fresh_load(), reference())
        assert not entry.is_symlink()
        assert read_entry(cache, entry) is not None

    def test_huge_sparse_file_not_read(self, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An 8 GiB sparse file in the entry's place is a miss without reading a byte."""
        fresh_load()
        entry = only_entry(cache)
        entry.unlink()
        with entry.open("wb") as file:
            file.truncate(8 * 2**30)
        read_bytes = count_reads(monkeypatch)
        assert read_entry(cache, entry) is None
        assert read_bytes == []

    def test_reads_at_most_the_cap(self, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file larger than it said when opened is read up to the cap and one byte, no more."""
        fresh_load()
        entry = only_entry(cache)
        with entry.open("r+b") as file:
            file.truncate(4 * _snapshot.MAX_ENTRY_BYTES)
        real_fstat = os.fstat
        monkeypatch.setattr(
            os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 100, *real_fstat(fd)[7:]))
        )
        read_bytes = count_reads(monkeypatch)
        assert read_entry(cache, entry) is None
        assert sum(read_bytes) == _snapshot.MAX_ENTRY_BYTES + 1

    def test_entries_far_below_the_cap(self, cache: Path) -> None:
        """Today's entry uses under a quarter of the cap, so a growing dataset stays cached."""
        fresh_load()
        assert only_entry(cache).stat().st_size < _snapshot.MAX_ENTRY_BYTES / 4

    def test_empty_directory_in_place_replaced(self, cache: Path) -> None:
        """An empty directory where the entry belongs is replaced by the entry, quietly."""
        fresh_load()
        entry = only_entry(cache)
        entry.unlink()
        entry.mkdir()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert_same_dataset(fresh_load(), reference())
        assert entry.is_file()
        assert read_entry(cache, entry) is not None

    def test_full_directory_in_place_named(self, cache: Path) -> None:
        """A directory with files where the entry belongs is kept; a warning says so, once."""
        fresh_load()
        entry = only_entry(cache)
        entry.unlink()
        entry.mkdir()
        (entry / "keep.txt").write_text("mine", encoding="utf-8")
        with pytest.warns(RuntimeWarning, match="is off: cannot write .*directory kzpk did not"):
            assert_same_dataset(fresh_load(), reference())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert_same_dataset(fresh_load(), reference())
        assert (entry / "keep.txt").read_text(encoding="utf-8") == "mine"
        assert [p.name for p in entries(cache)] == [entry.name]  # no temporary file left


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the bytes each ``os.read`` returns from now on."""
    counted: list[int] = []
    real_read = os.read

    def read(descriptor: int, size: int) -> bytes:
        chunk = real_read(descriptor, size)
        counted.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", read)
    return counted


@pytest.fixture(scope="module")
def sealed_entry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A real entry of the packaged dataset, written by kzpk, and its bytes."""
    directory = tmp_path_factory.mktemp("sealed")
    dataset = reference()
    name = _snapshot.entry_name([b"fuzz"])
    assert name is not None
    collections = {k.name: getattr(dataset, k.name) for k in kzpk.model.KINDS}
    _snapshot.write(str(directory), name, (dataset.info, collections))
    entry = directory / _snapshot.SUBDIRECTORY / name
    return entry, entry.read_bytes()


class TestFuzzedEntries:
    """No changed byte is ever served: every changed entry is a miss."""

    def test_unchanged_entry_served(self, sealed_entry: tuple[Path, bytes]) -> None:
        """The entry as written is read back whole (so the misses below are the changes')."""
        entry, data = sealed_entry
        entry.write_bytes(data)
        served = _snapshot.read(str(entry.parents[1]), entry.name, _dataset._from_snapshot)
        assert served is not None
        assert_same_dataset(served, reference())

    @given(
        st.lists(st.tuples(st.integers(0, 2**40), st.integers(1, 255)), min_size=1, max_size=8),
        st.sampled_from(["flip", "cut", "grow"]),
    )
    def test_any_changed_byte_is_a_miss(
        self, sealed_entry: tuple[Path, bytes], flips: list[tuple[int, int]], how: str
    ) -> None:
        """Bytes flipped anywhere (header, checksum, payload), cut off or added: a miss."""
        entry, data = sealed_entry
        changed = bytearray(data)
        for at, mask in flips:
            changed[at % len(data)] ^= mask
        if how == "cut":
            changed = bytearray(data[: flips[0][0] % len(data)])
        elif how == "grow":
            changed = bytearray(data + bytes(mask for _, mask in flips))
        assume(bytes(changed) != data)
        entry.write_bytes(changed)
        assert _snapshot.read(str(entry.parents[1]), entry.name, _dataset._from_snapshot) is None


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
        entry = only_entry(cache)
        for kind, planted in self._payloads(marker).items():
            seal(entry, planted)
            assert read_entry(cache, entry) is None, kind
            assert not marker.exists(), kind
        assert_same_dataset(fresh_load(), reference())  # through load() too
        assert not marker.exists()

    def test_entries_name_no_class(self, cache: Path) -> None:
        """An entry holds field values only: no class or enum name kzpk has appears in it."""
        fresh_load()
        entry = only_entry(cache)
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

        assert names & set(strings(payload(entry))) == set()

    @pytest.mark.parametrize("cls", [k.cls for k in kzpk.model.KINDS], ids=lambda c: c.__name__)
    def test_builds_only_kzpk_classes(self, cls: type[object]) -> None:
        """The record classes a rebuild may call, those its field types name, are kzpk's own."""
        assert all(c.__module__.startswith("kzpk.model._") for c in reachable((cls,)))

    def test_round_trip(self) -> None:
        """Encoding then rebuilding gives equal records, of the same classes at every depth.

        (A string equals its StrEnum member, so equality alone would pass an enum left as text.)
        """
        dataset = reference()
        for record in dataset.records():
            written = marshal.dumps(_snapshot.encode(record))  # type: ignore[arg-type]
            again = _snapshot.builder(type(record))(marshal.loads(written))  # noqa: S302
            assert again == record
            assert classes(again) == classes(record), record.id

    @given(any_record)
    def test_round_trip_of_any_record(self, record: Any) -> None:
        """Any record the model allows survives encoding and rebuilding."""
        written = marshal.dumps(_snapshot.encode(record))  # type: ignore[arg-type]
        again = _snapshot.builder(type(record))(marshal.loads(written))  # noqa: S302
        assert again == record
        assert classes(again) == classes(record)

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
        first = only_entry(cache)
        file = copy / "countries.json"
        file.write_text(file.read_text(encoding="utf-8").replace("Kazakhstan", "Kazakstan", 1))
        fresh_load()
        second = only_entry(cache)
        assert second.name != first.name

    def test_only_own_names_pruned(self, cache: Path) -> None:
        """Replaced and month-old entries and leftovers go; every other file stays, old or not."""
        fresh_load()
        current = only_entry(cache)
        own = cache / _snapshot.SUBDIRECTORY
        folder_part = current.name[: current.name.rindex("-") + 1]
        key = "0" * 64
        other = own / f"dataset-0123456789abcdef-{key}.marshal"
        replaced = own / f"{folder_part}{key}.marshal"
        old = own / f"dataset-fedcba9876543210-{key}.marshal"
        leftover = own / ".dataset-0123456789abcdef.tmp"
        fresh_leftover = own / ".dataset-fedcba9876543210.tmp"
        legacy = cache / "dataset-fedcba9876543210-0123456789abcdef.marshal"
        fresh_legacy = cache / "dataset-0123456789abcdef-0123456789abcdef.marshal"
        users = [
            *(cache / n for n in USER_FILES),
            *(own / n for n in USER_FILES),
            own / f"{folder_part}{key}.marshal.bak",  # almost an entry name
            own / f"{folder_part}{key[:-1]}.marshal",
            own / ".dataset-0123456789abcde.tmp",
            cache / "dataset-00.pickle",
        ]
        for path in (other, replaced, old, leftover, fresh_leftover, legacy, fresh_legacy, *users):
            path.write_bytes(b"")
        month_ago = time.time() - 31 * 24 * 3600
        for path in (old, leftover, legacy, *users):
            os.utime(path, (month_ago, month_ago))
        _snapshot.prune(str(cache), current.name)
        kept = {current, other, fresh_leftover, fresh_legacy, *users, own}
        assert set(cache.rglob("*")) == kept

    def test_user_files_survive_loads(self, tmp_path: Path, cache: Path) -> None:
        """User files in the cache directory survive loads that write and replace entries."""
        cache.mkdir()
        month_ago = time.time() - 31 * 24 * 3600
        for name in USER_FILES:
            (cache / name).write_text("mine", encoding="utf-8")
            os.utime(cache / name, (month_ago, month_ago))
        copy = tmp_path / "data"
        shutil.copytree(PACKAGED, copy)
        kzpk.configure(kzpk.Config(data_dir=copy, cache_dir=cache))
        fresh_load()
        (copy / "countries.json").write_bytes((copy / "countries.json").read_bytes() + b" ")
        fresh_load()
        assert all((cache / n).read_text(encoding="utf-8") == "mine" for n in USER_FILES)
        assert len(entries(cache)) == 1


USER_FILES = ("dataset-2024.csv", "dataset-notes.txt", ".draft.tmp", "notes.txt")


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
