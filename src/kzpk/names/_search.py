"""Search and lookup by name, over every name of every record in every script.

Each record is known by its id, its name (or title, or question), its aliases and the
:class:`~kzpk.Name` records that name it. Names are normalised once (see
:func:`kzpk._spelling.normalise`: Алматы, Almaty and ALMATY are one key) into an index that
lives on the dataset (:meth:`kzpk.Dataset.derived`), so a query costs a few dictionary
look-ups and, for typos, one ``rapidfuzz`` pass over the distinct names.

Ranking, best first:

1. **exact**: the query is the record's id or its own name;
2. **name**: the query is one of its official or common names in any language;
3. **alias**: the query is an alias, a historical name, a transliteration or an abbreviation;
4. **prefix**: every word of the query is a whole word of a name (names that begin with
   the query first, then shorter names): "Sharif" finds "Shehbaz Sharif", "Peru" never
   finds "Perugia";
5. **fuzzy**: a close spelling of a name, or of its words ("Tokaev", "Shehbaz Sharef").

Sources never rank above the prefix tier (a source titled "Nur-Sultan" comes after Astana,
which has it as an old name), and within a tier records come before sources; then closer
and shorter names, then ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs
from rapidfuzz import fuzz, process

from kzpk import model as m
from kzpk._spelling import close_names, normalise, suggest
from kzpk.dataset._derived import Derived
from kzpk.exceptions import ChoiceError, InvalidInputError
from kzpk.model import KINDS
from kzpk.model._kinds import KIND_BY_CLASS, KIND_BY_NAME
from kzpk.names._keys import Tier, labels, name_keys

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset
    from kzpk.model import Record

__all__ = [
    "Tier",
    "describe",
    "index_of",
    "kind_of",
    "labels",
    "lookup",
    "name_keys",
    "ranked",
    "search",
]

#: The least rapidfuzz ratio (0-100) for a whole name to count as a close spelling.
FUZZY_CUTOFF: Final = 80.0
#: The least ratio for one word of a name to stand for a misspelt word of the query.
WORD_CUTOFF: Final = 80.0
#: Queries and words shorter than this are never matched fuzzily (too many near misses).
FUZZY_MIN_LENGTH: Final = 4
_WORD_CHOICES: Final = 4  # close words tried per misspelt query word


@attrs.frozen
class _Index:
    """Every normalised name, with who it names and how well."""

    exact: Mapping[str, Mapping[str, Tier]]  # key -> record id -> best tier of that key
    by_length: Mapping[int, tuple[str, ...]]  # length -> keys of that length
    words: Mapping[str, frozenset[str]]  # word -> keys containing it
    vocabulary: tuple[str, ...]  # distinct words, for fuzzy matching
    sources: frozenset[str]  # ids of sources (ranked after records)
    kinds: Mapping[str, frozenset[str]]  # kind stem -> ids of that kind
    named: frozenset[str]  # ids search may return: every record but names themselves
    near_cache: dict[int, tuple[str, ...]] = attrs.field(factory=dict)  # filled by near()

    def near(self, length: int) -> tuple[str, ...]:
        """The keys a key of *length* letters can be close to (FUZZY_CUTOFF), worked out once.

        The ratio is at most ``200 * min(a, b) / (a + b)``, so far longer or shorter keys are
        never compared.
        """
        found = self.near_cache.get(length)
        if found is None:
            found = self.near_cache.setdefault(
                length,
                tuple(
                    key
                    for size, keys in self.by_length.items()
                    if 200 * min(length, size) >= FUZZY_CUTOFF * (length + size)
                    for key in keys
                ),
            )
        return found


def _build(dataset: Dataset) -> _Index:
    exact = name_keys(dataset)
    words: dict[str, set[str]] = {}
    for key in exact:
        for word in key.split():
            words.setdefault(word, set()).add(key)
    return _Index(
        exact=MappingProxyType({k: MappingProxyType(v) for k, v in exact.items()}),
        by_length=_by_length(exact),
        words=MappingProxyType({w: frozenset(k) for w, k in words.items()}),
        vocabulary=tuple(words),
        sources=frozenset(s.id for s in dataset.sources),
        kinds=MappingProxyType(
            {k.name: frozenset(r.id for r in getattr(dataset, k.name)) for k in KINDS}
        ),
        named=frozenset(r.id for r in dataset.records() if not isinstance(r, m.Name)),
    )


def _by_length(keys: Iterable[str]) -> Mapping[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for key in keys:
        found.setdefault(len(key), []).append(key)
    return MappingProxyType({size: tuple(found[size]) for size in sorted(found)})


_SEARCH_INDEX: Final = Derived("kzpk.names.search-index", _build)


def index_of(dataset: Dataset) -> _Index:
    """The search index of *dataset*, built on first use and kept on it."""
    return dataset.derived(_SEARCH_INDEX)


def _kind_names() -> Mapping[str, str]:
    """Every way to name a kind ("places", "place", "Place", "document-count") -> its name."""
    return {
        normalise(spelling).replace(" ", ""): kind.name
        for kind in KINDS
        for spelling in (kind.name, kind.singular, kind.cls.__name__)
    }


def _singular(stem: str) -> str:
    """One record of kind *stem*, for messages ("places" -> "place")."""
    return KIND_BY_NAME[stem].singular


def kind_of(kind: type[Any] | str) -> str:
    """Return the kind stem ("places") of a record class or kind name; raise if there is none."""
    if isinstance(kind, type):
        if kind in KIND_BY_CLASS:
            return KIND_BY_CLASS[kind].name
        classes = [k.cls.__name__ for k in KINDS]
        raise ChoiceError(
            f"{{option}}: {kind.__name__} is not a record class; valid: {', '.join(classes)}",
            option="kind",
            value=kind,
            valid=classes,
        )
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a record class or a string, not {type(kind).__name__}")
    found = _kind_names().get(normalise(kind).replace(" ", ""))
    if found is None:
        names = [k.name for k in KINDS]
        raise ChoiceError(
            f"{{option}}: {kind!r} is not one of {', '.join(names)}{suggest(kind, names)}",
            option="kind",
            value=kind,
            valid=names,
        )
    return found


def _matches(
    index: _Index, key: str, wanted: frozenset[str] | None = None, enough: int | None = None
) -> dict[str, tuple[Tier, float, int]]:
    """Every record id the key matches, with (tier, closeness, name length); lower is better.

    With *enough*, close spellings are not looked for once that many ids (of *wanted*, if
    given) already match better: they could only rank after them.
    """
    found: dict[str, tuple[Tier, float, int]] = {}
    query_words = key.split()
    stages = (
        _named(index, key, query_words),
        _close(index, key, query_words),
    )
    for stage, named in enumerate(stages):
        if stage and enough is not None:
            hits = found.keys() if wanted is None else found.keys() & wanted
            if len(hits) >= enough:
                break
        for name, how, closeness, length in named:
            for ident, tier in index.exact[name].items():
                ranked = max(tier, how, Tier.PREFIX if ident in index.sources else Tier.EXACT)
                offered = (ranked, closeness, length)
                if offered < found.get(ident, _NO_MATCH):
                    found[ident] = offered
    return found


_NO_MATCH: Final = (Tier.FUZZY + 1, 0.0, 0)
_Named = Iterable[tuple[str, Tier, float, int]]


def _named(index: _Index, key: str, query_words: list[str]) -> _Named:
    """The names the key is, or whose words it holds (the name's own tier then bounds it)."""
    if key in index.exact:
        yield key, Tier.EXACT, 0.0, len(key)
    for name in _containing(index, query_words):
        if name != key:
            yield name, Tier.PREFIX, 0.0 if name.startswith(key + " ") else 1.0, len(name)


def _close(index: _Index, key: str, query_words: list[str]) -> _Named:
    """The names spelt close to the key, or holding close spellings of its words."""
    if len(key) >= FUZZY_MIN_LENGTH:
        for name, score, _ in process.extract(
            key, index.near(len(key)), scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF
        ):
            yield name, Tier.FUZZY, -score, len(name)
    for name in _containing_close_words(index, query_words):
        yield name, Tier.FUZZY, -WORD_CUTOFF, len(name)


def _containing(index: _Index, query_words: list[str]) -> frozenset[str]:
    """The names that hold every one of *query_words* as a whole word."""
    if not query_words:
        return frozenset()
    postings = [index.words.get(word, frozenset()) for word in query_words]
    postings.sort(key=len)
    found = postings[0]
    for more in postings[1:]:
        found &= more
    return found


def _containing_close_words(index: _Index, query_words: list[str]) -> frozenset[str]:
    """The names that hold each query word, or a close spelling of it, as a whole word."""
    unknown = [w for w in query_words if w not in index.words]
    if not unknown or any(len(w) < FUZZY_MIN_LENGTH for w in unknown):
        return frozenset()
    found: frozenset[str] | None = None
    for word in query_words:
        if word in index.words:
            names = index.words[word]
        else:
            close = close_names(word, index.vocabulary, limit=_WORD_CHOICES, cutoff=WORD_CUTOFF)
            names = frozenset().union(*(index.words[c] for c in close))
        found = names if found is None else found & names
        if not found:
            return frozenset()
    return found or frozenset()


def ranked(
    dataset: Dataset, query: str, kind: type[Any] | str | None, limit: int | None = None
) -> list[str]:
    """Return the ids of records matching *query* (of *kind*), best first (see above).

    Names themselves are left out: a :class:`~kzpk.Name` is found through its record.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a string, not {type(query).__name__}")
    index = index_of(dataset)
    key = normalise(query)
    if not key:
        return []
    allowed = index.kinds[kind_of(kind)] if kind is not None else index.named
    found = _matches(index, key, allowed, limit)
    ranked = sorted(
        (i for i in found if i in allowed),
        key=lambda i: (found[i][0], i in index.sources, found[i][1], found[i][2], i),
    )
    return ranked if limit is None else ranked[:limit]


def search(
    dataset: Dataset, query: str, kind: type[Any] | str | None = None, *, limit: int = 10
) -> tuple[Record, ...]:
    """Return up to *limit* records named like *query* (of *kind*), best first (see above)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidInputError(f"limit must be a whole number of at least 0, not {limit!r}")
    found = (dataset.get(i) for i in ranked(dataset, query, kind, limit))
    return tuple(record for record in found if record is not None)


def describe(record: Record | None) -> str:
    """``'Almaty' (place almaty)``: a record's name, what it is and the id to type."""
    assert record is not None  # noqa: S101 - callers describe ids of the dataset
    label = getattr(record, "name", None) or getattr(record, "title", None)
    what = type(record).__name__.lower()
    return f"'{label}' ({what} {record.id})" if label else f"'{record.id}' ({what})"


def lookup(dataset: Dataset, key: str, kind: type[Any] | None = None) -> Any:  # noqa: ANN401 - typed by Dataset.lookup's overloads
    """Return the record whose id or name is *key* (of *kind*), by the one resolver's policy.

    Any record's id resolves; names resolve among records of *kind*, or among every kind
    but sources when no kind is given (see :mod:`kzpk.names._resolve`).

    Raises:
        AmbiguousNameError: Several records have the name equally well.
        NotFoundError: No record has the id or name; the closest are suggested.
    """
    from kzpk.names._resolve import resolver

    if not isinstance(key, str):
        raise TypeError(f"key must be a string, not {type(key).__name__}")
    if kind is None:
        record = dataset.get(key)
        if record is not None:
            return record
        kinds = tuple(k.name for k in KINDS if k.name not in ("sources", "names"))
        return dataset.get(resolver(dataset, *kinds, what="record").resolve(key))
    return dataset.get(resolver(dataset, kind_of(kind)).resolve(key))
