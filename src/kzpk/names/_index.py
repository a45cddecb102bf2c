"""Alias indexes: every name and alias of a set of records, resolved whole and normalised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from kzpk._spelling import SUGGEST_CUTOFF, close_names, did_you_mean, normalise
from kzpk.exceptions import NotFoundError


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
        return did_you_mean([self._display[i] for i in ids])

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name and alias indexed, in the order first given."""
        return self._labels

    def examples(self, limit: int = 8) -> tuple[str, ...]:
        """Return up to *limit* valid names, for messages."""
        return self._labels[:limit] + (("…",) if len(self._labels) > limit else ())
