"""The language tags of the dataset: one closed list for names and sources alike."""

from typing import Final, TypeVar

import attrs

_Tag = TypeVar("_Tag", str, str | None)

#: Every language tag a name or a source may carry (BCP 47): a language, and a script
#: where the language is written in more than one (Kazakh in Cyrillic, ``kk``; in the 2021
#: Latin alphabet, ``kk-Latn``; in the Arabic script of China's and Iran's Kazakhs,
#: ``kk-Arab``; Uzbek in Latin, ``uz``, and Cyrillic, ``uz-Cyrl``; Serbian in both).
#: Names come in the region's languages; sources also in those their outlets write in, or
#: a machine translation was read in (Scots, Tagalog and Swahili Wikipedia among them),
#: and those of a Wikipedia whose own page states a fact (Esperanto, Greek, Japanese, Korean,
#: Marathi, Norwegian Nynorsk, Polish, Punjabi, Sundanese, Tamil).
LANGUAGES: Final = frozenset(
    {
        "ar",
        "az",
        "be",
        "bg",
        "de",
        "el",
        "en",
        "eo",
        "es",
        "fa",
        "fi",
        "fr",
        "hi",
        "is",
        "it",
        "ja",
        "ka",
        "kk",
        "kk-Arab",
        "kk-Latn",
        "ko",
        "mr",
        "nb",
        "nl",
        "nn",
        "pa",
        "pl",
        "ps",
        "ro",
        "ru",
        "sco",
        "sr-Cyrl",
        "sr-Latn",
        "su",
        "sv",
        "sw",
        "ta",
        "tk",
        "tl",
        "tr",
        "ur",
        "uz",
        "uz-Cyrl",
        "zh",
    }
)


def known_language(_instance: object, attribute: "attrs.Attribute[_Tag]", value: _Tag) -> None:
    """Validator: *value* is one of :data:`LANGUAGES` (or None, where the field allows it)."""
    if value is not None and value not in LANGUAGES:
        raise ValueError(
            f"{attribute.name} {value!r} is not an allowed language tag; "
            f"valid: {', '.join(sorted(LANGUAGES))}"
        )


#: Field metadata of a language tag: the loader and the JSON Schema allow these values.
LANGUAGE_CHOICES: Final = {"choices": LANGUAGES}
