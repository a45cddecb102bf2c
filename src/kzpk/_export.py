"""Exports: records and results as plain JSON-ready data (the canonical form) and JSON text."""

from __future__ import annotations

import json

__all__ = ["to_json", "unstructure"]


def unstructure(value: object) -> object:
    """Return *value* (a record, a result, or a tuple of them) as JSON-ready dicts and lists.

    Money stays exact as a string, dates are ISO strings, enums are their values.
    """
    from kzpk._convert import converter

    return converter.unstructure(value)


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Return *value* as JSON text (see :func:`unstructure`)."""
    return json.dumps(unstructure(value), indent=indent, ensure_ascii=False)
