"""Plots (optional extra ``kzpk[plot]``): trade scenarios and the corridor network.

matplotlib is imported on first use, with the non-interactive Agg backend.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import InvalidInputError, MissingExtraError
from kzpk.model import LinkStatus, Mode, TradeFigure, TradeFlow
from kzpk.routing._types import Route
from kzpk.trade._gap import trade_scenarios

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


#: The image formats a plot is written in, by the suffix of its path.
FORMATS: Final = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def _target(path: str | Path) -> Path:
    """*path*, checked before anything is drawn: a known suffix, not a device or directory.

    Raises:
        InvalidInputError: The suffix is not .png, .svg or .pdf (no suffix is added: the
            file written is the one asked for), or something other than a regular file
            (a device such as /dev/full, a directory, a FIFO) is at *path*.
    """
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise InvalidInputError(
            f"cannot write the plot to {target}: give a file name ending in "
            f"{', '.join(FORMATS)} (the suffix says the format)"
        )
    try:
        status = target.stat()
    except OSError:  # nothing there yet (or a dangling link, which the rename replaces)
        return target
    if not stat.S_ISREG(status.st_mode):
        raise InvalidInputError(f"cannot write the plot to {target}: it is not a regular file")
    return target


def _save(figure: Any, target: Path) -> Path:
    """Write *figure* to *target* whole: into a staging file beside it, then one rename.

    On any failure (a full disk, no permission) the staging file is removed and whatever
    was at *target* before is left as it was.
    """
    staging = target.with_name(f".{target.name}.{os.urandom(6).hex()}.partial")
    try:
        descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as file:
            figure.savefig(
                file, format=FORMATS[target.suffix.lower()], dpi=120, bbox_inches="tight"
            )
        staging.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            staging.unlink()
        if not isinstance(error, OSError | ValueError):
            raise
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise InvalidInputError(f"cannot write the plot to {target}: {reason}") from None
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

    The image is written whole or not at all (a staging file beside *path*, then one
    rename), at exactly *path*, which is returned.

    Raises:
        InvalidInputError: *path* does not end in .png, .svg or .pdf (the suffix gives the
            format; none is added), something other than a regular file is there (a device
            such as /dev/full, a directory), or the image cannot be written (the message
            says why; nothing is left behind).
        MissingExtraError: matplotlib is not installed (``pip install 'kzpk[plot]'``).
    """
    target = _target(path)
    data = dataset if dataset is not None else load()
    return _save(_trade_figure(data), target)


def plot_network(
    path: str | Path, route: Route | None = None, *, dataset: Dataset | None = None
) -> Path:
    """Draw the corridor network to *path*, colour by mode, line style by status.

    A *route*, when given, is highlighted. The path and how it is written are as for
    :func:`plot_trade`.
    """
    target = _target(path)
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
    return _save(figure, target)
