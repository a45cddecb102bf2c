"""The dataset and loading it: read, structure, check, assemble. All or nothing.

``load()`` reads one JSON file per record kind and structures it with the one converter
(:mod:`kzpk.dataset._reading`), checks every field and every reference across files
(:mod:`kzpk.dataset._checks`), and returns a frozen :class:`Dataset`. Any problem raises
:class:`~kzpk.DatasetError` listing every problem as ``"<file>: <JSON path>: <what is
wrong>"``; nothing is cached after an error.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

from kzpk import model as m
from kzpk._spelling import choose
from kzpk.config._config import current_data_dir
from kzpk.dataset import _snapshot
from kzpk.dataset._derived import Derived
from kzpk.dataset._reading import (
    FILES,
    INFO_FILE,
    KINDS,
    Problems,
    Record,
    index_ids,
    read_bytes,
    structure_all,
)
from kzpk.exceptions import DatasetError, Problem

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
    _by_id: Mapping[str, Record] = attrs.field(init=False, repr=False)
    _derived: dict[object, object] = attrs.field(factory=dict, init=False, repr=False)
    _derived_lock: threading.RLock = attrs.field(
        factory=threading.RLock, init=False, repr=False
    )  # re-entrant: one derived value may be built from another

    def __attrs_post_init__(self) -> None:
        """Index the records by id, from the tuples themselves: the two cannot disagree."""
        by_id = {r.id: r for kind in KINDS for r in getattr(self, kind.name)}
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def derived(self, value: Derived[_T], *arguments: Hashable) -> _T:
        """Return the derived *value* of this dataset (for *arguments*), built on first use.

        For kzpk's helpers: indexes and graphs live on the dataset they come from and die
        with it (see :class:`kzpk.dataset._derived.Derived`).
        """
        key = value.key(arguments)
        try:
            return self._derived[key]  # type: ignore[return-value]
        except KeyError:
            pass
        with self._derived_lock:
            if key not in self._derived:
                self._derived[key] = value.make(self, arguments)
            return self._derived[key]  # type: ignore[return-value]

    def replace(self, **kinds: tuple[Record, ...]) -> Dataset:
        """Return a dataset with the records of some kinds replaced (``places=...``).

        The new dataset's id index and derived values are its own. Its records are not
        checked again: this is for tests, benchmarks and experiments on known records.

        Raises:
            ChoiceError: A keyword is not a kind of record.
        """
        for name in kinds:
            choose([k.name for k in KINDS], name, "kinds")
        changes: dict[str, Any] = kinds
        return attrs.evolve(self, **changes)

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
        ambiguous, with the candidates. See :func:`kzpk.names._search.lookup`.
        """
        from kzpk.names import _search

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
        (see :mod:`kzpk.names._search`). *kind* is a record class or a kind name ("place").
        """
        from kzpk.names import _search

        return _search.search(self, query, kind, limit=limit)

    def __repr__(self) -> str:
        """Show version and counts, not every record."""
        counts = ", ".join(f"{k.name}={len(getattr(self, k.name))}" for k in KINDS)
        return f"<Dataset {self.info.version} ({counts})>"


def _load_from(folder: str | Traversable, *, snapshot: bool = False) -> Dataset:
    """Read, structure and check the dataset in *folder*; with *snapshot*, reuse a checked one.

    The snapshot (see :mod:`kzpk.dataset._snapshot`) is named after the bytes just read, so it
    can only stand in for a load of exactly these files by exactly this code.
    """
    problems = Problems()
    contents = {file: read_bytes(folder, file, problems) for file in FILES}
    directory = _snapshot.cache_dir() if snapshot and not problems else None
    entry = None
    if directory is not None:  # caching is on and every file was read
        entry = _snapshot.entry_name((c for c in contents.values() if c is not None), str(folder))
        stored = None if entry is None else _snapshot.read(directory, entry, _from_snapshot)
        if stored is not None:
            return stored
    info, collections = structure_all(contents, problems)
    problems.raise_if_any()
    from kzpk.dataset._checks import check_all  # not needed when the snapshot stands in

    check_all(collections, index_ids(collections, problems), problems)
    problems.raise_if_any()
    if info is None:  # pragma: no cover - reading it without a problem set it
        raise DatasetError([Problem(INFO_FILE, "$", "missing", "missing")])
    if directory is not None and entry is not None:
        _snapshot.write(directory, entry, (info, collections))
    return Dataset(info=info, **collections)  # type: ignore[arg-type]


def _from_snapshot(stored: object) -> Dataset:
    """The dataset in a snapshot entry: ``(info, {kind: records})`` as plain data.

    Raises:
        ValueError: The entry is of another shape (its caller takes that for a miss).
    """
    if type(stored) is not tuple or len(stored) != 2:  # noqa: PLR2004 - (info, records)
        raise ValueError("a snapshot holds (info, records)")
    info, collections = stored
    if type(collections) is not dict or list(collections) != [kind.name for kind in KINDS]:
        raise ValueError("a snapshot holds the record kinds in order")
    return Dataset(
        _snapshot.builder(m.DatasetInfo)(info),
        **{k.name: tuple(map(_snapshot.builder(k.cls), collections[k.name])) for k in KINDS},
    )


def _packaged_data() -> str | Traversable:
    """The packaged data directory, read through importlib.resources only when it must be.

    Installed as files (the common case), a plain path spares importing pathlib and
    importlib.resources (~10 ms); from a zip, importlib.resources reads it.
    """
    beside = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
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
