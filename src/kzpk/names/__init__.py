"""Names: alias indexes, and lookup and search by any name in any script.

The search index (and rapidfuzz behind it) is imported on first use: loading the dataset or
resolving a sector by name does not need it.
"""

from typing import TYPE_CHECKING

from kzpk.names._index import NameIndex

if TYPE_CHECKING:
    from kzpk.names._search import Tier, kind_of, lookup, name_index, search

__all__ = ["NameIndex", "Tier", "kind_of", "lookup", "name_index", "search"]


def __getattr__(name: str) -> object:
    """Import the search module on first use of one of its names."""
    if name in __all__:
        from kzpk.names import _search

        return getattr(_search, name)
    raise AttributeError(f"module 'kzpk.names' has no attribute {name!r}")
