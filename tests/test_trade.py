"""Trade gap, scenarios and the inverse: the laws of compounding, and the dataset defaults."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import kzpk

amounts = st.decimals(min_value=Decimal("1e6"), max_value=Decimal("1e11"), places=0)
horizons = st.decimals(min_value=Decimal("0.25"), max_value=Decimal(30), places=2)
rates = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(5), places=3)


def close(a: Decimal, b: Decimal, tolerance: Decimal = Decimal("1e-15")) -> bool:
    """Whether *a* and *b* agree to a relative *tolerance*."""
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


class TestLaws:
    """The laws any trade-gap calculator must obey."""

    @given(amounts, amounts, horizons)
    def test_compounding_reaches_target(
        self, current: Decimal, target: Decimal, years: Decimal
    ) -> None:
        """Compounding current at the required rate for the horizon gives the target."""
        gap = kzpk.trade_gap(current, target, years=years)
        assert close(current * (1 + gap.cagr) ** years, target, Decimal("1e-15"))

    @given(amounts, amounts, amounts, horizons)
    def test_gap_rises_with_target(
        self, current: Decimal, a: Decimal, b: Decimal, years: Decimal
    ) -> None:
        """A higher target never gives a smaller gap or rate."""
        low, high = sorted((a, b))
        g1, g2 = (kzpk.trade_gap(current, t, years=years) for t in (low, high))
        assert g1.gap <= g2.gap
        assert g1.cagr <= g2.cagr

    @given(amounts, amounts, amounts, horizons)
    def test_gap_falls_with_current(
        self, target: Decimal, a: Decimal, b: Decimal, years: Decimal
    ) -> None:
        """A higher current level never gives a larger gap or rate."""
        low, high = sorted((a, b))
        g1, g2 = (kzpk.trade_gap(c, target, years=years) for c in (low, high))
        assert g1.gap >= g2.gap
        assert g1.cagr >= g2.cagr

    @given(amounts, amounts, horizons, horizons)
    def test_rate_falls_with_horizon(
        self, current: Decimal, target: Decimal, a: Decimal, b: Decimal
    ) -> None:
        """More time never requires faster growth toward an unmet target."""
        assume(target > current)
        short, long = sorted((a, b))
        assert (
            kzpk.trade_gap(current, target, years=short).cagr
            >= kzpk.trade_gap(current, target, years=long).cagr
        )

    @given(amounts, amounts, horizons)
    def test_met_target(self, a: Decimal, b: Decimal, years: Decimal) -> None:
        """A met target gives a zero gap and a non-positive rate."""
        target, current = sorted((a, b))
        gap = kzpk.trade_gap(current, target, years=years)
        assert gap.met
        assert gap.gap == 0
        assert gap.cagr <= 0

    @given(amounts, amounts, horizons)
    def test_inverse(self, current: Decimal, target: Decimal, years: Decimal) -> None:
        """years_to_target inverts the required rate."""
        assume(target > current * Decimal("1.0001"))
        rate = kzpk.trade_gap(current, target, years=years).cagr
        assert close(kzpk.years_to_target(current, target, rate), years, Decimal("1e-18"))

    @given(amounts, amounts, horizons)
    def test_path_monotone_and_ends_at_target(
        self, current: Decimal, target: Decimal, years: Decimal
    ) -> None:
        """The path starts at current, ends at target and never turns back."""
        path = kzpk.trade_gap(current, target, years=years).path
        values = [p.value for p in path]
        assert values[0] == current
        assert values[-1] == target
        assert path[-1].years == years
        assert values == sorted(values) or values == sorted(values, reverse=True)
        assert [p.date for p in path] == sorted(p.date for p in path)

    @given(amounts, rates, horizons)
    def test_growing_at_rate_for_years_to_target(
        self, current: Decimal, rate: Decimal, years: Decimal
    ) -> None:
        """Growing for years_to_target years at a rate reaches the target."""
        target = current * (1 + rate) ** years
        found = kzpk.years_to_target(current, target, rate)
        assert close(found, years, Decimal("1e-18"))


class TestDefaults:
    """Defaults come from the dataset, with citations, and say where the horizon comes from."""

    def test_dataset_defaults(self) -> None:
        """The $250 million level and the $1 billion target, within the next year per Sharif."""
        gap = kzpk.trade_gap()
        assert gap.current == Decimal(250_000_000)
        assert gap.target == Decimal(1_000_000_000)
        assert gap.gap == Decimal(750_000_000)
        assert gap.multiple == 4
        assert gap.base_date == dt.date(2026, 2, 4)
        assert gap.years == 1
        assert gap.cagr == 3
        assert gap.horizon.kind is kzpk.HorizonKind.STATED
        assert gap.horizon.wording is not None
        assert "within the next year" in gap.horizon.wording
        assert gap.horizon.due == dt.date(2027, 2, 4)
        assert "islamabad-37-pacts" in gap.horizon.sources
        assert gap.given == ()
        assert {c.source for c in gap.citations} >= {"islamabad-37-pacts"}

    def test_user_inputs_are_marked(self) -> None:
        """Inputs the caller gave are listed in given; only dataset inputs are cited."""
        gap = kzpk.trade_gap("300m", years=2)
        assert gap.given == ("current", "horizon")
        assert gap.current == Decimal(300_000_000)
        assert gap.horizon.kind is kzpk.HorizonKind.GIVEN
        assert gap.horizon.due == dt.date(2028, 2, 4)
        assert gap.horizon.source_horizon is None
        assert str(gap.horizon) == "given"

    def test_by_year_means_end_of_year(self) -> None:
        """A year given as by counts to the last day of that year."""
        gap = kzpk.trade_gap(by=2028)
        assert gap.path[-1].date == dt.date(2028, 12, 31)
        assert gap.horizon == kzpk.GapHorizon(
            kzpk.HorizonKind.GIVEN, dt.date(2028, 12, 31), by=True
        )
        assert str(gap.horizon) == "by 2028-12-31 (given)"

    def test_by_date(self) -> None:
        """By a date counts the days from the base date."""
        assert kzpk.trade_gap(by=dt.date(2028, 2, 4)).years == 2
        half = kzpk.trade_gap(by=dt.date(2026, 8, 5)).years
        assert half == Decimal(182) / Decimal(365)

    def test_str_reads_well(self) -> None:
        """str() shows the amounts in words and the required rate as a percentage."""
        text = str(kzpk.trade_gap())
        assert "$250 million" in text
        assert "$1 billion" in text
        assert "+300.0 % a year" in text


class TestScenarios:
    """One scenario per horizon a source gives."""

    def test_one_per_horizon(self) -> None:
        """Every stated horizon gives a scenario, sorted by horizon length."""
        target = kzpk.load().lookup("trade-target-1bn")
        assert isinstance(target, kzpk.TradeTarget)
        scenarios = kzpk.trade_scenarios()
        assert len(scenarios) == len(target.horizons) >= 5
        assert [s.years for s in scenarios] == sorted(s.years for s in scenarios)

    def test_open_horizons_are_labelled_assumptions(self) -> None:
        """Horizons with no stated end are assumptions, said so, of the configured length."""
        kzpk.configure(kzpk.Config(open_horizon_years=4))
        assumed = [s for s in kzpk.trade_scenarios() if s.horizon.kind is kzpk.HorizonKind.ASSUMED]
        assert len(assumed) >= 3
        assert all(s.years == 4 for s in assumed)
        for scenario in assumed:
            assert scenario.horizon.source_horizon is not None
            assert scenario.horizon.source_horizon.due.end is None
            assert scenario.horizon.due == dt.date(2030, 2, 4)
            assert "assumed" in str(scenario.horizon)

    def test_each_cites_its_source(self) -> None:
        """Each scenario cites the source of its horizon."""
        for scenario in kzpk.trade_scenarios():
            assert scenario.horizon.sources
            assert set(scenario.horizon.sources) <= {c.source for c in scenario.citations}


class TestDerived:
    """The previous-year figure implied by 'doubled' is derived, never stated."""

    def test_implied_previous_year(self) -> None:
        """Doubling to $250 million implies $125 million the year before, marked derived."""
        derived = kzpk.implied_previous_trade()
        exact = [d for d in derived if not d.approximate]
        assert [d.value for d in exact] == [Decimal(125_000_000)]
        assert exact[0].basis == "derived"
        assert exact[0].period == kzpk.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        assert "assumes" in exact[0].method
        assert any(d.approximate for d in derived)


class TestBadInput:
    """Bad input raises a KzpkError saying what is valid."""

    @pytest.mark.parametrize("amount", ["0", "-5m", "NaN", "inf", "1 trillion", "", "ten", "$"])
    def test_bad_amount_text(self, amount: str) -> None:
        """Unreadable, zero or negative amounts are InvalidInputError."""
        with pytest.raises(kzpk.InvalidInputError, match=r"amount|positive"):
            kzpk.trade_gap(amount)

    @pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), 0, -1, float("inf")])
    def test_bad_amount_numbers(self, amount: Decimal | float) -> None:
        """Zero, negative, NaN and infinite numbers are InvalidInputError."""
        with pytest.raises(kzpk.InvalidInputError):
            kzpk.trade_gap(current=amount)

    @pytest.mark.parametrize("years", [0, -1, Decimal("NaN"), float("inf")])
    def test_bad_years(self, years: Decimal | float) -> None:
        """Horizons must be positive and finite."""
        with pytest.raises(kzpk.InvalidInputError, match="years"):
            kzpk.trade_gap(years=years)

    def test_both_horizons(self) -> None:
        """Giving both years and by is an error."""
        with pytest.raises(kzpk.InvalidInputError, match="not both"):
            kzpk.trade_gap(years=1, by=2030)

    def test_past_target_date(self) -> None:
        """A target date not after the base date is an error."""
        with pytest.raises(kzpk.InvalidInputError, match="after the base date"):
            kzpk.trade_gap(by=dt.date(2025, 1, 1))

    def test_wrong_types(self) -> None:
        """Wrong Python types are TypeError, as documented."""
        with pytest.raises(TypeError):
            kzpk.trade_gap(current=True)
        with pytest.raises(TypeError):
            kzpk.trade_gap(by="2028")  # type: ignore[arg-type]

    def test_unknown_baseline(self) -> None:
        """An unknown baseline id is NotFoundError."""
        with pytest.raises(kzpk.NotFoundError):
            kzpk.trade_gap(baseline="nope")

    def test_never_reaching(self) -> None:
        """Zero growth never reaches a higher target."""
        with pytest.raises(kzpk.InvalidInputError, match="never reaches"):
            kzpk.years_to_target("1m", "2m", 0)


class TestParseUsd:
    """The amount parser is small and strict."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("250m", 250_000_000),
            ("1bn", 10**9),
            ("$1.2 billion", 1_200_000_000),
            ("USD 750 million", 750_000_000),
            ("1,000,000", 10**6),
            ("US$ 5k", 5_000),
            ("2.5 mn", 2_500_000),
            ("40 million US dollars", 40_000_000),
        ],
    )
    def test_reads(self, text: str, value: int) -> None:
        """Common ways of writing amounts are read exactly."""
        assert kzpk.parse_usd(text) == value

    @given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e15"), places=2))
    def test_round_trip_plain(self, amount: Decimal) -> None:
        """Plain decimal text is read back exactly."""
        assert kzpk.parse_usd(f"{amount:f}") == amount

    @given(st.decimals(min_value=Decimal(1), max_value=Decimal("1e14"), places=0))
    def test_format_then_parse_is_close(self, amount: Decimal) -> None:
        """format_usd then parse_usd loses at most the rounding of the display."""
        back = kzpk.parse_usd(kzpk.format_usd(amount))
        assert abs(back - amount) <= max(Decimal("0.005") * amount, Decimal(1))
