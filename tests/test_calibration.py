"""Modelled route times beside reported trips, and README's calibration table."""

from __future__ import annotations

import re

import pytest

import kzpk
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
_TABLE = re.compile(r"<!-- calibration -->\n(.*?)<!-- /calibration -->", re.DOTALL)


def _percent(error: float | None) -> str:
    if error is None:
        return "–"
    return "0%" if round(error, 2) == 0 else f"{error:+.0%}".replace("-", "\N{MINUS SIGN}")


def table(rows: tuple[kzpk.Calibration, ...]) -> str:
    """The calibration rows as README shows them."""
    lines = [
        (
            "| trip | modes | reported days | modelled days | error | reported km | modelled km "
            "| error | fit |"
        ),
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        trip = row.trip
        reported = (
            f"{trip.days_min:g}"
            if trip.days_min == trip.days_max
            else f"{trip.days_min:g}–{trip.days_max:g}"
        )
        modelled = "–" if row.modelled_days is None else f"{row.modelled_days:.1f}"
        km = "–" if row.modelled_km is None else f"{row.modelled_km:,.0f}"
        reported_km = "–" if trip.km is None else f"{trip.km:,.0f}"
        modes = "+".join(m.value for m in trip.modes)
        lines.append(
            f"| `{trip.id}` | {modes} | {reported} | {modelled} | {_percent(row.days_error)} "
            f"| {reported_km} | {km} | {_percent(row.km_error)} | {row.fit.value} |"
        )
    return "\n".join(lines) + "\n"


class TestCalibration:
    """Every reported trip gets an answer, and README shows it as computed."""

    def test_every_trip_compared(self) -> None:
        """Each trip has a row whose fit agrees with its numbers."""
        rows = kzpk.calibration()
        assert len(rows) == len(kzpk.load().trips) >= 5
        for row in rows:
            if row.modelled_days is None:
                assert row.fit is kzpk.Fit.NO_ROUTE
                assert row.note
                continue
            assert row.modelled_days > 0
            if row.fit is kzpk.Fit.INSIDE:
                assert row.trip.days_min <= row.modelled_days <= row.trip.days_max
            elif row.fit is kzpk.Fit.FASTER:
                assert row.modelled_days < row.trip.days_min
            else:
                assert row.modelled_days > row.trip.days_max

    def test_readme_table_is_current(self) -> None:
        """README's calibration table is exactly what calibration() computes today."""
        found = _TABLE.search(README)
        assert found, "README has no calibration table"
        assert found.group(1) == table(kzpk.calibration())

    def test_errors_agree_with_fit(self) -> None:
        """The days' error is 0 inside the reported range, of the fit's sign outside it."""
        for row in kzpk.calibration():
            error = row.days_error
            assert error is not None
            if row.fit is kzpk.Fit.INSIDE:
                assert error == 0
            else:
                assert (error < 0) == (row.fit is kzpk.Fit.FASTER)

    def test_distances_within_fifteen_percent(self) -> None:
        """Every reported distance is modelled within ±15 %; km_error is that miss, a fraction."""
        compared = [
            (row, row.trip.km, row.modelled_km)
            for row in kzpk.calibration()
            if row.trip.km is not None and row.modelled_km is not None
        ]
        assert len(compared) >= 5
        for row, reported, modelled in compared:
            miss = (modelled - reported) / reported
            assert abs(miss) <= 0.15, (row.trip.id, miss)
            assert row.km_error == pytest.approx(miss), row.trip.id

    def test_readme_explains_every_miss(self) -> None:
        """Every trip the model misses is explained below the table."""
        after = README[README.index("<!-- /calibration -->") :]
        explained = after[: after.index("\n## ")]
        for row in kzpk.calibration():
            if row.fit is not kzpk.Fit.INSIDE:
                assert f"`{row.trip.id}`" in explained, row.trip.id

    def test_trip_without_handling_leaves_out_terminal_lifts(self) -> None:
        """A trip reporting no terminal handling is compared without the lifts at its ends."""
        rows = [row for row in kzpk.calibration() if not row.trip.includes_handling]
        assert rows
        for row in rows:
            trip = row.trip
            route = kzpk.build_route(
                trip.origin,
                trip.destination,
                via=trip.via,
                modes=trip.modes,
                on=row.on,
                optimize="time",
                alternatives=1,
            )[0]
            lifts = sum(c.hours for c in route.changes if c.kind == "terminal")
            assert lifts > 0
            assert row.modelled_days is not None
            assert abs(row.modelled_days * 24 - (route.hours - lifts)) < 1e-9


def test_readme_double_crew_figures_are_current() -> None:
    """README's days for the fast trucks with ``crew="double"`` are what calibration gives."""
    text = " ".join(README.split())
    bullet = text[text.index("- Fast trucks:") : text.index("the model gives")]
    rows = {row.trip.id: row for row in kzpk.calibration(crew="double")}
    named = [rows[i] for i in re.findall(r"`([a-z0-9-]+)`", bullet) if i in rows]
    stated = re.search(r"the model gives ((?:[\d.]+, )*[\d.]+ and [\d.]+) days", text)
    assert stated
    figures = re.findall(r"[\d.]+", stated.group(1))
    assert len(named) == len(figures) >= 2
    for row, days in zip(named, figures, strict=True):
        assert row.modelled_days is not None, row.trip.id
        assert f"{row.modelled_days:.1f}" == days, row.trip.id


def test_double_crew_is_never_slower() -> None:
    """Two drivers never take longer than one on the same trip."""
    single = kzpk.calibration()
    double = kzpk.calibration(crew="double")
    for one, two in zip(single, double, strict=True):
        if one.modelled_days is not None:
            assert two.modelled_days is not None
            assert two.modelled_days <= one.modelled_days + 1e-9, one.trip.id
