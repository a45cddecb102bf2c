"""The rules kzpk derives names by: a cited name in one script, spelt in another.

One rule so far: Kazakh Cyrillic in the Kazakh Latin alphabet of 2021, the 31-letter
alphabet the Government's National Commission presented on 28 January 2021 (it replaced
the acute-accent alphabet approved by presidential decree in February 2018). The table is
the alphabet's own (Wikipedia, "Kazakh alphabets", Latin script); letters that occur only
in borrowed words are spelt as that table spells them (Ё io, Ц ts, Щ şş, Ю iu, Я ia, the
hard and soft signs dropped).
"""

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

_KAZAKH_LATIN_2021: Final[Mapping[str, str]] = MappingProxyType(
    {
        **dict(
            zip(
                "аәбвгғдежзийкқлмнңоөпрстуұүфхһчшыіэ",
                "aäbvgğdejziikqlmnñoöprstuūüfhhçşyıe",  # noqa: RUF001 - the alphabet's dotless i
                strict=True,
            )
        ),
        "ё": "io",
        "ц": "ts",
        "щ": "şş",
        "ю": "iu",
        "я": "ia",
        "ъ": "",
        "ь": "",
    }
)


def kazakh_latin(cyrillic: str) -> str:
    """Return *cyrillic* (Kazakh) in the Kazakh Latin alphabet of 2021.

    Letters outside the table (spaces, digits, hyphens, Latin letters) are kept. A capital
    keeps its case; the capital of ``i`` is the alphabet's dotted ``İ`` and that of the
    dotless i is ``I``, so ``Ясауи`` is ``İasaui`` and ``Іле`` is ``Ile``.
    """
    out = []
    for letter in cyrillic:
        latin = _KAZAKH_LATIN_2021.get(letter.lower(), letter)
        if letter.isupper() and latin:
            latin = ("İ" if latin[0] == "i" else latin[0].upper()) + latin[1:]
        out.append(latin)
    return "".join(out)


@attrs.frozen
class TransliterationRule:
    """A rule that spells a name of one language tag in another, as kzpk derives names.

    Attributes:
        id: The rule's id, as a derived name's ``rule`` names it (``"kazakh-latin-2021"``).
        title: What the rule is, in words.
        source_language: The language tag of the names it reads (``"kk"``).
        target_language: The language tag of the names it writes (``"kk-Latn"``).
        spell: The rule itself: the text it writes for a text it reads.
    """

    id: str
    title: str
    source_language: str
    target_language: str
    spell: Callable[[str], str]


#: Every rule a derived name may name, by id.
TRANSLITERATION_RULES: Final[Mapping[str, TransliterationRule]] = MappingProxyType(
    {
        rule.id: rule
        for rule in (
            TransliterationRule(
                id="kazakh-latin-2021",
                title=(
                    "Kazakh Latin alphabet of 2021 (presented by the Government's National "
                    "Commission on 28 January 2021)"
                ),
                source_language="kk",
                target_language="kk-Latn",
                spell=kazakh_latin,
            ),
        )
    }
)
