"""Who takes part: countries, people with their roles, organisations."""

import attrs

from kzpk.model._base import NO_ALIASES, RecordBase, ref
from kzpk.model._enums import OrganisationKind
from kzpk.model._sources import Citation


@attrs.frozen(repr=False, eq=False)
class Country(RecordBase):
    """A country (ISO 3166-1).

    Attributes:
        code: The alpha-2 code, also the country's id.
        name: The common English name.
        aliases: Other names and spellings.
        citations: Where the dataset's sources name it.
    """

    code: str
    name: str
    aliases: tuple[str, ...] = NO_ALIASES
    citations: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:
        """The record id (the alpha-2 code)."""
        return self.code


@attrs.frozen(repr=False, eq=False)
class Role(RecordBase):
    """A title or office a person holds, as a source gives it.

    Attributes:
        title: The title, e.g. ``"President of Kazakhstan"``.
        citations: Where it is stated.
    """

    title: str
    citations: tuple[Citation, ...]


@attrs.frozen(repr=False, eq=False)
class Person(RecordBase):
    """A person named in the sources.

    Attributes:
        id: A short slug.
        name: The full name.
        aliases: Other forms and spellings of the name.
        country: The alpha-2 code of the person's country.
        roles: Titles the sources give.
        citations: Where the person is named.
    """

    id: str
    name: str
    country: str = attrs.field(metadata=ref("countries"))
    aliases: tuple[str, ...] = NO_ALIASES
    roles: tuple[Role, ...] = ()
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Organisation(RecordBase):
    """An institution, company, fund, forum, platform or body named in the sources.

    Attributes:
        id: A short slug.
        name: The name.
        kind: What it is.
        country: The alpha-2 code of its country, or None when international.
        aliases: Other names, abbreviations and spellings.
        citations: Where it is named.
    """

    id: str
    name: str
    kind: OrganisationKind
    country: str | None = attrs.field(default=None, metadata=ref("countries"))
    aliases: tuple[str, ...] = NO_ALIASES
    citations: tuple[Citation, ...] = ()
