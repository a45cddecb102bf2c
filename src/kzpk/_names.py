"""Name matching: normalisation, alias indexes and "did you mean" suggestions.

Rules: names are compared whole, after normalisation: every script is read in Latin
letters (``anyascii``: Алматы → almaty, Тоқаев → toqaev, کراچی → krchy), accents
stripped, case folded, apostrophes dropped, other punctuation and dashes read as spaces,
runs of spaces collapsed. A name never matches a mere substring of another ("Peru" does
not match "Perugia"). Close spellings are found with ``rapidfuzz``; both libraries are
imported only when a name needs them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from kzpk.exceptions import NotFoundError

_NOT_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['`\u02bb\u02bc\u2018\u2019]")
#: The least rapidfuzz ratio (0-100) for a suggestion ("did you mean").
SUGGEST_CUTOFF: Final = 60.0


def normalise(name: str) -> str:
    """Return *name* folded for comparison: Latin letters, no accents, case or punctuation."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.casefold())
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if not name.isascii():
            from anyascii import anyascii

            name = anyascii(name)
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", name.casefold())).strip()


def close_names(wanted: str, keys: Sequence[str], *, limit: int, cutoff: float) -> list[str]:
    """Return up to *limit* of *keys* (normalised names) closest to *wanted*, best first."""
    from rapidfuzz import fuzz, process

    found = process.extract(wanted, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [key for key, _score, _index in found]


def suggest(wanted: str, valid: Iterable[str], *, limit: int = 3) -> str:
    """Return ``" (did you mean 'a' or 'b'?)"`` for the closest valid names, or ``""``."""
    by_key: dict[str, str] = {}
    for name in valid:
        by_key.setdefault(normalise(name), name)
    close = close_names(normalise(wanted), list(by_key), limit=limit, cutoff=SUGGEST_CUTOFF)
    return _did_you_mean([by_key[key] for key in close])


def _did_you_mean(names: Sequence[str]) -> str:
    """``" (did you mean 'a' or 'b'?)"``, or ``""`` for no names."""
    if not names:
        return ""
    quoted = [f"'{name}'" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {listed}?)"


class NameIndex:
    """Resolve names and aliases to ids, whole-name and normalised.

    Args:
        what: What the names name, for messages ("sector", "place").
        names: Pairs of (name or alias, id). A name claimed by two ids is ambiguous
            and resolves to neither; the message then lists both.
    """

    __slots__ = ("_ambiguous", "_by_key", "_display", "_labels", "what")

    def __init__(self, what: str, names: Iterable[tuple[str, str]]) -> None:
        """Build the index once; lookups are then one dictionary access."""
        self.what = what
        by_key: dict[str, str] = {}
        ambiguous: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        display: dict[str, str] = {}
        for name, ident in names:
            key = normalise(name)
            if not key:
                continue
            labels.setdefault(name, ident)
            display.setdefault(ident, name)
            if by_key.get(key, ident) != ident:
                ambiguous.setdefault(key, {by_key[key]}).add(ident)
            by_key.setdefault(key, ident)
        self._by_key: Mapping[str, str] = MappingProxyType(by_key)
        self._ambiguous: Mapping[str, frozenset[str]] = MappingProxyType(
            {key: frozenset(ids) for key, ids in ambiguous.items()}
        )
        self._labels = tuple(labels)
        self._display: Mapping[str, str] = MappingProxyType(display)

    def get(self, name: str) -> str | None:
        """Return the id *name* stands for, or None when it names nothing (or is ambiguous)."""
        key = normalise(name)
        if key in self._ambiguous:
            return None
        return self._by_key.get(key)

    def resolve(self, name: str) -> str:
        """Return the id *name* stands for; raise :class:`NotFoundError` with suggestions.

        Raises:
            NotFoundError: *name* names nothing, or is ambiguous.
            TypeError: *name* is not a string.
        """
        if not isinstance(name, str):
            raise TypeError(f"{self.what} must be a name (a str), not {type(name).__name__}")
        key = normalise(name)
        if key in self._ambiguous:
            options = ", ".join(sorted(self._ambiguous[key]))
            raise NotFoundError(f"{self.what} {name!r} is ambiguous: it may mean {options}")
        ident = self._by_key.get(key)
        if ident is None:
            hint = self._suggest(key) or f"; valid: {', '.join(self.examples())}"
            raise NotFoundError(f"unknown {self.what} {name!r}{hint}")
        return ident

    def _suggest(self, key: str, limit: int = 3) -> str:
        """The closest records, each once, by the first name given for it."""
        close = close_names(key, list(self._by_key), limit=4 * limit, cutoff=SUGGEST_CUTOFF)
        ids = list(dict.fromkeys(self._by_key[k] for k in close))[:limit]
        return _did_you_mean([self._display[i] for i in ids])

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name and alias indexed, in the order first given."""
        return self._labels

    def examples(self, limit: int = 8) -> tuple[str, ...]:
        """Return up to *limit* valid names, for messages."""
        return self._labels[:limit] + (("…",) if len(self._labels) > limit else ())
