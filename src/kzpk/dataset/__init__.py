"""The dataset: reading, structuring and checking the JSON files, and the :class:`Dataset`.

``load()`` reads one JSON file per record kind, structures it with the one converter,
checks every field and reference, and returns a frozen :class:`Dataset`, all or nothing.
"""

from kzpk.dataset._dataset import FILES, INFO_FILE, KINDS, Dataset, Record, load

__all__ = ["FILES", "INFO_FILE", "KINDS", "Dataset", "Record", "load"]
