"""Official trade statistics beside the leaders' figures; mirror comparisons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

import pytest
from hypothesis import given, strategies as st

import kzpk

DATA = kzpk.load()
LEADERS = "trade-level-sharif-2026"


class TestFigures:
    """The published figures, cited and well-formed."""

    def test_both_reporters_several_years(self) -> None:
        """Both countries report, for several years."""
        for reporter in ("KZ", "PK"):
            years = {f.period.end.year for f in kzpk.trade_figures(reporter) if f.period.end}
            assert len(years) >= 3

    def test_pakistan_fiscal_years(self) -> None:
        """Full-year figures from the State Bank of Pakistan run July to June."""
        full = [
            f
            for f in kzpk.trade_figures("PK")
            if f.basis is kzpk.TradeBasis.OFFICIAL_STATISTICS and not f.partial
        ]
        assert full
        for figure in full:
            assert figure.period.end is not None
            assert (figure.period.start.month, figure.period.start.day) == (7, 1)
            assert (figure.period.end.month, figure.period.end.day) == (6, 30)

    def test_partial_years_marked(self) -> None:
        """Figures covering less than a year are marked partial (levels stated on a day aside)."""
        for figure in DATA.trade_figures:
            end = figure.period.end or figure.period.start
            if (end - figure.period.start).days < 300 and not figure.period.is_exact:
                assert figure.partial, figure.id

    def test_leaders_statement_kept(self) -> None:
        """The leaders' figure stays a statement beside the statistics."""
        leaders = DATA.lookup(LEADERS)
        assert isinstance(leaders, kzpk.TradeFigure)
        assert leaders.basis is kzpk.TradeBasis.OFFICIAL_STATEMENT
        assert leaders in kzpk.trade_figures("PK", year=2026)

    def test_filters_narrow(self) -> None:
        """Filters combine and only narrow."""
        everything = set(kzpk.trade_figures())
        exports = set(kzpk.trade_figures(flow="exports"))
        kz_exports_2024 = set(kzpk.trade_figures("kz", "exports", 2024))
        assert kz_exports_2024
        assert kz_exports_2024 <= exports <= everything
        assert all(f.flow is kzpk.TradeFlow.EXPORTS for f in exports)

    @pytest.mark.parametrize("call", [{"reporter": "US"}, {"flow": "reexports"}])
    def test_unknown_filters(self, call: dict[str, str]) -> None:
        """Unknown reporters and flows are a ChoiceError (a NotFoundError) naming the valid ones."""
        with pytest.raises(kzpk.NotFoundError, match="is not one of") as caught:
            kzpk.trade_figures(**call)  # type: ignore[arg-type]
        assert isinstance(caught.value, kzpk.ChoiceError)
        assert caught.value.option in call
        assert all(choice in str(caught.value) for choice in caught.value.valid)

    def test_bad_year(self) -> None:
        """An implausible year is InvalidInputError."""
        with pytest.raises(kzpk.InvalidInputError):
            kzpk.mirror(3024)


class TestMirror:
    """Mirror pairs compare like with like."""

    #: Per year, each direction's (exported, imported) figure ids: full years of one flow only.
    #: Left out on purpose: turnover, partial years (KZ's January-November 2025 exports) and
    #: each reporter's figures for the other flow.
    PAIRS: ClassVar[dict[int, set[tuple[str, str, str | None, str | None]]]] = {
        **{
            year: {("KZ", "PK", None, None), ("PK", "KZ", None, None)}
            for year in (2018, 2019, 2020, 2021, 2022, 2026)
        },
        2023: {
            ("KZ", "PK", "kz-exports-kz-to-pk-2023", None),
            ("PK", "KZ", None, "kz-imports-pk-to-kz-2023"),
        },
        2024: {
            ("KZ", "PK", "kz-exports-kz-to-pk-2024", "pk-imports-kz-to-pk-fy2023-24"),
            ("PK", "KZ", "pk-exports-pk-to-kz-fy2023-24", None),
        },
        2025: {
            ("KZ", "PK", None, "pk-imports-kz-to-pk-fy2024-25"),
            ("PK", "KZ", "pk-exports-pk-to-kz-fy2024-25", None),
            ("PK", "KZ", "pk-exports-pk-to-kz-fy2024-25-2", None),
        },
    }

    @pytest.mark.parametrize("year", range(2018, 2027))
    def test_like_flows_only(self, year: int) -> None:
        """Each pair holds the exporter's exports and the importer's imports of one full year."""
        pairs = kzpk.mirror(year)
        found = {
            (
                pair.exporter,
                pair.importer,
                pair.as_exported.id if pair.as_exported else None,
                pair.as_imported.id if pair.as_imported else None,
            )
            for pair in pairs
        }
        assert len(found) == len(pairs)
        assert found == self.PAIRS[year]

    def test_known_discrepancy(self) -> None:
        """Kazakhstan's 2024 exports to Pakistan far exceed Pakistan's FY2023-24 imports."""
        (pair,) = [p for p in kzpk.mirror(2024) if p.exporter == "KZ"]
        assert pair.difference == Decimal(11_800_000 - 677_000)
        assert pair.relative is not None
        assert pair.relative > 10
        assert not pair.same_period

    @given(st.decimals(1, 10**10, places=0), st.decimals(1, 10**10, places=0))
    def test_arithmetic(self, exported: Decimal, imported: Decimal) -> None:
        """Difference is exported minus imported; relative is that over imported."""
        period = kzpk.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        cite = (kzpk.Citation("app-joint-declaration", "x"),)
        statistics = kzpk.TradeBasis.OFFICIAL_STATISTICS
        figures = (
            kzpk.TradeFigure(
                "a",
                "KZ",
                kzpk.TradeFlow.EXPORTS,
                period,
                exported,
                statistics,
                "KZ",
                "PK",
                citations=cite,
            ),
            kzpk.TradeFigure(
                "b",
                "PK",
                kzpk.TradeFlow.IMPORTS,
                period,
                imported,
                statistics,
                "KZ",
                "PK",
                citations=cite,
            ),
        )
        dataset = DATA.replace(trade_figures=figures)
        pair, other = kzpk.mirror(2024, dataset=dataset)
        assert pair.difference == exported - imported
        assert pair.relative == (exported - imported) / imported
        assert (pair.difference > 0) == (pair.relative > 0)
        assert pair.same_period
        assert other.as_exported is None
        assert other.as_imported is None
        assert other.difference is None


class TestBaseline:
    """The $1 billion target measured from each series."""

    @pytest.mark.parametrize(
        "figure",
        [f for f in DATA.trade_figures if f.flow is kzpk.TradeFlow.TURNOVER and not f.partial],
        ids=lambda f: f.id,
    )
    def test_gap_from_each_turnover_figure(self, figure: kzpk.TradeFigure) -> None:
        """Starting from any full-year turnover figure gives the gap to $1 billion from it."""
        gap = kzpk.trade_gap(baseline=figure.id, years=3)
        assert gap.current == figure.value
        assert gap.gap == max(Decimal(10**9) - figure.value, Decimal(0))
        assert gap.base_date == (figure.period.end or figure.period.start)
        assert set(figure.citations) <= set(gap.citations)

    def test_scenarios_from_baseline(self) -> None:
        """Scenarios accept a baseline too."""
        scenarios = kzpk.trade_scenarios(baseline="kz-turnover-2024")
        assert scenarios
        assert all(s.current == Decimal(53_700_000) for s in scenarios)


class TestLatestFigures:
    """The latest figures and what derived values are set beside."""

    def test_implied_previous_trade_notes_the_reported_figure(self) -> None:
        """The derived $125 million for 2024 says Kazakhstan reported $53.7 million.

        Two figures are derived: from "doubled" exactly and from "nearly doubled" roughly.
        """
        derived_figures = kzpk.implied_previous_trade()
        assert sorted(d.approximate for d in derived_figures) == [False, True]
        for derived in derived_figures:
            assert derived.value == Decimal(125_000_000)
            assert derived.note is not None
            assert "$53.7 million" in derived.note
            assert "Kazakhstan" in derived.note

    def test_both_reporters_have_2025_periods(self) -> None:
        """Both reporters have figures for periods ending in 2025."""
        reporters = {f.reporter for f in kzpk.trade_figures(year=2025)}
        assert reporters == {"KZ", "PK"}

    def test_mirror_over_latest_pakistani_year(self) -> None:
        """mirror(2025) sets Pakistan's FY2024-25 exports beside the Kazakh side, missing or not."""
        pairs = kzpk.mirror(2025)
        assert any(p.as_exported is not None and p.exporter == "PK" for p in pairs)
