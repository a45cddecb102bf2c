"""Sectors of cooperation, the documents signed, and the counts sources give of them."""

import datetime as dt
from decimal import Decimal

import attrs

from kzpk.model._base import NO_ALIASES, PARTIES, POSITIVE, RecordBase, ref, unit
from kzpk.model._enums import AgreementKind
from kzpk.model._sources import Citation, Period


@attrs.frozen(repr=False, eq=False)
class Sector(RecordBase):
    """A sector of cooperation; sectors form a tree whose roots are the priority areas.

    Attributes:
        id: A short slug.
        name: The name.
        parent: The id of the parent sector, or None for a priority area.
        aliases: Other names, short forms and spellings ("defense", "IT").
        citations: Where the sector is named.
    """

    id: str
    name: str
    parent: str | None = attrs.field(default=None, metadata=ref("sectors"))
    aliases: tuple[str, ...] = NO_ALIASES
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Agreement(RecordBase):
    """A signed or adopted document: declaration, agreement, memorandum, plan, platform, pairing.

    Attributes:
        id: A short slug.
        title: The title, as close to the sources' wording as they allow.
        kind: What sort of document it is.
        sectors: Ids of the sectors it concerns.
        parties: Ids of the countries, organisations, places or people that are party to it.
        signed: The signing date, where stated or certain; else None.
        place: The id of the place of signing, where stated.
        period: The period it covers, where stated (e.g. an action plan for 2025–26).
        description: What it is about, in a line.
        citations: Where it is stated.
        signed_within: When the day of signing is not stated but the sources place it in
            a stretch of days (``"during the visit"``: 3–4 February 2026); None otherwise.
        group: Whether the record stands for a reported group of documents whose number
            the sources do not give ("agreements" in the agro-industrial sector).
        value: What it is worth in US dollars, where a source states it (a contract's
            value; a group's total), as stated: "around $200 million" is 200 million.
    """

    id: str
    title: str
    kind: AgreementKind
    sectors: tuple[str, ...] = attrs.field(metadata=ref("sectors"))
    parties: tuple[str, ...] = attrs.field(default=(), metadata=ref(*PARTIES))
    signed: dt.date | None = None
    place: str | None = attrs.field(default=None, metadata=ref("places"))
    period: Period | None = None
    description: str | None = None
    citations: tuple[Citation, ...] = ()
    signed_within: Period | None = None
    group: bool = False
    value: Decimal | None = attrs.field(default=None, metadata=unit("USD", **POSITIVE))


@attrs.frozen(repr=False, eq=False)
class DocumentCount(RecordBase):
    """A number of documents a source says were signed, which may not be itemised anywhere.

    Attributes:
        id: A short slug.
        count: How many.
        at_least: Whether the source says "over" or "more than" the count.
        scope: The source's words for what was counted.
        sectors: Ids of the sectors the source names for them, if any.
        citations: Where it is stated.
    """

    id: str
    count: int = attrs.field(metadata=POSITIVE)
    at_least: bool = False
    scope: str = "documents"
    sectors: tuple[str, ...] = attrs.field(default=(), metadata=ref("sectors"))
    citations: tuple[Citation, ...] = ()
