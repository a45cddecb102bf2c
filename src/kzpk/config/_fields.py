"""What each setting is, declared once: its meaning, the values it takes, its default.

Every field of :class:`kzpk.Config` carries a :class:`Setting` in its metadata. The
checks of ``Config(...)``, ``configure()`` and the ``KZPK_*`` variables, the fields of
:class:`kzpk.Settings` and the settings table of the README all read it.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from typing import Any, Final, Literal

import attrs

from kzpk.exceptions import InvalidInputError

__all__ = ["SETTING", "Range", "Setting", "problem", "setting", "validate"]

#: The metadata key of a field's :class:`Setting`.
SETTING: Final = "kzpk_setting"

Kind = Literal["number", "directory", "path", "date", "flag"]


@attrs.frozen
class Range:
    """The finite range of a number setting: from *low* to *high*, each end in or out.

    Attributes:
        low: The lower end.
        high: The upper end.
        unit: The unit, in words (``km/h``, ``hours``).
        low_in: Whether *low* itself is allowed ("at least"), else "above".
        high_in: Whether *high* itself is allowed ("at most"), else "below".
    """

    low: float
    high: float
    unit: str
    low_in: bool = True
    high_in: bool = False

    def __contains__(self, value: float) -> bool:
        """Whether *value* lies in the range."""
        above = value >= self.low if self.low_in else value > self.low
        below = value <= self.high if self.high_in else value < self.high
        return above and below

    def __str__(self) -> str:
        """``at least 1 and below 1,000 km/h``."""
        low = f"{'at least' if self.low_in else 'above'} {self.low:,g}"
        return f"{low} and {'at most' if self.high_in else 'below'} {self.high:,g} {self.unit}"


@attrs.frozen
class Setting:
    """How one field of :class:`kzpk.Config` is described and checked.

    Attributes:
        meaning: What the setting sets, in a few words.
        kind: What its values are: a number (within *values*), an existing directory, a
            path, a date or a flag.
        default: The default, in words.
        values: The range of a number setting; None for other kinds.
    """

    meaning: str
    kind: Kind
    default: str
    values: Range | None = None

    def words(self) -> str:
        """The values the setting takes, in words (the README's "values" column)."""
        if self.values is not None:
            return str(self.values)
        return _KIND_WORDS[self.kind]


_KIND_WORDS: Final[dict[str, str]] = {
    "directory": "an existing directory",
    "path": "a directory (made when needed)",
    "date": "a day, YYYY-MM-DD",
    "flag": "true or false (1 or 0)",
}


def _number_problem(declared: Setting, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    if not math.isfinite(value):
        return "must be a finite number"
    if declared.values is not None and value not in declared.values:
        return f"must be {declared.values}"
    return None


def _path_problem(declared: Setting, value: object) -> str | None:
    if not isinstance(value, (str, os.PathLike)):
        return "must be a path"
    if declared.kind == "directory" and not os.path.isdir(value):
        return "must be an existing directory"
    return None


def _date_problem(_: Setting, value: object) -> str | None:
    is_day = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return None if is_day else "must be a date"


def _flag_problem(_: Setting, value: object) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


_PROBLEMS: Final[dict[str, Callable[[Setting, object], str | None]]] = {
    "number": _number_problem,
    "directory": _path_problem,
    "path": _path_problem,
    "date": _date_problem,
    "flag": _flag_problem,
}


def problem(field: attrs.Attribute[Any], value: object) -> str | None:
    """What is wrong with *value* for *field* (``must be …``), or None when it is fine.

    None is fine for a field whose default is None (it means "not set").
    """
    declared: Setting = field.metadata[SETTING]
    if value is None and field.default is None:
        return None
    return _PROBLEMS[declared.kind](declared, value)


def validate(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """The attrs validator of every setting: raise InvalidInputError naming the field."""
    found = problem(field, value)
    if found is not None:
        raise InvalidInputError(f"{field.name}: {found}, not {value!r}")


def setting(
    meaning: str, kind: Kind, values: Range | None = None, *, default: object = None, shown: str
) -> Any:  # noqa: ANN401 - attrs.field() is typed Any so that the annotated type wins
    """A field of :class:`kzpk.Config` declared with its :class:`Setting`.

    *shown* is the default in words (the README's "default" column).
    """
    declared = Setting(meaning, kind, shown, values)
    return attrs.field(default=default, validator=validate, metadata={SETTING: declared})
