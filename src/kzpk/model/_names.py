"""Names of records in every language, each cited."""

from enum import StrEnum
from typing import Final

import attrs

from kzpk.model._base import PARTIES, RecordBase, ref
from kzpk.model._sources import Citation


class NameKind(StrEnum):
    """What a name is: the official or everyday form, an old name, a romanisation, a short form."""

    OFFICIAL = "official"
    COMMON = "common"
    HISTORICAL = "historical"
    TRANSLITERATION = "transliteration"
    ABBREVIATION = "abbreviation"


#: The language tags names may carry (BCP 47): English; Kazakh in Cyrillic, in the 2021 Latin
#: alphabet and in the Arabic script of China's and Iran's Kazakhs; Russian; Urdu; and the
#: neighbours' languages for their own places.
LANGUAGES: Final = frozenset(
    {
        "en",
        "kk",
        "kk-Latn",
        "kk-Arab",
        "ru",
        "ur",
        "uz",
        "uz-Cyrl",
        "ps",
        "fa",
        "tk",
        "zh",
        "az",
        "ka",
        "be",
    }
)


def _known_language(_instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    """Validator: *value* is one of :data:`LANGUAGES`."""
    if value not in LANGUAGES:
        raise ValueError(
            f"{attribute.name} {value!r} is not an allowed language tag; "
            f"valid: {', '.join(sorted(LANGUAGES))}"
        )


@attrs.frozen(repr=False, eq=False)
class Name(RecordBase):
    """One name of a country, person, place or organisation, in one language, with its source.

    Attributes:
        id: A short slug (``"almaty-kk"``).
        record: The id of the record it names.
        text: The name as written, in its own script (``"Алматы"``, ``"کراچی"``).
        language: Its BCP 47 language tag, one of :data:`LANGUAGES` (``"kk-Latn"``).
        kind: Official, common, historical, a transliteration or an abbreviation.
        note: What the source does not say plainly (a period of use, how it was derived).
        citations: Where the name is written so.
    """

    id: str
    record: str = attrs.field(metadata=ref(*PARTIES))
    text: str
    language: str = attrs.field(validator=_known_language, metadata={"choices": LANGUAGES})
    kind: NameKind
    note: str | None = None
    citations: tuple[Citation, ...] = ()
