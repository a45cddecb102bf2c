"""The errors kzpk raises: one family, rooted at :class:`KzpkError`.

Each class also derives from the builtin exception that callers already catch, so
``except LookupError`` or ``except ValueError`` keeps working.

Which calls raise: every lookup that names one thing (``Dataset.lookup``, ``sector``,
``build_route`` endpoints, filters of ``agreements``) raises on a miss; ``Dataset.get``
never raises and returns its default instead.
"""

from __future__ import annotations

__all__ = [
    "DatasetError",
    "InvalidInputError",
    "KzpkError",
    "MissingExtraError",
    "NoCitationsError",
    "NoRouteError",
    "NotFoundError",
]


class KzpkError(Exception):
    """Base class of every error kzpk raises on purpose."""


class NotFoundError(KzpkError, LookupError):
    """A name or id matched nothing; the message lists the closest valid names."""


class InvalidInputError(KzpkError, ValueError):
    """An argument has the right type but a value kzpk cannot use; says what is valid."""


class DatasetError(KzpkError, ValueError):
    """A dataset directory is unreadable or inconsistent.

    Attributes:
        problems: Every problem found, each ``"<file>: <JSON path>: <what is wrong>"``.
    """

    problems: tuple[str, ...]

    def __init__(self, problems: tuple[str, ...] | list[str]) -> None:
        """Collect *problems*; the message shows them all, one per line."""
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"invalid dataset ({head}):\n  " + "\n  ".join(self.problems))


class NoCitationsError(KzpkError, ValueError):
    """The value given to ``cite()`` carries no citations (the dataset's info, a source)."""


class NoRouteError(KzpkError, LookupError):
    """No route connects the requested places under the given filters; says which filter cut it."""


class MissingExtraError(KzpkError, ImportError):
    """An optional feature needs a package that is not installed; names the extra to install."""
