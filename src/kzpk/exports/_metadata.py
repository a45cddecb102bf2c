"""What describes an export as a whole: title, description, licence, sources, contributors.

Shared by the Data Package (``datapackage.json``) and the Datasette ``metadata.json``.
"""

from __future__ import annotations

from typing import Any, Final

from kzpk.dataset._dataset import Dataset
from kzpk.exports._tables import Column
from kzpk.model import SourceKind

__all__ = ["CONTRIBUTORS", "DESCRIPTION", "column_text", "license_url", "source_list"]

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


def column_text(column: Column) -> str:
    """A column's description with its unit and constraints, for people reading metadata."""
    parts = [column.description or column.name]
    if column.unit:
        parts.append(f"Unit: {column.unit}.")
    if column.enum:
        parts.append(f"One of: {', '.join(column.enum)}.")
    if column.references:
        table, key = column.references
        parts.append(f"Refers to {table}.{key}.")
    return " ".join(parts)
