"""Plots (optional extra ``kzpk[plot]``): trade scenarios and the corridor network.

matplotlib is imported on first use, with the non-interactive Agg backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kzpk._dataset import Dataset, load
from kzpk._model import LinkStatus, Mode, TradeFlow
from kzpk._routes import Route
from kzpk._trade import trade_scenarios
from kzpk.exceptions import InvalidInputError, MissingExtraError

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
}


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


def plot_trade(path: str | Path, *, dataset: Dataset | None = None) -> Path:
    """Draw every source's trade scenario against the target to *path* (PNG, SVG or PDF).

    The official full-year turnover series of each reporter is drawn beside them.
    """
    plt = _pyplot()
    data = dataset if dataset is not None else load()
    figure, axes = plt.subplots(figsize=(9, 5))
    scenarios = trade_scenarios(dataset=data)
    for scenario in scenarios:
        axes.plot(
            [p.date for p in scenario.path],
            [float(p.value) / 1e6 for p in scenario.path],
            marker="o",
            label=str(scenario.horizon)[:60],
        )
    axes.axhline(float(scenarios[0].target) / 1e6, color="black", linestyle="--", label="target")
    for reporter, marker in (("KZ", "s"), ("PK", "^")):
        series = sorted(
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
        if series:
            axes.plot(
                [f.period.end for f in series],
                [float(f.value) / 1e6 for f in series],
                marker=marker,
                linestyle="none",
                label=f"turnover reported by {reporter}",
            )
    axes.set_ylabel("US$ million a year")
    axes.set_title("Kazakhstan–Pakistan trade: scenarios to the $1 billion target")
    axes.legend(fontsize=7)
    return _save(figure, path)


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
