"""Spelling: how names are folded for comparison, choices, and "did you mean" suggestions.

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
from functools import lru_cache
from typing import Final, TypeVar

from kzpk.exceptions import ChoiceError

_S = TypeVar("_S", bound=str)

_NOT_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['`\u02bb\u02bc\u2018\u2019]")
#: The least rapidfuzz ratio (0-100) for a suggestion ("did you mean").
SUGGEST_CUTOFF: Final = 60.0


@lru_cache(maxsize=16384)
def normalise(name: str) -> str:
    """Return *name* folded for comparison: Latin letters, no accents, case or punctuation.

    Remembered for the last 16,384 names: every index of names folds the same ones.
    """
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
    return did_you_mean([by_key[key] for key in close])


def did_you_mean(names: Sequence[str]) -> str:
    """``" (did you mean 'a' or 'b'?)"``, or ``""`` for no names."""
    if not names:
        return ""
    quoted = [f"'{name}'" for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {listed}?)"


def choose(
    choices: Iterable[_S], value: object, option: str, *, aliases: Mapping[str, _S] | None = None
) -> _S:
    """Return the member of *choices* that *value* names: itself, its value, or an alias.

    Case, accents and punctuation aside (``"Under construction"`` is
    ``"under-construction"``).

    Raises:
        ChoiceError: *value* names none of them; ``valid`` lists every choice.
    """
    members = list(choices)
    if value in members:
        return members[members.index(value)]
    if isinstance(value, str):
        key = normalise(value)
        spelled = {normalise(str(member)): member for member in members}
        spelled.update({normalise(alias): member for alias, member in (aliases or {}).items()})
        if key in spelled:
            return spelled[key]
    valid = [str(member) for member in members]
    hint = suggest(value, [*valid, *(aliases or {})]) if isinstance(value, str) else ""
    raise ChoiceError(
        f"{{option}}: {value!r} is not one of {', '.join(valid)}{hint}",
        option=option,
        value=value,
        valid=valid,
    )
