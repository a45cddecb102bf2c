"""Plots (optional extra ``kzpk[plot]``): trade scenarios and the corridor network.

matplotlib is imported on first use, with the non-interactive Agg backend.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import InvalidInputError, MissingExtraError
from kzpk.model import LinkStatus, Mode, TradeFigure, TradeFlow
from kzpk.routing._types import Route
from kzpk.trade._gap import trade_scenarios

__all__ = ["plot_network", "plot_trade"]

_MODE_COLOURS = {
    Mode.RAIL: "#1f77b4",
    Mode.ROAD: "#ff7f0e",
    Mode.SEA: "#17becf",
    Mode.AIR: "#9467bd",
    Mode.PIPELINE: "#2ca02c",
}
_STATUS_STYLES = {
    LinkStatus.OPERATIONAL: "-",
    LinkStatus.UNDER_CONSTRUCTION: "--",
    LinkStatus.PLANNED: ":",
    LinkStatus.SUSPENDED: "-.",
    LinkStatus.CLOSED: "-.",
    LinkStatus.SUPERSEDED: (0, (1, 4)),
}


_SCENARIO_STYLES: Final = ("-", "--", ":", "-.")
_SCENARIO_MARKERS: Final = ("o", "s", "D", "v")
_LEGEND_WIDTH: Final = 60


def _pyplot() -> Any:
    try:
        import matplotlib as mpl
    except ImportError:
        raise MissingExtraError("plots need matplotlib: pip install 'kzpk[plot]'") from None
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure: Any, path: str | Path) -> Path:
    target = Path(path)
    try:
        figure.savefig(target, dpi=120, bbox_inches="tight")
    except (OSError, ValueError) as error:
        raise InvalidInputError(f"cannot write the plot to {target}: {error}") from None
    finally:
        _pyplot().close(figure)
    return target


def _midpoint(figure: TradeFigure) -> dt.date:
    """The middle day of the figure's period, where its value belongs on a time axis."""
    end = figure.period.end or figure.period.start
    return figure.period.start + (end - figure.period.start) / 2


def _official_series(data: Dataset, reporter: str) -> list[TradeFigure]:
    """The reporter's full-period turnover figures (not running levels), in time order."""
    return sorted(
        (
            f
            for f in data.trade_figures
            if f.reporter == reporter
            and f.flow is TradeFlow.TURNOVER
            and not f.partial
            and f.period.end is not None
            and f.period.end != f.period.start
        ),
        key=lambda f: f.period.start,
    )


def _coincides(before: int) -> str:
    if not before:
        return ""
    return f" (coincides with the {'line' if before == 1 else f'{before} lines'} above)"


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, width=_LEGEND_WIDTH))


def _trade_figure(data: Dataset) -> Any:
    """The trade plot as a matplotlib figure (see :func:`plot_trade`)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(10, 5.5))
    scenarios = trade_scenarios(dataset=data)
    paths = [tuple((p.date, p.value) for p in s.path) for s in scenarios]
    seen: dict[tuple[tuple[dt.date, Decimal], ...], int] = {}
    for scenario, path in zip(scenarios, paths, strict=True):
        twin = seen[path] = seen.get(path, -1) + 1  # how many drawn before on the same path
        same = paths.count(path)
        axes.plot(
            [p.date for p in scenario.path],
            [float(p.value) / 1e6 for p in scenario.path],
            linestyle=_SCENARIO_STYLES[twin % len(_SCENARIO_STYLES)],
            linewidth=1.5 + 2.0 * (same - 1 - twin),  # wider underneath, so each shows
            marker=_SCENARIO_MARKERS[twin % len(_SCENARIO_MARKERS)],
            markersize=5 + 3 * (same - 1 - twin),
            label=_wrap(str(scenario.horizon) + _coincides(twin)),
        )
    axes.axhline(float(scenarios[0].target) / 1e6, color="black", linestyle="--", label="target")
    for reporter, marker in (("KZ", "s"), ("PK", "^")):
        series = _official_series(data, reporter)
        if not series:
            continue
        middles = [_midpoint(f) for f in series]
        axes.errorbar(
            middles,
            [float(f.value) / 1e6 for f in series],
            xerr=[
                [m - f.period.start for f, m in zip(series, middles, strict=True)],
                [(f.period.end or m) - m for f, m in zip(series, middles, strict=True)],
            ],
            fmt=marker,
            capsize=3,
            label=f"turnover reported by {reporter}, at the middle of its period (bar: the period)",
        )
    axes.set_ylabel("US$ million a year")
    axes.set_title("Kazakhstan–Pakistan trade: scenarios to the $1 billion target")
    axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    return figure


def plot_trade(path: str | Path, *, dataset: Dataset | None = None) -> Path:
    """Draw every source's trade scenario against the target to *path* (PNG, SVG or PDF).

    Each reporter's official full-period turnover is drawn at the middle of its period
    (a calendar 2023 figure at mid-2023), with a bar spanning the period. Scenarios that
    coincide (several sources, one assumed horizon) are drawn in different styles, so
    each stays visible; the legend, below the plot, gives each label whole.
    """
    data = dataset if dataset is not None else load()
    return _save(_trade_figure(data), path)


def plot_network(
    path: str | Path, route: Route | None = None, *, dataset: Dataset | None = None
) -> Path:
    """Draw the corridor network to *path*, colour by mode, line style by status.

    A *route*, when given, is highlighted.
    """
    plt = _pyplot()
    data = dataset if dataset is not None else load()
    places = {p.id: p for p in data.places}
    figure, axes = plt.subplots(figsize=(9, 8))
    for link in data.links:
        a, b = places[link.origin], places[link.destination]
        axes.plot(
            [a.longitude, b.longitude],
            [a.latitude, b.latitude],
            color=_MODE_COLOURS[link.mode],
            linestyle=_STATUS_STYLES[link.status],
            linewidth=1.2,
        )
    axes.scatter(
        [p.longitude for p in data.places],
        [p.latitude for p in data.places],
        s=10,
        color="black",
        zorder=3,
    )
    for place in data.places:
        if place.hub:
            axes.annotate(place.name, (place.longitude, place.latitude), fontsize=7)
    if route is not None:
        for leg in route.legs:
            axes.plot(
                [leg.origin.longitude, leg.destination.longitude],
                [leg.origin.latitude, leg.destination.latitude],
                color="red",
                linewidth=3.5,
                alpha=0.6,
                zorder=4,
            )
    for mode, colour in _MODE_COLOURS.items():
        axes.plot([], [], color=colour, label=mode.value)
    for status, style in _STATUS_STYLES.items():
        axes.plot([], [], color="grey", linestyle=style, label=status.value)
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_title("Corridors between Kazakhstan and Pakistan")
    axes.legend(fontsize=7, loc="lower left")
    return _save(figure, path)
