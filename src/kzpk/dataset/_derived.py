"""Values derived from a dataset (indexes, graphs, tables): named, built once, kept on it.

Each kind of derived value is a :class:`Derived` made once at module level by the helper
that needs it, under a name no other takes. :meth:`kzpk.Dataset.derived` builds it on first
use and keeps it on the dataset, so it lives and dies with the records it comes from and no
module-level cache holds a dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset

__all__ = ["Derived"]

_T = TypeVar("_T")


class Derived(Generic[_T]):
    """One kind of value derived from a dataset, built by *build* on first use.

    Args:
        name: A name no other derived value has (``"kzpk.search-index"``).
        build: Builds the value from the dataset and the arguments it is asked with.

    Raises:
        ValueError: Another derived value already has the name.
    """

    #: Every name taken, so two helpers cannot share a slot by accident.
    registered: ClassVar[dict[str, Derived[Any]]] = {}

    __slots__ = ("build", "name")

    def __init__(self, name: str, build: Callable[..., _T]) -> None:
        """Register the derived value *name*."""
        if name in Derived.registered:
            raise ValueError(f"a derived value named {name!r} is already registered")
        self.name: Final = name
        self.build: Final = build
        Derived.registered[name] = self

    def key(self, arguments: tuple[Hashable, ...]) -> tuple[str, tuple[Hashable, ...]]:
        """The slot on the dataset of this value for *arguments*."""
        return (self.name, arguments)

    def make(self, dataset: Dataset, arguments: tuple[Hashable, ...]) -> _T:
        """Build the value for *dataset* and *arguments*."""
        return self.build(dataset, *arguments)

    def __repr__(self) -> str:
        return f"Derived({self.name!r})"
