"""Name matching: whole names, normalised, with suggestions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzpk
from kzpk._names import NameIndex, normalise, suggest


class TestNormalise:
    """Normalisation folds what people do not mean to distinguish."""

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Nur-Sultan", "nur sultan"),
            ("Türkiye", "turkiye"),
            ("  AIFC ", "aifc"),
            ("Khoja Ahmed Yasawi", "khoja-ahmed yasawi"),
        ],
    )
    def test_equivalent(self, a: str, b: str) -> None:
        """Case, accents, dashes and spacing do not matter."""
        assert normalise(a) == normalise(b)

    @given(st.text())
    def test_idempotent(self, name: str) -> None:
        """Normalising twice changes nothing more."""
        assert normalise(normalise(name)) == normalise(name)


class TestNameIndex:
    """Whole-name resolution."""

    index = NameIndex(
        "place",
        [("Peru", "peru"), ("Perugia", "perugia"), ("Astana", "astana"), ("Nur-Sultan", "astana")],
    )

    def test_alias(self) -> None:
        """An alias resolves to its id."""
        assert self.index.resolve("nur sultan") == "astana"

    def test_no_substring_match(self) -> None:
        """A name never matches a longer name that contains it."""
        assert self.index.get("Peru") == "peru"
        assert self.index.get("Perug") is None
        assert self.index.get("Per") is None

    def test_miss_suggests(self) -> None:
        """A misspelling raises NotFoundError with the closest names."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean 'Astana'"):
            self.index.resolve("Astna")

    def test_miss_without_close_names_lists_valid(self) -> None:
        """With nothing close, the message lists valid names."""
        with pytest.raises(kzpk.NotFoundError, match="valid: Peru, Perugia"):
            self.index.resolve("Zzzzzz")

    def test_ambiguous(self) -> None:
        """A name claimed by two ids resolves to neither and says so."""
        index = NameIndex("party", [("Georgia", "ge"), ("Georgia", "us-ga")])
        assert index.get("georgia") is None
        with pytest.raises(kzpk.NotFoundError, match="ambiguous"):
            index.resolve("Georgia")


def test_suggest_empty_for_nothing_close() -> None:
    """suggest() returns nothing when no name is close."""
    assert suggest("qqqq", ["energy", "gas"]) == ""
