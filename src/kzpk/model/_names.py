"""Names of records in every language, each cited."""

from enum import StrEnum

import attrs

from kzpk.model._base import PARTIES, RecordBase, ref
from kzpk.model._languages import LANGUAGE_CHOICES, known_language
from kzpk.model._sources import Citation
from kzpk.model._transliteration import TRANSLITERATION_RULES


class NameKind(StrEnum):
    """What a name is: the official or everyday form, an old name, a romanisation, a short form."""

    OFFICIAL = "official"
    COMMON = "common"
    HISTORICAL = "historical"
    TRANSLITERATION = "transliteration"
    ABBREVIATION = "abbreviation"


@attrs.frozen(repr=False, eq=False)
class Name(RecordBase):
    """One name of a country, person, place or organisation, in one language, with its source.

    Attributes:
        id: A short slug (``"almaty-kk"``).
        record: The id of the record it names.
        text: The name as written, in its own script (``"Алматы"``, ``"کراچی"``).
        language: Its BCP 47 language tag, one of :data:`~kzpk.model.LANGUAGES` (``"kk-Latn"``).
        kind: Official, common, historical, a transliteration or an abbreviation.
        note: What the source does not say plainly (a period of use, how it was derived).
        citations: Where the name is written so (for a derived name, where the name it is
            derived from is written, and the rule).
        derived_from: For a name kzpk derived rather than found written, the id of the
            cited name of the same record it spells (``"almaty-kk"``); None for a name a
            source writes so.
        rule: For a derived name, the id of the rule that spells it, one of
            :data:`~kzpk.model.TRANSLITERATION_RULES` (``"kazakh-latin-2021"``).
    """

    id: str
    record: str = attrs.field(metadata=ref(*PARTIES))
    text: str
    language: str = attrs.field(validator=known_language, metadata=LANGUAGE_CHOICES)
    kind: NameKind
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    derived_from: str | None = attrs.field(default=None, metadata=ref("names"))
    rule: str | None = attrs.field(
        default=None, metadata={"choices": frozenset(TRANSLITERATION_RULES)}
    )

    @property
    def is_derived(self) -> bool:
        """Whether kzpk derived the name from another by a rule, rather than finding it written."""
        return self.derived_from is not None
