"""The intersphinx inventories kzpk's documentation links with, kept in the repository.

The build never fetches ``objects.inv`` from the network. Instead, this script writes a
minimal inventory per project, holding only the names kzpk's docstrings and pages link to,
with their addresses in that project's documentation. Add a name here when the nitpicky
build reports an unresolved Python, attrs or pandas reference, then run
``python docs/_inventories/inventories.py`` and commit the ``.inv`` files it writes.
``tests/test_docs.py`` checks that the shipped files say exactly what this script says.
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).parent

_BUILTIN_TYPES = {
    "str": "library/stdtypes.html#str",
    "bytes": "library/stdtypes.html#bytes",
    "tuple": "library/stdtypes.html#tuple",
    "list": "library/stdtypes.html#list",
    "dict": "library/stdtypes.html#dict",
    "frozenset": "library/stdtypes.html#frozenset",
    "int": "library/functions.html#int",
    "float": "library/functions.html#float",
    "bool": "library/functions.html#bool",
    "object": "library/functions.html#object",
    "type": "library/functions.html#type",
}
_ABC = ("Callable", "Hashable", "Iterable", "Iterator", "Mapping", "Sequence")

#: Per project: (name, domain:role, address relative to the project's root).
OBJECTS: dict[str, list[tuple[str, str, str]]] = {
    "python": [
        *((name, "py:class", uri) for name, uri in _BUILTIN_TYPES.items()),
        *(
            (
                f"collections.abc.{name}",
                "py:class",
                f"library/collections.abc.html#collections.abc.{name}",
            )
            for name in _ABC
        ),
        ("datetime.date", "py:class", "library/datetime.html#datetime.date"),
        ("datetime.datetime", "py:class", "library/datetime.html#datetime.datetime"),
        ("decimal.Decimal", "py:class", "library/decimal.html#decimal.Decimal"),
        (
            "contextlib.AbstractContextManager",
            "py:class",
            "library/contextlib.html#contextlib.AbstractContextManager",
        ),
        ("pathlib.Path", "py:class", "library/pathlib.html#pathlib.Path"),
        ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
        ("enum.Enum", "py:class", "library/enum.html#enum.Enum"),
        ("enum.IntEnum", "py:class", "library/enum.html#enum.IntEnum"),
        ("enum.StrEnum", "py:class", "library/enum.html#enum.StrEnum"),
        *(
            (name, "py:exception", f"library/exceptions.html#{name}")
            for name in ("Exception", "ImportError", "LookupError", "TypeError", "ValueError")
        ),
        ("typing.Any", "py:data", "library/typing.html#typing.Any"),
        ("typing.Literal", "py:data", "library/typing.html#typing.Literal"),
        *(
            (name, "py:data", f"library/constants.html#{name}")
            for name in ("None", "True", "False", "Ellipsis")
        ),
        ("marshal", "py:module", "library/marshal.html#module-marshal"),
        ("sqlite3", "py:module", "library/sqlite3.html#module-sqlite3"),
    ],
    "attrs": [
        ("attrs.define", "py:function", "api.html#attrs.define"),
        ("attrs.frozen", "py:function", "api.html#attrs.frozen"),
        ("attrs.field", "py:function", "api.html#attrs.field"),
        ("attrs.fields", "py:function", "api.html#attrs.fields"),
        ("attrs.evolve", "py:function", "api.html#attrs.evolve"),
    ],
    "pandas": [
        ("pandas.DataFrame", "py:class", "reference/api/pandas.DataFrame.html#pandas.DataFrame"),
        ("pandas.read_csv", "py:function", "reference/api/pandas.read_csv.html#pandas.read_csv"),
    ],
}


def inventory(project: str) -> bytes:
    """The ``objects.inv`` (version 2) of *project*: a header, then zlib-compressed lines."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(OBJECTS[project]))
    return header.encode() + zlib.compress(lines.encode(), 9)


def main() -> None:
    """Write ``<project>.inv`` beside this script for every project."""
    for project in OBJECTS:
        (HERE / f"{project}.inv").write_bytes(inventory(project))


if __name__ == "__main__":
    main()
