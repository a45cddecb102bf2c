"""What describes an export as a whole: title, description, licence, sources, contributors.

Shared by the Data Package (``datapackage.json``) and the Datasette ``metadata.json``.
"""

from __future__ import annotations

import re
from typing import Any, Final

from kzpk.dataset._dataset import Dataset
from kzpk.exports._tables import Column
from kzpk.model import SourceKind

__all__ = [
    "CONTRIBUTORS",
    "DESCRIPTION",
    "column_text",
    "license_url",
    "plain",
    "source_list",
]

DESCRIPTION: Final = (
    "The Kazakhstan–Pakistan strategic partnership (President Tokayev's state visit to "
    "Islamabad, 3–4 February 2026) as typed, source-cited records: people, organisations, "
    "places, agreements, trade figures and targets, corridors, a multimodal network, events, "
    "commitments, facts and disputed questions. Every record cites its sources (a source and "
    "a short verbatim quote); where sources disagree, every variant is kept."
)
#: Who made the data, as the Data Package's contributors.
CONTRIBUTORS: Final = ({"title": "kzpk developers", "roles": ["author"]},)
_LICENSES: Final = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}


def license_url(name: str) -> str | None:
    """The URL of the licence with SPDX id *name*, where it is one kzpk knows."""
    return _LICENSES.get(name)


def source_list(dataset: Dataset) -> list[dict[str, Any]]:
    """Every source as ``{"title", "path"}`` (its URL, where it has one)."""
    found = []
    for source in dataset.sources:
        entry: dict[str, Any] = {"title": source.title}
        if source.url:
            entry["path"] = source.url
        elif source.kind is SourceKind.ARTICLE and source.outlet:
            entry["title"] = f"{source.title} ({source.outlet})"
        found.append(entry)
    return found


#: Sphinx roles (``:func:`kzpk.x```, ``:class:`~kzpk.X```), inline literals, emphasis.
_ROLE: Final = re.compile(r":[a-z]+:`(~)?([^`]*?)([^`.]+)`")
_LITERAL: Final = re.compile(r"``(.*?)``")
_EMPHASIS: Final = re.compile(r"(?<![\w*])\*(\w[^*]*?)\*(?![\w*])")
_PYTHON_WORDS: Final = (
    (re.compile(r"\bNone\b"), "empty"),
    (re.compile(r"\bTrue\b"), "true"),
    (re.compile(r"\bFalse\b"), "false"),
)


def plain(text: str) -> str:
    """*text* from a docstring in plain words: no reST markup, no Python's None.

    ``:func:`kzpk.commitments``` reads kzpk.commitments, ``:class:`~kzpk.Place``` Place,
    ````"PKKHI"```` "PKKHI", ``*opens*`` opens, and None (a missing value) empty, as
    Datasette and spreadsheets show it.
    """
    text = _ROLE.sub(lambda m: m[3] if m[1] else m[2] + m[3], text)
    text = _EMPHASIS.sub(r"\1", _LITERAL.sub(r"\1", text))
    for pattern, word in _PYTHON_WORDS:
        text = pattern.sub(word, text)
    return text


def column_text(column: Column) -> str:
    """A column's description with its unit and constraints, for people reading metadata."""
    parts = [plain(column.description or column.name)]
    if column.unit:
        parts.append(f"Unit: {column.unit}.")
    if column.enum:
        parts.append(f"One of: {', '.join(column.enum)}.")
    if column.references:
        table, key = column.references
        parts.append(f"Refers to {table}.{key}.")
    return " ".join(parts)
