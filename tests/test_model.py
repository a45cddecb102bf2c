"""The record classes: immutability and the converter's round-trip laws."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import kzpk
from kzpk import model as _model
from kzpk.dataset._convert import converter
from kzpk.model._base import RecordBase
from strategies import RECORD_CLASSES, any_record, reachable, records

PLACE = {"id": "x", "name": "X", "kind": "city", "country": "KZ", "latitude": 1.0, "longitude": 2.0}
GROWTH = {
    "id": "g",
    "period": {"start": "2025-01-01", "end": "2025-12-31"},
    "multiple": Decimal(2),
    "approximate": False,
    "citations": [{"source": "s", "quote": "doubled"}],
}


class TestRoundTrip:
    """structure(unstructure(x)) == x for every record class."""

    @given(any_record)
    def test_structure_inverts_unstructure_through_json_text(self, record: Any) -> None:
        """Structuring the unstructured form gives an equal record, also through JSON text."""
        plain = converter.unstructure(record)
        assert converter.structure(plain, type(record)) == record
        text = json.dumps(plain, allow_nan=False)
        assert converter.structure(json.loads(text), type(record)) == record

    def test_every_model_class_is_generated(self) -> None:
        """The strategies reach every record class of the model (a new one cannot slip past)."""
        model = {
            cls
            for cls in vars(_model).values()
            if isinstance(cls, type) and attrs.has(cls) and issubclass(cls, RecordBase)
        }
        assert reachable(RECORD_CLASSES) == model

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    @settings(max_examples=1)
    @given(data=st.data())
    def test_strategy_builds_its_class(self, cls: type[Any], data: st.DataObject) -> None:
        """records(cls) draws instances of exactly that class."""
        assert type(data.draw(records(cls))) is cls


class TestImmutability:
    """Records are frozen and slotted."""

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_frozen_and_slotted(self, cls: type[Any]) -> None:
        """Every record class is a frozen attrs class with slots and no __dict__."""
        params = attrs.fields(cls)
        assert params
        assert "__slots__" in cls.__dict__
        assert cls.__setattr__ is not object.__setattr__  # type: ignore[comparison-overlap]

    def test_assignment_raises(self) -> None:
        """Assigning to a field of a record raises."""
        place = kzpk.Place("x", "X", kzpk.PlaceKind.CITY, "KZ", 1.0, 2.0)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            place.name = "Y"  # type: ignore[misc]


_TWINS: dict[type[Any], type[Any]] = {}


def attrs_twin(record: Any) -> Any:
    """The same field values in a plain attrs class, with the methods attrs generates."""
    cls = type(record)
    if cls not in _TWINS:
        names = [f.name for f in attrs.fields(cls)]
        _TWINS[cls] = attrs.make_class(cls.__name__, names, frozen=True)
    return _TWINS[cls](*attrs.astuple(record, recurse=False))


class TestValueSemantics:
    """Records print, compare and hash by their fields exactly as attrs' own methods do."""

    @given(any_record, st.data())
    def test_print_compare_and_hash_as_attrs_does(self, record: Any, data: st.DataObject) -> None:
        """repr, ==, != and hash of a record behave as attrs' own methods for its fields.

        The repr is what attrs generates; two records of a class are equal exactly when
        attrs' equality says so; a copy is equal, hashes alike and is one in a set; against
        another class equality defers (NotImplemented), so it is never equal.
        """
        twin = attrs_twin(record)
        assert repr(record) == repr(twin)
        other = data.draw(records(type(record)))
        assert (record == other) == (twin == attrs_twin(other))
        assert (record != other) == (twin != attrs_twin(other))
        copy = attrs.evolve(record)
        assert copy is not record
        assert copy == record
        assert hash(copy) == hash(record)
        assert len({record, copy}) == 1
        assert record.__eq__(twin) is NotImplemented
        assert record != twin


class TestPeriod:
    """Loose dates keep their precision."""

    def test_exact_day(self) -> None:
        """A period of one day is exact and prints as that day."""
        day = kzpk.Period(kzpk.load().info.as_of, kzpk.load().info.as_of)
        assert day.is_exact
        assert str(day) == day.start.isoformat()

    def test_open_end_keeps_wording(self) -> None:
        """An open-ended period is not exact and prints its wording."""
        import datetime as dt

        loose = kzpk.Period(dt.date(2026, 2, 4), None, "in the near term")
        assert loose.is_open
        assert not loose.is_exact
        assert str(loose) == "2026-02-04.. (in the near term)"


class TestConverterStrictness:
    """The converter takes values only as their own type."""

    @pytest.mark.parametrize(
        ("value", "cls"),
        [
            (5, str),
            ("5", int),
            ("yes", bool),
            (1, bool),
            (True, float),
            ("abc", tuple[str, ...]),
            (float("nan"), float),
        ],
    )
    def test_rejects_other_types(self, value: object, cls: Any) -> None:
        """Values of another type are errors, never silently converted."""
        import cattrs

        with pytest.raises((cattrs.BaseValidationError, TypeError, ValueError)):
            converter.structure(value, cls)

    @pytest.mark.parametrize(
        ("cls", "valid", "field", "bad"),
        [
            (kzpk.Period, {"start": "2026-12-01", "end": None}, "start", "2026-13-01"),
            (kzpk.Period, {"start": "2026-12-01", "end": "2026-12-31"}, "end", "2026-02-30"),
            (kzpk.Place, PLACE, "latitude", float("nan")),
            (kzpk.Place, PLACE, "longitude", float("inf")),
            (kzpk.TradeGrowth, GROWTH, "multiple", Decimal("NaN")),
        ],
        ids=["month-13", "february-30", "nan-float", "infinite-float", "nan-decimal"],
    )
    def test_one_bad_value_is_the_error(
        self, cls: type[Any], valid: dict[str, Any], field: str, bad: object
    ) -> None:
        """A mapping that structures fine fails once one value is bad, at that value's path."""
        import cattrs

        assert isinstance(converter.structure(valid, cls), cls)
        with pytest.raises(cattrs.BaseValidationError) as caught:
            converter.structure({**valid, field: bad}, cls)
        assert [line.rpartition(" @ ")[2] for line in cattrs.transform_error(caught.value)] == [
            f"$.{field}"
        ]

    def test_enum_error_suggests(self) -> None:
        """A misspelt enum value names the closest valid one."""
        with pytest.raises(ValueError, match="did you mean 'city'"):
            converter.structure("cty", kzpk.PlaceKind)
