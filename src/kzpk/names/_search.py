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
from enum import IntEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs
from rapidfuzz import fuzz, process

from kzpk import model as m
from kzpk._spelling import close_names, normalise
from kzpk.exceptions import InvalidInputError, NotFoundError
from kzpk.model import KIND_BY_CLASS, KIND_BY_NAME, KINDS
from kzpk.names._index import NameIndex

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset, Record

__all__ = ["Tier", "kind_of", "lookup", "name_index", "search"]

#: The least rapidfuzz ratio (0-100) for a whole name to count as a close spelling.
FUZZY_CUTOFF: Final = 80.0
#: The least ratio for one word of a name to stand for a misspelt word of the query.
WORD_CUTOFF: Final = 80.0
#: Queries and words shorter than this are never matched fuzzily (too many near misses).
FUZZY_MIN_LENGTH: Final = 4
_WORD_CHOICES: Final = 4  # close words tried per misspelt query word


class Tier(IntEnum):
    """How a name matched a query; lower is better."""

    EXACT = 0
    NAME = 1
    ALIAS = 2
    PREFIX = 3
    FUZZY = 4


_NAME_TIERS: Final = {
    m.NameKind.OFFICIAL: Tier.NAME,
    m.NameKind.COMMON: Tier.NAME,
    m.NameKind.HISTORICAL: Tier.ALIAS,
    m.NameKind.TRANSLITERATION: Tier.ALIAS,
    m.NameKind.ABBREVIATION: Tier.ALIAS,
}


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


def _labels(record: object) -> Iterable[tuple[str, Tier]]:
    """A record's own names: id and name/title/question (exact), aliases.

    A parameter's "name" describes a figure ("Port handling per sea leg"); only its id
    names it.
    """
    yield str(getattr(record, "id", "")), Tier.EXACT
    if isinstance(record, m.Parameter):
        return
    for attribute in ("name", "title", "question"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            yield value, Tier.EXACT
    for alias in getattr(record, "aliases", ()):
        yield alias, Tier.ALIAS


def _build(dataset: Dataset) -> _Index:
    exact: dict[str, dict[str, Tier]] = {}

    def add(label: str, ident: str, tier: Tier) -> None:
        key = normalise(label)
        if key:
            named = exact.setdefault(key, {})
            named[ident] = min(tier, named.get(ident, tier))

    for record in dataset.records():
        if isinstance(record, m.Name):
            add(record.text, record.record, _NAME_TIERS[record.kind])
        else:
            for label, tier in _labels(record):
                add(label, record.id, tier)
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


def _index(dataset: Dataset) -> _Index:
    return dataset.derived(_index, _build)


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
        valid = ", ".join(k.cls.__name__ for k in KINDS)
        raise InvalidInputError(f"{kind.__name__} is not a record class; valid: {valid}")
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a record class or a string, not {type(kind).__name__}")
    found = _kind_names().get(normalise(kind).replace(" ", ""))
    if found is None:
        valid = ", ".join(k.name for k in KINDS)
        raise InvalidInputError(f"unknown kind {kind!r}; valid: {valid}")
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


def _ranked(
    dataset: Dataset, query: str, kind: type[Any] | str | None, limit: int | None = None
) -> list[str]:
    """Record ids matching *query* (of *kind*), best first; names of names are left out."""
    if not isinstance(query, str):
        raise TypeError(f"query must be a string, not {type(query).__name__}")
    index = _index(dataset)
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
    found = (dataset.get(i) for i in _ranked(dataset, query, kind, limit))
    return tuple(record for record in found if record is not None)


def _describe(record: Record) -> str:
    """``'almaty' (place Almaty)``: the id to type, what it is and its name."""
    label = getattr(record, "name", None) or getattr(record, "title", None)
    what = type(record).__name__.lower()
    return f"'{record.id}' ({what} {label})" if label else f"'{record.id}' ({what})"


def lookup(dataset: Dataset, key: str, kind: type[Any] | None = None) -> Any:  # noqa: ANN401 - typed by Dataset.lookup's overloads
    """Return the record whose id or name is *key*; raise NotFoundError on a miss or a tie.

    An id wins outright. Otherwise the records with *key* as a name (any language, any
    script, an alias or an old name) are taken at their best tier, sources only when no
    other record has the name. One left is the answer; several raise, listing them.
    """
    if not isinstance(key, str):
        raise TypeError(f"key must be a string, not {type(key).__name__}")
    stem = None if kind is None else kind_of(kind)
    what = "record" if stem is None else _singular(stem)
    record = dataset.get(key)
    if record is not None and (kind is None or isinstance(record, kind)):
        return record
    index = _index(dataset)
    allowed = None if stem is None else index.kinds[stem]
    named = {
        i: tier
        for i, tier in index.exact.get(normalise(key), {}).items()
        if allowed is None or i in allowed
    }
    records = {i: tier for i, tier in named.items() if i not in index.sources} or named
    if records:
        best = min(records.values())
        tied = sorted(i for i, tier in records.items() if tier == best)
        if len(tied) == 1:
            return dataset.get(tied[0])
        options = ", ".join(_describe(dataset.lookup(i)) for i in tied)
        raise NotFoundError(f"{what} name {key!r} is ambiguous: it may mean {options}")
    close = _ranked(dataset, key, stem, 3)
    if close:
        hint = " or ".join(_describe(dataset.lookup(i)) for i in close)
        raise NotFoundError(f"no {what} with id or name {key!r} (did you mean {hint}?)")
    valid = sorted(allowed) if allowed is not None else []
    examples = f"; valid ids include {', '.join(valid[:8])}" if valid else ""
    raise NotFoundError(f"no {what} with id or name {key!r}{examples}")


def name_index(dataset: Dataset, *kinds: str, what: str | None = None) -> NameIndex:
    """The one resolver of names for *kinds* ("places", "countries", …), built once per dataset.

    It knows each record's id, name, aliases and every :class:`~kzpk.Name` of it, in any
    script; a name claimed by two records resolves to neither and says so. Helpers that
    take a place, person, country, organisation or sector by name resolve it here.
    """
    stems = tuple(kind_of(k) for k in kinds)
    return dataset.derived(("name-index", stems, what), lambda data: _name_index(data, stems, what))


def _name_index(dataset: Dataset, stems: tuple[str, ...], what: str | None) -> NameIndex:
    wanted = {r.id: r for stem in stems for r in getattr(dataset, stem)}
    pairs: list[tuple[str, str]] = []
    for record in wanted.values():  # its own name first: messages show the first given
        labels = [label for label, _tier in _labels(record) if label != record.id]
        pairs += [(label, record.id) for label in (*labels, record.id)]
    pairs += [(n.text, n.record) for n in dataset.names if n.record in wanted]
    return NameIndex(what or " or ".join(_singular(stem) for stem in stems), pairs)
