"""Trade gap, scenarios and the inverse: the laws of compounding, and the dataset defaults."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import kzpk

DATA = kzpk.load()
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
        assume(target <= kzpk.parse_usd(10**15))
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


class TestBounds:
    """Numbers outside what trade can mean are refused with the valid range, not a traceback."""

    @pytest.mark.parametrize("amount", [10**60, "9" * 70 + "bn", Decimal("1e16"), "0.001"])
    def test_amount_out_of_range(self, amount: object) -> None:
        """Amounts above $10^15 or below a cent are InvalidInputError naming the range."""
        with pytest.raises(kzpk.InvalidInputError, match=r"between \$0\.01 and"):
            kzpk.trade_gap(current=amount)  # type: ignore[arg-type]

    @pytest.mark.parametrize("years", [9000, 1e-300, Decimal(1001)])
    def test_years_out_of_range(self, years: float | Decimal) -> None:
        """Horizons under a day or over 1000 years are refused with the range."""
        with pytest.raises(kzpk.InvalidInputError, match=r"between one day .* and 1000 years"):
            kzpk.trade_gap(years=years)

    def test_by_too_late(self) -> None:
        """A due year more than 1000 years away is refused, naming the limit."""
        with pytest.raises(kzpk.InvalidInputError, match="at most 1000 years after"):
            kzpk.trade_gap(by=9999)

    def test_one_day_is_enough(self) -> None:
        """The shortest horizon, one day, still gives a finite rate."""
        gap = kzpk.trade_gap(by=dt.date(2026, 2, 5))
        assert gap.cagr.is_finite()
        assert gap.cagr > 0

    def test_tiny_growth_rate(self) -> None:
        """A growth rate too small for 1 + rate to differ from 1 still gives the years."""
        years = kzpk.years_to_target("250m", "1bn", 1e-300)
        assert close(years, Decimal(4).ln() * Decimal("1e300"), Decimal("1e-25"))

    @given(st.decimals(min_value=Decimal("1e-40"), max_value=Decimal("1e-6")))
    def test_small_rates_agree_with_the_definition(self, rate: Decimal) -> None:
        """For small rates the series and the logarithm agree: growing that long reaches it."""
        years = kzpk.years_to_target("250m", "1bn", rate)
        assert close(years * rate, Decimal(4).ln(), max(rate, Decimal("1e-30")))


class TestBaseline:
    """A baseline must be a year's turnover, as the target is."""

    @pytest.mark.parametrize(
        "baseline", ["kz-turnover-2024", "pk-turnover-fy2021-22", "trade-level-sharif-2026"]
    )
    def test_full_years_and_stated_levels(self, baseline: str) -> None:
        """A calendar year, a fiscal year and a stated running level are accepted."""
        gap = kzpk.trade_gap(baseline=baseline, years=3)
        figure = kzpk.load().lookup(baseline)
        assert isinstance(figure, kzpk.TradeFigure)
        assert gap.current == figure.value

    @pytest.mark.parametrize(
        ("baseline", "reason"),
        [
            ("pk-exports-pk-to-kz-fy2024-25", "one way only"),
            ("kz-imports-pk-to-kz-2023", "one way only"),
            ("kz-turnover-2025-01-to-2025-07", "only part of a year"),
        ],
    )
    def test_refused_with_the_reason(self, baseline: str, reason: str) -> None:
        """One-way and part-year figures are refused, saying why."""
        with pytest.raises(kzpk.InvalidInputError, match=reason):
            kzpk.trade_gap(baseline=baseline)
        with pytest.raises(kzpk.InvalidInputError, match=reason):
            kzpk.trade_scenarios(baseline=baseline)

    def test_accepted_figures_are_exactly_the_years_of_turnover(self) -> None:
        """Accepted baselines are the turnover figures of one day or twelve whole months.

        The expected set is worked out here from each figure's flow, partial flag and
        period (a day; or the first of a month to the day before that date a year on),
        and both sides of the rule must have members in the packaged data.
        """

        def year_of_turnover(figure: kzpk.TradeFigure) -> bool:
            start, end = figure.period.start, figure.period.end
            if figure.flow is not kzpk.TradeFlow.TURNOVER or figure.partial or end is None:
                return False
            a_year_on = dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)
            return end == start or (start.day == 1 and end == a_year_on)

        accepted, refused = set(), set()
        for figure in DATA.trade_figures:
            try:
                kzpk.trade_gap(baseline=figure.id, years=1)
            except kzpk.InvalidInputError:
                refused.add(figure.id)
            else:
                accepted.add(figure.id)
        assert accepted == {f.id for f in DATA.trade_figures if year_of_turnover(f)}
        assert {"kz-turnover-2024", "pk-turnover-fy2021-22", "trade-level-sharif-2026"} <= accepted
        assert "kz-turnover-2025-01-to-2025-07" in refused

    def test_full_year_2025_turnover(self) -> None:
        """Kazakhstan's full-year 2025 turnover, reported during the visit, is a baseline.

        The gap runs from the last day of 2025 to the $1 billion target; every amount is
        read from the two records, none is written here.
        """
        figure = DATA.lookup("kz-turnover-2025")
        goal = DATA.lookup("trade-target-1bn")
        assert isinstance(figure, kzpk.TradeFigure)
        assert isinstance(goal, kzpk.TradeTarget)
        assert figure.reporter == "KZ"
        assert figure.flow is kzpk.TradeFlow.TURNOVER
        assert not figure.partial
        assert figure.period.start == dt.date(2025, 1, 1)
        assert figure.period.end == dt.date(2025, 12, 31)
        gap = kzpk.trade_gap(baseline=figure.id, years=2)
        assert gap.current == figure.value
        assert gap.target == goal.value
        assert gap.base_date == dt.date(2025, 12, 31)
        assert gap.gap == goal.value - figure.value
        assert gap.multiple == goal.value / figure.value
        assert close(figure.value * (1 + gap.cagr) ** 2, goal.value)
        assert gap.given == ("horizon",)
        assert {c.source for c in figure.citations} <= {c.source for c in gap.citations}
        stated = kzpk.trade_gap(baseline=figure.id)
        assert stated.horizon.kind is kzpk.HorizonKind.STATED
        assert stated.current == figure.value
        assert kzpk.trade_scenarios(baseline=figure.id)

    def test_two_years_of_turnover_refused(self) -> None:
        """A whole (not partial) turnover figure over two years is not a year's turnover."""
        (figure,) = [f for f in DATA.trade_figures if f.id == "kz-turnover-2024"]
        longer = attrs.evolve(
            figure,
            id="kz-turnover-2023-24",
            period=kzpk.Period(dt.date(2023, 1, 1), figure.period.end),
        )
        dataset = DATA.replace(trade_figures=(*DATA.trade_figures, longer))
        with pytest.raises(kzpk.InvalidInputError, match="not a full calendar or fiscal year"):
            kzpk.trade_gap(baseline=longer.id, years=1, dataset=dataset)


class TestFormatUsd:
    """format_usd formats any finite amount, negative ones too."""

    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            (-5, "-$5"),
            (Decimal(-28590000), "-$28.59 million"),
            (0.5, "$0.50"),
            (Decimal("1e60"), "$1" + "0" * 51 + " billion"),
            (250_000_000, "$250 million"),
        ],
    )
    def test_formats(self, amount: Decimal | float, text: str) -> None:
        """Negative, fractional, huge and ordinary amounts all format."""
        assert kzpk.format_usd(amount) == text

    def test_refuses_what_is_not_a_number(self) -> None:
        """NaN is InvalidInputError; a string or a bool is TypeError."""
        with pytest.raises(kzpk.InvalidInputError):
            kzpk.format_usd(Decimal("NaN"))
        with pytest.raises(TypeError):
            kzpk.format_usd("5")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            kzpk.format_usd(True)  # noqa: FBT003 - the wrong type on purpose
