"""A JSON Schema (draft 2020-12) of the dataset files, derived from the record classes."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from kzpk.dataset._reading import INFO_FILE
from kzpk.model import KINDS, DatasetInfo, FieldSpec, Shape, field_plan
from kzpk.model._plan import (
    DATE_PATTERN,
    DECIMAL_PATTERN,
    UNSIGNED_DECIMAL_PATTERN,
    ZERO_DECIMAL_PATTERN,
)

_SIMPLE: dict[object, dict[str, Any]] = {
    str: {"type": "string", "minLength": 1, "pattern": r"\S"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
}


def _bounded(spec: FieldSpec, schema: dict[str, Any]) -> dict[str, Any]:
    """*schema* of a number with the field's bounds and sign, as the loader checks them."""
    if spec.low is not None:
        schema["minimum"] = spec.low
    if spec.high is not None:
        schema["maximum"] = spec.high
    if spec.positive:
        schema["exclusiveMinimum"] = 0
    return schema


def _value_schema(spec: FieldSpec, definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of one value of the field (an item, for a tuple field)."""
    if spec.is_record:
        _define(spec.type, definitions)
        return {"$ref": f"#/$defs/{spec.type.__name__}"}
    if spec.choices:
        return {"enum": list(spec.choices)}
    if spec.type is Decimal:  # a number, or a numeric string (no digit lost)
        signed = not spec.positive and (spec.low is None or spec.low < 0)
        pattern = DECIMAL_PATTERN if signed else UNSIGNED_DECIMAL_PATTERN
        text: dict[str, Any] = {"type": "string", "pattern": pattern}
        if spec.positive:
            text["not"] = {"pattern": ZERO_DECIMAL_PATTERN}
        return {"anyOf": [_bounded(spec, {"type": "number"}), text]}
    schema = dict(_SIMPLE[spec.type])
    return _bounded(spec, schema) if schema["type"] in {"number", "integer"} else schema


def _field_schema(spec: FieldSpec, definitions: dict[str, Any]) -> dict[str, Any]:
    value = _value_schema(spec, definitions)
    schema: dict[str, Any]
    if spec.shape is Shape.MANY:
        schema = {"type": "array", "items": value}
    elif spec.shape is Shape.OPTIONAL:
        schema = {"anyOf": [value, {"type": "null"}]}
    else:
        schema = value
    return {"description": spec.description, **schema} if spec.description else schema


def _define(cls: type, definitions: dict[str, Any]) -> None:
    if cls.__name__ in definitions:
        return
    definitions[cls.__name__] = {}  # placeholder against recursion
    plan = field_plan(cls)
    definitions[cls.__name__] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": {spec.name: _field_schema(spec, definitions) for spec in plan},
        "required": [spec.name for spec in plan if spec.required],
        "additionalProperties": False,
    }


@functools.cache
def _schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    _define(DatasetInfo, definitions)
    files: dict[str, Any] = {INFO_FILE: {"$ref": "#/$defs/DatasetInfo"}}
    for kind in KINDS:
        _define(kind.cls, definitions)
        item = {"$ref": f"#/$defs/{kind.cls.__name__}"}
        files[kind.file] = {
            "type": "object",
            "properties": {kind.name: {"type": "array", "items": item}},
            "required": [kind.name],
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
