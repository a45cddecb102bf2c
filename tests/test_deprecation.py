"""Renamed helpers: the old names still work for one release, and say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import kzpk

RENAMED: list[tuple[str, str, Callable[[Callable[..., object]], object]]] = [
    ("sectors", "sector_tree", lambda f: f()),
    ("sources", "sources_cited", lambda f: f()),
    ("commitments", "commitment_states", lambda f: f(dt.date(2027, 1, 1))),
]


class TestRenamed:
    """kzpk.sources(), sectors() and commitments() are deprecated aliases."""

    @pytest.mark.parametrize(("old", "new", "call"), RENAMED, ids=[r[0] for r in RENAMED])
    def test_old_name_warns_and_works(
        self, old: str, new: str, call: Callable[[Callable[..., object]], object]
    ) -> None:
        """The old name raises a DeprecationWarning naming the new one, and answers the same."""
        with pytest.warns(DeprecationWarning, match=rf"kzpk\.{old}\(\) is renamed kzpk\.{new}\(\)"):
            answer = call(getattr(kzpk, old))
        assert answer == call(getattr(kzpk, new))

    @pytest.mark.parametrize(("old", "new", "call"), RENAMED, ids=[r[0] for r in RENAMED])
    def test_warning_points_at_the_caller(
        self, old: str, new: str, call: Callable[[Callable[..., object]], object]
    ) -> None:
        """The warning is reported at the line that called the old name, not inside kzpk."""
        with pytest.warns(DeprecationWarning, match=new) as caught:
            call(getattr(kzpk, old))
        assert [w.filename for w in caught] == [__file__]

    def test_new_names_do_not_warn(self) -> None:
        """The new names are silent (warnings are errors in this suite)."""
        assert kzpk.sector_tree()
        assert kzpk.sources_cited()
        assert kzpk.commitment_states(dt.date(2027, 1, 1))

    def test_new_names_do_not_clash(self) -> None:
        """Only the aliases and two filters (returning those records) share a Dataset name."""
        attributes = set(dir(kzpk.Dataset))
        clashing = {name for name in dir(kzpk) if name in attributes}
        assert clashing == {"sectors", "sources", "commitments", "agreements", "trade_figures"}
