"""The record classes: immutability and the converter's round-trip laws."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given

import kzpk
from kzpk._convert import converter
from strategies import RECORD_CLASSES, any_record, records


class TestRoundTrip:
    """structure(unstructure(x)) == x for every record class."""

    @given(any_record)
    def test_structure_inverts_unstructure(self, record: Any) -> None:
        """Unstructuring and structuring again gives an equal record."""
        assert converter.structure(converter.unstructure(record), type(record)) == record

    @given(any_record)
    def test_survives_json_text(self, record: Any) -> None:
        """The unstructured form is plain JSON, and reading that JSON back gives the record."""
        text = json.dumps(converter.unstructure(record), allow_nan=False)
        assert converter.structure(json.loads(text), type(record)) == record

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_every_class_has_a_strategy(self, cls: type[Any]) -> None:
        """Each record class can be generated (new classes cannot slip past the laws)."""
        assert records(cls) is not None
        assert attrs.has(cls)


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
            ("NaN", kzpk.DatasetInfo),
            ("2026-13-01", kzpk.Period),
        ],
    )
    def test_rejects_other_types(self, value: object, cls: Any) -> None:
        """Values of another type are errors, never silently converted."""
        import cattrs

        with pytest.raises((cattrs.BaseValidationError, TypeError, ValueError)):
            converter.structure(value, cls)

    def test_enum_error_suggests(self) -> None:
        """A misspelt enum value names the closest valid one."""
        with pytest.raises(ValueError, match="did you mean 'city'"):
            converter.structure("cty", kzpk.PlaceKind)
