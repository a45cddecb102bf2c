"""A JSON Schema (draft 2020-12) of the dataset files, derived from the record classes."""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from kzpk.dataset._dataset import INFO_FILE, KINDS
from kzpk.exports._tables import describe_fields
from kzpk.model import DatasetInfo

__all__ = ["json_schema"]

_SIMPLE: dict[object, dict[str, Any]] = {
    type(None): {"type": "null"},
    str: {"type": "string", "minLength": 1, "pattern": r"\S"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    Decimal: {
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"},
        ]
    },
    dt.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}


def _type_schema(hint: object, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    schema: dict[str, Any]
    if origin in (typing.Union, types.UnionType):
        schema = {"anyOf": [_type_schema(a, definitions) for a in typing.get_args(hint)]}
    elif origin is tuple:
        schema = {"type": "array", "items": _type_schema(typing.get_args(hint)[0], definitions)}
    elif hint in _SIMPLE:
        schema = dict(_SIMPLE[hint])
    elif isinstance(hint, type) and issubclass(hint, Enum):
        schema = {"enum": [m.value for m in hint]}
    else:
        assert isinstance(hint, type)  # noqa: S101 - the remaining field types are records
        assert attrs.has(hint)  # noqa: S101 - the remaining field types are records
        _define(hint, definitions)
        schema = {"$ref": f"#/$defs/{hint.__name__}"}
    return schema


def _define(cls: type[Any], definitions: dict[str, Any]) -> None:
    if cls.__name__ in definitions:
        return
    definitions[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties = {}
    for field in attrs.fields(cls):
        schema = _type_schema(hints[field.name], definitions)
        if "bounds" in field.metadata:
            low, high = field.metadata["bounds"]
            schema = {**schema, "minimum": low, "maximum": high}
        if field.metadata.get("positive") and schema.get("type") in {"number", "integer"}:
            schema = {**schema, "exclusiveMinimum": 0}
        description = describe_fields(cls).get(field.name)
        if description:
            schema = {"description": description, **schema}
        properties[field.name] = schema
    definitions[cls.__name__] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


@functools.cache
def _schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    _define(DatasetInfo, definitions)
    files: dict[str, Any] = {INFO_FILE: {"$ref": "#/$defs/DatasetInfo"}}
    for kind, cls in KINDS:
        _define(cls, definitions)
        files[f"{kind}.json"] = {
            "type": "object",
            "properties": {kind: {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}},
            "required": [kind],
            "additionalProperties": False,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kzpk.invalid/schema/dataset.json",
        "title": "kzpk dataset files",
        "description": "Each dataset file validates against the schema under files/<name>.",
        "$defs": {**definitions, **{f"file:{name}": s for name, s in files.items()}},
        "properties": {
            "files": {
                "type": "object",
                "properties": {name: {"$ref": f"#/$defs/file:{name}"} for name in files},
            }
        },
    }


def json_schema(file: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of the dataset files, or of one file (``"places.json"``).

    The whole schema holds every record type under ``$defs`` and one entry per file;
    ``json_schema("places.json")`` is a schema that a ``places.json`` validates against.

    Raises:
        NotFoundError: *file* is not a dataset file.
    """
    import copy

    schema = _schema()
    if file is None:
        return copy.deepcopy(schema)
    key = f"file:{file}"
    if key not in schema["$defs"]:
        from kzpk._spelling import suggest
        from kzpk.exceptions import NotFoundError

        files = [k.removeprefix("file:") for k in schema["$defs"] if k.startswith("file:")]
        raise NotFoundError(f"no dataset file {file!r}{suggest(file, files)}")
    return {
        "$schema": schema["$schema"],
        "$defs": copy.deepcopy(schema["$defs"]),
        "$ref": f"#/$defs/{key}",
    }
