"""Loading the dataset: read, structure, check, index. All or nothing.

``load()`` reads one JSON file per record kind, structures it with the one converter,
checks every field and every reference across files, and returns a frozen
:class:`Dataset`. Any problem raises :class:`~kzpk.DatasetError` listing every problem as
``"<file>: <JSON path>: <what is wrong>"``; nothing is cached after an error.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar, overload

import attrs

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

from kzpk import _model as m
from kzpk import _snapshot
from kzpk._names import suggest
from kzpk._settings import current_data_dir
from kzpk.exceptions import DatasetError

__all__ = ["KINDS", "Dataset", "Record", "load"]

Record = (
    m.Source
    | m.Country
    | m.Person
    | m.Organisation
    | m.Place
    | m.Sector
    | m.Agreement
    | m.DocumentCount
    | m.TradeFigure
    | m.TradeGrowth
    | m.TradeTarget
    | m.Corridor
    | m.Link
    | m.Event
    | m.Commitment
    | m.Fact
    | m.Claim
    | m.Parameter
    | m.ReportedTrip
    | m.Name
)

#: Each record kind: its file stem (also the top-level key and ``Dataset`` attribute) and class.
KINDS: Final[tuple[tuple[str, type[Any]], ...]] = (
    ("sources", m.Source),
    ("countries", m.Country),
    ("people", m.Person),
    ("organisations", m.Organisation),
    ("places", m.Place),
    ("sectors", m.Sector),
    ("agreements", m.Agreement),
    ("document_counts", m.DocumentCount),
    ("trade_figures", m.TradeFigure),
    ("trade_growth", m.TradeGrowth),
    ("trade_targets", m.TradeTarget),
    ("corridors", m.Corridor),
    ("links", m.Link),
    ("events", m.Event),
    ("commitments", m.Commitment),
    ("facts", m.Fact),
    ("claims", m.Claim),
    ("parameters", m.Parameter),
    ("trips", m.ReportedTrip),
    ("names", m.Name),
)
INFO_FILE: Final = "dataset.json"
#: Every file of a dataset directory, in the order they are read.
FILES: Final = (INFO_FILE, *(f"{kind}.json" for kind, _ in KINDS))

_T = TypeVar("_T")
_R = TypeVar("_R", bound=Record)


@attrs.frozen(eq=False)
class Dataset:
    """The whole dataset: one tuple per record kind, and lookup by id.

    Compared by identity; get one from :func:`kzpk.load`.

    Attributes:
        info: Title, version and as-of date of the data.
        sources: Every source that records cite.
        countries: Countries named.
        people: People named, with their roles.
        organisations: Institutions, companies, funds, forums and bodies named.
        places: Cities, ports, junctions and border crossings, with coordinates.
        sectors: The sector taxonomy (roots are the partnership's priority areas).
        agreements: Every individually identified document.
        document_counts: How many documents each source says were signed.
        trade_figures: Stated and published trade amounts.
        trade_growth: Statements of how fast trade grew.
        trade_targets: Trade targets with every stated horizon.
        corridors: Transport and energy corridors, as each source describes them.
        links: The legs of the corridor network.
        events: What happened, when and where.
        commitments: What the sides promised, with timing and status.
        facts: Other stated facts: history, positions, initiatives, education.
        claims: Questions the sources answer differently, with every answer.
        parameters: The cited speeds, dwell times and penalties routes are computed with.
        trips: Journeys the press reported, which modelled routes are checked against.
        names: Names of countries, people, places and organisations in every language, cited.
    """

    info: m.DatasetInfo
    sources: tuple[m.Source, ...]
    countries: tuple[m.Country, ...]
    people: tuple[m.Person, ...]
    organisations: tuple[m.Organisation, ...]
    places: tuple[m.Place, ...]
    sectors: tuple[m.Sector, ...]
    agreements: tuple[m.Agreement, ...]
    document_counts: tuple[m.DocumentCount, ...]
    trade_figures: tuple[m.TradeFigure, ...]
    trade_growth: tuple[m.TradeGrowth, ...]
    trade_targets: tuple[m.TradeTarget, ...]
    corridors: tuple[m.Corridor, ...]
    links: tuple[m.Link, ...]
    events: tuple[m.Event, ...]
    commitments: tuple[m.Commitment, ...]
    facts: tuple[m.Fact, ...]
    claims: tuple[m.Claim, ...]
    parameters: tuple[m.Parameter, ...]
    trips: tuple[m.ReportedTrip, ...]
    names: tuple[m.Name, ...]
    _by_id: Mapping[str, Record] = attrs.field(repr=False, alias="by_id")
    _derived: dict[object, object] = attrs.field(factory=dict, init=False, repr=False)
    _derived_lock: threading.Lock = attrs.field(factory=threading.Lock, init=False, repr=False)

    def derived(self, key: object, build: Callable[[Dataset], _T]) -> _T:
        """Return what *build* derives from this dataset, built once per *key*.

        For kzpk's helpers: indexes and graphs live on the dataset they come from and die
        with it; no module-level cache holds a dataset.
        """
        try:
            return self._derived[key]  # type: ignore[return-value]
        except KeyError:
            pass
        with self._derived_lock:
            if key not in self._derived:
                self._derived[key] = build(self)
            return self._derived[key]  # type: ignore[return-value]

    @property
    def version(self) -> str:
        """The dataset's own version string."""
        return self.info.version

    def records(self) -> Iterator[Record]:
        """Yield every record of every kind, in file order."""
        yield from self._by_id.values()

    @overload
    def get(self, record_id: str) -> Record | None: ...
    @overload
    def get(self, record_id: str, default: _T) -> Record | _T: ...
    def get(self, record_id: str, default: object = None) -> object:
        """Return the record with id *record_id*, or *default*; never raises."""
        return self._by_id.get(record_id, default)

    @overload
    def lookup(self, key: str) -> Record: ...
    @overload
    def lookup(self, key: str, kind: type[_R]) -> _R: ...
    def lookup(self, key: str, kind: type[Any] | None = None) -> object:
        """Return the record with id or name *key* (of class *kind*, if given).

        Any name in any script resolves ("Karachi", "Алматы", "کراچی", "Alma-Ata"). Raise
        :class:`~kzpk.NotFoundError` on a miss, with the closest names, or when the name is
        ambiguous, with the candidates. See :func:`kzpk._search.lookup`.
        """
        from kzpk import _search

        return _search.lookup(self, key, kind)

    @overload
    def search(self, query: str, kind: None = None, *, limit: int = 10) -> tuple[Record, ...]: ...
    @overload
    def search(self, query: str, kind: type[_R], *, limit: int = 10) -> tuple[_R, ...]: ...
    @overload
    def search(self, query: str, kind: str, *, limit: int = 10) -> tuple[Record, ...]: ...
    def search(
        self, query: str, kind: type[Any] | str | None = None, *, limit: int = 10
    ) -> tuple[object, ...]:
        """Return up to *limit* records named like *query*, best first; never raise on a miss.

        Every name in every script is searched, case, accents and script folded, typos
        tolerated. Ranking: exact > name > alias > prefix > fuzzy, records before sources
        (see :mod:`kzpk._search`). *kind* is a record class or a kind name ("place").
        """
        from kzpk import _search

        return _search.search(self, query, kind, limit=limit)

    def __repr__(self) -> str:
        """Show version and counts, not every record."""
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name, _ in KINDS)
        return f"<Dataset {self.info.version} ({counts})>"


class _Problems:
    """Collects problems as ``file: path: message`` lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, file: str, path: str, message: str) -> None:
        self.lines.append(f"{file}: {path}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise DatasetError(self.lines)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def _read_bytes(folder: str | Traversable, file: str, problems: _Problems) -> bytes | None:
    try:
        if isinstance(folder, str):
            with open(os.path.join(folder, file), "rb") as stream:
                return stream.read()
        return folder.joinpath(file).read_bytes()
    except FileNotFoundError:
        problems.add(file, "$", "file is missing")
    except IsADirectoryError:
        problems.add(file, "$", "is a directory, not a file")
    except OSError as error:
        problems.add(file, "$", f"cannot be read ({error.strerror or error})")
    return None


def _parse_json(content: bytes, file: str, problems: _Problems) -> object:
    import json

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(file, "$", f"not UTF-8 text ({error.reason} at byte {error.start})")
        return None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        problems.add(file, "$", f"malformed JSON at {where}: {error.msg}")
    except (ValueError, RecursionError) as error:
        problems.add(file, "$", f"malformed JSON: {error}")
    return None


def _format_error(error: BaseException, _type: object) -> str:
    import cattrs

    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown key(s) {', '.join(sorted(error.extra_fields))}"
    if isinstance(error, KeyError):
        return "required key missing"
    return str(error)


def _structure(data: object, file: str, root: str, cls: type[_T], problems: _Problems) -> _T | None:
    """Structure *data* as *cls*, adding every failure with its JSON path below *root*."""
    import cattrs

    from kzpk._convert import converter

    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as error:
        for line in cattrs.transform_error(error, root, _format_error):
            message, _, path = line.rpartition(" @ ")
            problems.add(file, path, message)
    except (TypeError, ValueError) as error:  # the top level itself is of the wrong shape
        problems.add(file, root, str(error))
    return None


def _structure_kind(data: object, kind: str, cls: type[_T], problems: _Problems) -> tuple[_T, ...]:
    file = f"{kind}.json"
    if not isinstance(data, dict) or set(data) != {kind}:
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        problems.add(file, "$", f'expected an object {{"{kind}": [...]}}, found {found}')
        return ()
    records = _structure(data[kind], file, f"$.{kind}", tuple[cls, ...], problems)  # type: ignore[valid-type]
    return records or ()


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Mapping[str, Any], bool], ...]:
    """The fields of *cls* worth checking: (name, metadata, holds nested records)."""
    plan = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        nested = any(isinstance(t, type) and attrs.has(t) for t in _leaf_types(field.type))
        if nested or field.metadata:
            plan.append((field.name, field.metadata, nested))
    return tuple(plan)


def _leaf_types(hint: object) -> tuple[object, ...]:
    args = typing.get_args(hint)
    return tuple(t for a in args for t in _leaf_types(a)) if args else (hint,)


class _Checker:
    """Walks structured records with their JSON paths, checking what the types cannot."""

    def __init__(self, ids: Mapping[str, Mapping[str, Record]], problems: _Problems) -> None:
        self.ids = ids
        self.every_id = {i for kind in ids.values() for i in kind}
        self.problems = problems
        self.file = ""

    def add(self, path: str, message: str) -> None:
        self.problems.add(self.file, path, message)

    @functools.cache  # noqa: B019 - one checker per load; the cache dies with it
    def valid_ids(self, kinds: tuple[str, ...]) -> frozenset[str]:
        if kinds == ("*",):
            return frozenset(self.every_id)
        return frozenset(i for k in kinds for i in self.ids[k])

    def check_record(self, record: attrs.AttrsInstance, path: str) -> None:
        for name, metadata, nested in _plan(type(record)):
            value = getattr(record, name)
            if value is None or value == ():
                continue
            where = f"{path}.{name}"
            if nested:
                self.check_nested(value, where)
            if "ref" in metadata:
                self.check_refs(value, metadata["ref"], where)
            if "bounds" in metadata:
                low, high = metadata["bounds"]
                if not low <= value <= high:
                    self.add(where, f"{value} is out of range {low}..{high}")
            if metadata.get("positive") and not value > 0:
                self.add(where, f"{value} must be greater than 0")
        if isinstance(record, m.Period) and record.end is not None and record.end < record.start:
            self.add(path, f"ends ({record.end}) before it starts ({record.start})")

    def check_nested(self, value: object, path: str) -> None:
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                self.check_nested(item, f"{path}[{index}]")
        elif attrs.has(type(value)):
            self.check_record(value, path)  # type: ignore[arg-type]

    def check_refs(self, value: object, kinds: tuple[str, ...], path: str) -> None:
        if value is None:
            return
        if isinstance(value, tuple):
            for index, item in enumerate(value):
                self.check_refs(item, kinds, f"{path}[{index}]")
            return
        valid = self.valid_ids(kinds)
        if value not in valid:
            what = "record" if kinds == ("*",) else " or ".join(k.rstrip("s") for k in kinds)
            self.add(path, f"unknown {what} {value!r}{suggest(str(value), valid)}")

    def check_links(self, record: object, path: str) -> None:
        """Rules that tie fields of one record together."""
        if isinstance(record, m.Link):
            self.check_link(record, path)
        if isinstance(record, m.Place):
            self.check_place(record, path)
        if isinstance(record, (m.Link, m.Place)):
            self.check_history(record.history, f"{path}.history")
            for index, season in enumerate(record.seasons):
                for end in ("opens", "closes"):
                    if not _is_month_day(getattr(season, end)):
                        self.add(f"{path}.seasons[{index}].{end}", "must be a day as 'MM-DD'")
        if isinstance(record, m.TradeFigure):
            is_turnover = record.flow is m.TradeFlow.TURNOVER
            if is_turnover != (record.exporter is None and record.importer is None):
                self.add(
                    path,
                    "exporter and importer are required for exports and imports, "
                    "and not allowed for turnover",
                )
        if isinstance(record, m.Claim):
            cited = {c.source for c in record.citations}
            if len(record.variants) < _DISPUTE or len(cited) < _DISPUTE:
                self.add(
                    f"{path}.variants", "a claim needs at least two variants from different sources"
                )
        if isinstance(record, m.Sector):
            seen, parent = {record.id}, record.parent
            while parent is not None and parent not in seen:
                seen.add(parent)
                parent = getattr(self.ids["sectors"].get(parent), "parent", None)
            if parent is not None:
                self.add(f"{path}.parent", "sector parents form a cycle")


    def check_link(self, link: m.Link, path: str) -> None:
        """A link joins two places; rail has a known gauge; rail and road cross at crossings."""
        if link.origin == link.destination:
            self.add(path, "a link must join two different places")
        if link.mode is m.Mode.RAIL and link.gauge_mm not in _GAUGES:
            self.add(f"{path}.gauge_mm", f"rail needs a gauge, one of {sorted(_GAUGES)}")
        if link.mode is not m.Mode.RAIL and link.gauge_mm is not None:
            self.add(f"{path}.gauge_mm", "only rail links have a gauge")
        places = self.ids["places"]
        a, b = places.get(link.origin), places.get(link.destination)
        if (
            isinstance(a, m.Place)
            and isinstance(b, m.Place)
            and link.mode in (m.Mode.RAIL, m.Mode.ROAD)
            and not set(a.countries) & set(b.countries)
        ):
            self.add(
                path,
                f"a {link.mode.value} link between {a.country} and {b.country} must end at a "
                "border crossing of both (a place of kind border-crossing whose border names them)",
            )

    def check_place(self, place: m.Place, path: str) -> None:
        """A border crossing joins two countries, one of them its own; other places none."""
        if place.kind is m.PlaceKind.BORDER_CROSSING:
            if len(set(place.border)) != _DISPUTE or place.country not in place.border:
                self.add(
                    f"{path}.border",
                    "a border crossing names the two countries it joins, its own among them",
                )
        elif place.border:
            self.add(f"{path}.border", "only border crossings have a border")
        if place.dwell and place.kind is not m.PlaceKind.BORDER_CROSSING:
            self.add(f"{path}.dwell", "only border crossings have a dwell")

    def check_history(self, history: tuple[m.StatusSpell, ...], path: str) -> None:
        """Spells end after they start and never overlap for the same traffic."""
        lowest, highest = dt.date.min, dt.date.max
        for index, spell in enumerate(history):
            if spell.start and spell.end and spell.end < spell.start:
                self.add(f"{path}[{index}]", f"ends ({spell.end}) before it starts ({spell.start})")
            for other in history[:index]:
                overlap = (spell.start or lowest) <= (other.end or highest) and (
                    other.start or lowest
                ) <= (spell.end or highest)
                if overlap and set(spell.services) & set(other.services):
                    self.add(f"{path}[{index}]", "overlaps an earlier spell for the same traffic")
                    break


_DISPUTE = 2  # a claim needs two variants from two sources; a crossing joins two countries
_GAUGES: Final = frozenset({1435, 1520, 1676})


def _is_month_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(f"2000-{text}")  # a leap year: 02-29 is a valid window end
    except ValueError:
        return False
    return len(text) == len("MM-DD")


def _structure_all(
    contents: Mapping[str, bytes | None], problems: _Problems
) -> tuple[m.DatasetInfo | None, dict[str, tuple[Record, ...]]]:
    info = None
    info_content = contents[INFO_FILE]
    if info_content is not None:
        info_raw = _parse_json(info_content, INFO_FILE, problems)
        if info_raw is not None:
            info = _structure(info_raw, INFO_FILE, "$", m.DatasetInfo, problems)
    collections: dict[str, tuple[Record, ...]] = {}
    for kind, cls in KINDS:
        file = f"{kind}.json"
        content = contents[file]
        raw = None if content is None else _parse_json(content, file, problems)
        collections[kind] = () if raw is None else _structure_kind(raw, kind, cls, problems)
    return info, collections


def _index_ids(
    collections: Mapping[str, tuple[Record, ...]], problems: _Problems
) -> dict[str, dict[str, Record]]:
    ids: dict[str, dict[str, Record]] = {}
    owner: dict[str, str] = {}
    for kind, records in collections.items():
        ids[kind] = {}
        for index, record in enumerate(records):
            if record.id in owner:
                problems.add(
                    f"{kind}.json",
                    f"$.{kind}[{index}].id",
                    f"duplicate id {record.id!r} (already used in {owner[record.id]}.json)",
                )
            owner.setdefault(record.id, kind)
            ids[kind].setdefault(record.id, record)
    return ids


def _load_from(folder: str | Traversable, *, snapshot: bool = False) -> Dataset:
    """Read, structure and check the dataset in *folder*; with *snapshot*, reuse a checked one.

    The snapshot (see :mod:`kzpk._snapshot`) is named after the bytes just read, so it
    can only stand in for a load of exactly these files by exactly this code.
    """
    problems = _Problems()
    contents = {file: _read_bytes(folder, file, problems) for file in FILES}
    directory = _snapshot.cache_dir() if snapshot and not problems.lines else None
    entry = None
    if directory is not None:  # caching is on and every file was read
        entry = _snapshot.entry_name(c for c in contents.values() if c is not None)
        stored = None if entry is None else _from_snapshot(_snapshot.read(directory, entry))
        if stored is not None:
            return stored
    info, collections = _structure_all(contents, problems)
    problems.raise_if_any()
    ids = _index_ids(collections, problems)
    checker = _Checker(ids, problems)
    for kind, records in collections.items():
        checker.file = f"{kind}.json"
        for index, record in enumerate(records):
            checker.check_record(record, f"$.{kind}[{index}]")
            checker.check_links(record, f"$.{kind}[{index}]")
    problems.raise_if_any()
    if info is None:  # pragma: no cover - reading it without a problem set it
        raise DatasetError([f"{INFO_FILE}: $: missing"])
    if directory is not None and entry is not None:
        _snapshot.write(directory, entry, (info, collections))
    return _assemble(info, collections)


def _from_snapshot(stored: object) -> Dataset | None:
    """The dataset in a snapshot entry, or None unless it holds exactly what a load returns."""
    if not (isinstance(stored, tuple) and len(stored) == 2):  # noqa: PLR2004 - (info, records)
        return None
    info, collections = stored
    if not isinstance(info, m.DatasetInfo) or not isinstance(collections, dict):
        return None
    if list(collections) != [kind for kind, _ in KINDS]:
        return None
    for kind, cls in KINDS:
        records = collections[kind]
        if not isinstance(records, tuple) or not all(type(r) is cls for r in records):
            return None
    return _assemble(info, collections)


def _assemble(info: m.DatasetInfo, collections: Mapping[str, tuple[Record, ...]]) -> Dataset:
    """The :class:`Dataset` of checked records (ids are unique)."""
    by_id = {record.id: record for records in collections.values() for record in records}
    return Dataset(info=info, by_id=MappingProxyType(by_id), **collections)  # type: ignore[arg-type]


def _packaged_data() -> str | Traversable:
    """The packaged data directory, read through importlib.resources only when it must be.

    Installed as files (the common case), a plain path spares importing pathlib and
    importlib.resources (~10 ms); from a zip, importlib.resources reads it.
    """
    beside = os.path.join(os.path.dirname(__file__), "data")
    if os.path.isdir(beside):
        return beside
    from importlib import resources

    return resources.files("kzpk") / "data"


_cache: dict[Path | None, Dataset] = {}
_cache_lock = threading.Lock()


def load(path: str | Path | None = None) -> Dataset:
    """Load and check a dataset; raise :class:`~kzpk.DatasetError` naming every problem.

    With no *path*, use ``KZPK_DATA_DIR`` if set, else the data shipped with kzpk; that
    dataset is read once and cached (concurrent first calls get the same object). An
    explicit *path* is always read afresh, which is what validating a directory needs.
    """
    if path is not None:
        given = os.fspath(path)
        if not isinstance(given, str):
            raise TypeError(f"path must be a str or a path object, not {type(path).__name__}")
        return _load_from(given)
    data_dir = current_data_dir()
    cached = _cache.get(data_dir)
    if cached is not None:
        return cached
    with _cache_lock:
        cached = _cache.get(data_dir)
        if cached is None:
            folder = _packaged_data() if data_dir is None else os.fspath(data_dir)
            cached = _cache[data_dir] = _load_from(folder, snapshot=True)
    return cached
