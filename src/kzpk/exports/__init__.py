"""Exports other tools read: JSON, CSV, Data Package, SQLite, GeoJSON, JSON Schema, plots.

The plots (which need routes and trade scenarios, and matplotlib) are imported on first use.
"""

from typing import TYPE_CHECKING

from kzpk.exports._export import export, geojson, to_frames, to_json, unstructure
from kzpk.exports._schema import json_schema

if TYPE_CHECKING:
    from kzpk.exports._plot import plot_network, plot_trade

__all__ = [
    "export",
    "geojson",
    "json_schema",
    "plot_network",
    "plot_trade",
    "to_frames",
    "to_json",
    "unstructure",
]


def __getattr__(name: str) -> object:
    """Import the plotting module on first use of one of its names."""
    if name in {"plot_network", "plot_trade"}:
        from kzpk.exports import _plot

        return getattr(_plot, name)
    raise AttributeError(f"module 'kzpk.exports' has no attribute {name!r}")
