"""The errors kzpk raises: one family, rooted at :class:`KzpkError`, each carrying data.

Each class also derives from the builtin exception that callers already catch, so
``except LookupError`` or ``except ValueError`` keeps working.

An error says what went wrong as data: the ``option`` (argument, setting or filter) at
fault, the ``value`` given and the ``valid`` ones; a dataset problem is a :class:`Problem`
with its file, JSON path and code. ``str(error)`` puts that into words that name options
as Python spells them (``avoid_countries=['AF']``); :meth:`KzpkError.describe` takes
another spelling, which is how the command line names its flags (``--avoid AF``) without
reading kzpk's messages back.

Which calls raise: every lookup that names one thing (``Dataset.lookup``, ``sector``,
``build_route`` endpoints, filters of ``agreements``) raises on a miss; ``Dataset.get``
never raises and returns its default instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final

__all__ = [
    "AmbiguousNameError",
    "ChoiceError",
    "DatasetError",
    "InvalidInputError",
    "KzpkError",
    "MissingExtraError",
    "NoCitationsError",
    "NoRouteError",
    "NotFoundError",
    "Problem",
]


class _Bare:
    """The value of an option named without its value (``weight_factor must be …``)."""

    def __repr__(self) -> str:
        return "BARE"


#: Stands for "no value": the option is named on its own.
BARE: Final = _Bare()
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def python_spelling(option: str, value: object) -> str:
    """How the library names an option: ``weight_factor``, or ``modes=['rail']`` with a value."""
    return option if value is BARE else f"{option}={value!r}"


class KzpkError(Exception):
    """Base class of every error kzpk raises on purpose.

    Attributes:
        option: The argument, setting or filter at fault, as the library names it
            (``"origin"``, ``"weight_factor"``), or None when no one option is.
        value: The value given for it (None when there is none to show).
        valid: The valid values, or the closest valid ones, as far as they can be listed.
        template: The message, with ``{option}`` where the option is named and
            ``{<name>}`` where one of *filters* is named with its value.
        filters: Other options the message names, with the values they were given.
    """

    def __init__(
        self,
        template: str,
        *,
        option: str | None = None,
        value: object = None,
        valid: Iterable[str] = (),
        filters: Mapping[str, object] | None = None,
    ) -> None:
        """Keep the data; the words are made when the error is shown."""
        self.template = template
        self.option = option
        self.value = value
        self.valid = tuple(valid)
        self.filters = dict(filters or {})
        super().__init__(template)

    def describe(self, spell: Callable[[str, object], str] = python_spelling) -> str:
        """The message, with each option named by *spell* (``spell(option, value)``).

        *spell* gets :data:`BARE` as the value where the message names an option alone.
        """
        words = {name: spell(name, value) for name, value in self.filters.items()}
        if self.option is not None:
            words["option"] = spell(self.option, BARE)
        return _PLACEHOLDER.sub(lambda m: words.get(m[1], m[0]), self.template)

    def __str__(self) -> str:
        """The message, naming options as Python does."""
        return self.describe()


class NotFoundError(KzpkError, LookupError):
    """A name or id matched nothing; ``valid`` lists the closest valid names."""


class AmbiguousNameError(NotFoundError):
    """A name stands for several records equally well; ``valid`` lists their ids."""


class InvalidInputError(KzpkError, ValueError):
    """An argument has the right type but a value kzpk cannot use; says what is valid."""


class ChoiceError(NotFoundError, InvalidInputError):
    """A value is not among a closed set of choices (a mode, a status, a format, a kind).

    ``valid`` lists every choice. It is both a :class:`NotFoundError` and an
    :class:`InvalidInputError`, so either ``except`` catches it.
    """


class Problem:
    """One problem of a dataset directory: where it is, what kind, and what is wrong.

    Attributes:
        file: The file name (``"places.json"``).
        path: The JSON path of the bad value (``"$.places[3].country"``; ``"$"``: the file).
        code: What kind of problem: ``missing``, ``unreadable``, ``not-json``, ``shape``,
            ``unknown-key``, ``required``, ``invalid``, ``duplicate-id``, ``unknown-ref``,
            ``out-of-range`` or ``rule`` (a rule tying fields or records together).
        message: What is wrong, in words.
        ref: For ``unknown-ref``, the id that names nothing; else None.
        kinds: For ``unknown-ref``, the kinds of record the id should name (``("*",)``:
            any); else empty.
    """

    __slots__ = ("code", "file", "kinds", "message", "path", "ref")

    def __init__(  # noqa: PLR0917 - the five parts of a problem, in the order they are read
        self,
        file: str,
        path: str,
        code: str,
        message: str,
        ref: str | None = None,
        kinds: tuple[str, ...] = (),
    ) -> None:
        """Record one problem."""
        self.file, self.path, self.code, self.message = file, path, code, message
        self.ref, self.kinds = ref, kinds

    def _parts(self) -> tuple[object, ...]:
        return (self.file, self.path, self.code, self.message, self.ref, self.kinds)

    def __str__(self) -> str:
        """``"<file>: <JSON path>: <what is wrong>"``."""
        return f"{self.file}: {self.path}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem{self._parts()!r}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())


class DatasetError(KzpkError, ValueError):
    """A dataset directory is unreadable or inconsistent.

    Attributes:
        problems: Every problem found, each a :class:`Problem` (``str()`` gives
            ``"<file>: <JSON path>: <what is wrong>"``).
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect *problems*; the message shows them all, one per line."""
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = "\n  ".join(map(str, self.problems))
        super().__init__(f"invalid dataset ({head}):\n  {lines}")


class NoCitationsError(KzpkError, ValueError):
    """The value given to ``cite()`` carries no citations (the dataset's info, a source)."""


class NoRouteError(KzpkError, LookupError):
    """No route connects the requested places under the given filters; says which filter cut it."""


class MissingExtraError(KzpkError, ImportError):
    """An optional feature needs a package that is not installed; names the extra to install."""
