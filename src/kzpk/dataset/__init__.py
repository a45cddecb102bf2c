"""The dataset: reading, structuring and checking the JSON files, and the :class:`Dataset`.

``load()`` reads one JSON file per record kind, structures it with the one converter,
checks every field and reference, and returns a frozen :class:`Dataset`, all or nothing;
``validate()`` lists every problem of a directory in one pass.
"""

from typing import TYPE_CHECKING

from kzpk.dataset._dataset import Dataset, load

if TYPE_CHECKING:
    from kzpk.dataset._validation import validate

__all__ = ["Dataset", "load", "validate"]


def __getattr__(name: str) -> object:
    """Import :func:`validate` (and what it needs to copy directories) on first use."""
    if name == "validate":
        from kzpk.dataset._validation import validate

        return validate
    raise AttributeError(f"module 'kzpk.dataset' has no attribute {name!r}")
