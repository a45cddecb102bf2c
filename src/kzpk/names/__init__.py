"""Names: the one resolver of names, and lookup and search by any name in any script.

The way in is :meth:`kzpk.Dataset.lookup` and :meth:`kzpk.Dataset.search`, so this package
adds no names to kzpk's surface; helpers resolve names with
:func:`kzpk.names._resolve.resolver`. The search index (and rapidfuzz behind it) is built
on first use: loading the dataset does not need it.
"""

__all__: list[str] = []
