"""Which names a record answers to, and how well: the keys search and the resolver share.

Light on purpose (no rapidfuzz): resolving a name needs only these keys; close spellings
are looked for only on a miss, by :mod:`kzpk.names._search`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, Final

from kzpk import model as m
from kzpk._spelling import normalise

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset


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


def labels(record: object) -> Iterable[tuple[str, Tier]]:
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


def name_keys(dataset: Dataset, ids: frozenset[str] | None = None) -> dict[str, dict[str, Tier]]:
    """Every folded name of the records (of *ids*, or all): key -> record id -> best tier.

    The one definition of which names a record answers to, and how well: the search index
    and every resolver read it.
    """
    exact: dict[str, dict[str, Tier]] = {}

    def add(label: str, ident: str, tier: Tier) -> None:
        key = normalise(label)
        for spelling in {key, key.replace(" ", "")} - {""}:  # "Nursultan" is "Nur-Sultan"
            named = exact.setdefault(spelling, {})
            named[ident] = min(tier, named.get(ident, tier))

    records = dataset.records() if ids is None else map(dataset.get, sorted(ids))
    for record in records:
        if isinstance(record, m.Name):
            add(record.text, record.record, _NAME_TIERS[record.kind])
        elif record is not None:
            for label, tier in labels(record):
                add(label, record.id, tier)
    if ids is not None:
        for name in dataset.names:
            if name.record in ids:
                add(name.text, name.record, _NAME_TIERS[name.kind])
    return exact
