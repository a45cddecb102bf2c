"""The JSON Schema and the loader agree on which records are valid, field by field."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, strategies as st

import kzpk
from kzpk.dataset._checks import Checker
from kzpk.dataset._reading import Problems, _structure, index_ids
from kzpk.model import KINDS, FieldSpec, Kind, Period, Shape, field_plan

PACKAGED = Path(kzpk.__file__).with_name("data")
#: Values put in place of a field's value: every JSON type, edge cases of each rule.
PALETTE: tuple[object, ...] = (
    None,
    "",
    " ",
    "x",
    "+5",
    "1_000",
    "-5",
    "5",
    "0",
    "0.00",
    "5e3",
    "NaN",
    "2026-02-30",
    "20260204",
    "2026-2-4",
    "2026-02-04",
    "operational",
    "ru",
    "xx",
    -5,
    0,
    5,
    5.0,
    0.5,
    -0.5,
    95.0,
    1000.0,
    1e9,
    True,
    [],
    [""],
    ["x"],
    [5],
    {},
    {"a": 1},
)


#: The edge cases of each value type's own rules, drawn as often as the whole palette.
EDGES: dict[type, tuple[object, ...]] = {
    Decimal: ("+5", "1_000", "-5", "0", "0.00", "-0", "5e3", ".5", "5.", "NaN", "Infinity", -5, 0),
    float: (-5, 0, -0.5, 0.5, 95.0, 181.0, 1e9, "5"),
    int: (0, -5, 5.0, 5.5, "5", True),
    str: ("", " ", "\t", "x", 5),
    bool: ("true", 1, 0, None),
    dt.date: ("2026-02-30", "20260204", "2026-W06-3", "2026-02-04T00:00", 20260204),
}


@cache
def _raw(kind: Kind) -> tuple[dict[str, Any], ...]:
    return tuple(json.loads((PACKAGED / kind.file).read_text(encoding="utf-8"))[kind.name])


@cache
def _ids() -> dict[str, dict[str, Any]]:
    dataset = kzpk.load(PACKAGED)
    return index_ids({k.name: getattr(dataset, k.name) for k in KINDS}, Problems())


def _loader_accepts(record: dict[str, Any], kind: Kind) -> bool:
    """What the loader says of one record: structured, then its field rules checked."""
    data = json.loads(json.dumps(record), parse_float=Decimal)  # as the loader reads JSON
    problems = Problems()
    built = _structure(data, kind.file, "$", kind.cls, problems)
    if built is not None:
        checker = Checker(_ids(), problems)
        checker.file = kind.file
        checker.check_fields(built, "$")
    return not problems


def _schema_accepts(record: dict[str, Any], kind: Kind) -> bool:
    schema = kzpk.json_schema(kind.file)
    document = json.loads(json.dumps({kind.name: [record]}))  # as any JSON tool reads it
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return bool(validator.is_valid(document))


def _mutable(spec: FieldSpec, value: object) -> bool:
    """Whether putting *value* in this field tests what a schema can say.

    Two rules tie a field to other data and are outside a schema's reach: an id must name
    a record that exists, and a period must end after it starts.
    """
    if spec.refs and isinstance(value, str | list) and value not in ("", " ", [""]):
        return False
    return not (spec.owner is Period and value == "2026-02-04")


def _category(spec: FieldSpec) -> str:
    """What kind of rule a field's values follow, for drawing fields of every kind evenly."""
    if spec.shape is Shape.MANY:
        return "tuple"
    if spec.choices:
        return "choices"
    return "record" if spec.is_record else spec.type.__name__


@cache
def _fields() -> dict[str, tuple[tuple[Kind, tuple[str, ...], FieldSpec], ...]]:
    """Every field a record file holds, below records nested one to one, by category."""
    found: dict[str, list[tuple[Kind, tuple[str, ...], FieldSpec]]] = {}

    def walk(kind: Kind, cls: type, path: tuple[str, ...]) -> None:
        for spec in field_plan(cls):
            found.setdefault(_category(spec), []).append((kind, path, spec))
            if spec.is_record and spec.shape is not Shape.MANY and spec.type is not cls:
                walk(kind, spec.type, (*path, spec.name))

    for kind in KINDS:
        walk(kind, kind.cls, ())
    return {category: tuple(fields) for category, fields in found.items()}


def _reach(record: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    for name in path:
        inner = record.get(name)
        if not isinstance(inner, dict):
            return None
        record = inner
    return record


@st.composite
def mutations(draw: st.DrawFn) -> tuple[Kind, dict[str, Any], str]:
    """A real record with one field (maybe of a nested record) replaced, removed or added.

    The field is drawn by the kind of rule it follows (decimal, float, int, date, str,
    bool, choices, record, tuple) so every rule is exercised as often as any other.
    """
    fields = _fields()
    kind, path, spec = draw(st.sampled_from(fields[draw(st.sampled_from(sorted(fields)))]))
    candidates = [r for r in _raw(kind) if _reach(r, path) is not None]
    assume(bool(candidates))
    record = copy.deepcopy(draw(st.sampled_from(candidates)))
    target = _reach(record, path)
    assert target is not None
    action = draw(st.sampled_from(("replace", "replace", "remove", "add")))
    if action == "add":
        target["unexpected"] = 1
        return kind, record, f"add {'.'.join((*path, 'unexpected'))}"
    where = ".".join((*path, spec.name))
    if action == "remove":
        target.pop(spec.name, None)
        return kind, record, f"remove {where}"
    edges = st.sampled_from(EDGES[spec.type]) if spec.type in EDGES else st.nothing()
    value = draw((edges | st.sampled_from(PALETTE)).filter(lambda v: _mutable(spec, v)))
    target[spec.name] = value
    return kind, record, f"{kind.name}: {where} = {value!r}"


class TestSchemaAndLoaderAgree:
    """A record is valid for the JSON Schema exactly when the loader takes it."""

    @pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
    def test_every_packaged_record_passes_both(self, kind: Kind) -> None:
        """The packaged records are valid for both (the baseline of the law below)."""
        for record in _raw(kind)[:25]:
            assert _loader_accepts(record, kind)
            assert _schema_accepts(record, kind)

    @given(mutations())
    def test_same_verdict_on_changed_records(
        self, mutation: tuple[Kind, dict[str, Any], str]
    ) -> None:
        """Change one field (type, bounds, sign, format, choices, presence): same verdict."""
        kind, record, change = mutation
        assert _schema_accepts(record, kind) == _loader_accepts(record, kind), change

    @pytest.mark.parametrize(
        ("kind_name", "field", "value"),
        [
            ("trade_figures", "value", "-5"),
            ("trade_figures", "value", "0"),
            ("trade_figures", "value", "+5"),
            ("trade_figures", "value", "1_000"),
            ("names", "language", "xx"),
            ("events", "title", " "),
        ],
    )
    def test_known_disagreements_are_gone(self, kind_name: str, field: str, value: str) -> None:
        """Values the schema once took and the loader refused are refused by both."""
        kind = next(k for k in KINDS if k.name == kind_name)
        record = {**_raw(kind)[0], field: value}
        assert not _loader_accepts(record, kind)
        assert not _schema_accepts(record, kind)
