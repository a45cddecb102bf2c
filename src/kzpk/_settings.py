"""The configuration kzpk runs with, resolved without paying for pydantic when unused.

``current_config()`` returns the active :class:`Config`: the one given to ``configure()``,
else one read from ``KZPK_*`` environment variables through :class:`kzpk.Settings`
(pydantic-settings, imported only then), else the defaults. Both paths give equal values.

Speeds and dwell times for the route builder default to None: the route builder then uses
the dataset's cited figures (``kzpk.load().parameters``, from the CAREC Corridor Performance
Measurement and Monitoring reports and the other sources they cite); set them to model
your own assumptions.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from pathlib import Path

    from kzpk._settings_model import Settings

__all__ = ["ENV_PREFIX", "Config", "configure", "current_config", "current_data_dir"]

ENV_PREFIX = "KZPK_"


@attrs.frozen
class Config:
    """The resolved, immutable configuration of kzpk.

    Attributes:
        data_dir: A dataset directory to use instead of the packaged data.
        sources_dir: Where the source texts are (for quote verification).
        as_of: The day "due" and "overdue" are judged on; None means today.
        speed_rail_kmh: Rail freight moving speed, km/h; None: the dataset's cited figure.
        speed_road_kmh: Road freight moving speed, km/h; None: the dataset's.
        speed_sea_kmh: Sea and ferry speed, km/h; None: the dataset's.
        speed_air_kmh: Air speed including taxi and climb, km/h; None: the dataset's.
        speed_pipeline_kmh: Flow speed in pipelines, km/h; None: the dataset's.
        border_hours_rail: Dwell at a border crossing by rail where the crossing has no
            published figure, hours; None: the dataset's.
        border_hours_road: The same by road, hours; None: the dataset's.
        border_hours_other: The same by sea, air or pipeline, hours; None: the dataset's.
        mode_change_hours: Transload time where the route changes mode, hours; None: the
            dataset's.
        gauge_change_hours: Transload time at a break of rail gauge, hours; None: the
            dataset's.
        port_hours: Port handling per sea leg, hours; None: the dataset's.
        mode_change_penalty_km: Kilometres added per change of mode when optimising
            distance; None: the dataset's.
        road_driving_hours: Hours a freight truck is driven per day; None: the
            dataset's (the AETR daily limit).
        open_horizon_years: Years assumed for a target horizon a source leaves open
            ("in the near term"), in trade scenarios.
        cache: Keep checked datasets on disk so later interpreters start faster.
        cache_dir: Where to keep them; None means the platform's user cache directory
            (``$XDG_CACHE_HOME/kzpk`` or ``~/.cache/kzpk``, ``~/Library/Caches/kzpk``,
            ``%LOCALAPPDATA%/kzpk/Cache``).
    """

    data_dir: Path | None = None
    sources_dir: Path | None = None
    as_of: dt.date | None = None
    speed_rail_kmh: float | None = None
    speed_road_kmh: float | None = None
    speed_sea_kmh: float | None = None
    speed_air_kmh: float | None = None
    speed_pipeline_kmh: float | None = None
    border_hours_rail: float | None = None
    border_hours_road: float | None = None
    border_hours_other: float | None = None
    mode_change_hours: float | None = None
    gauge_change_hours: float | None = None
    port_hours: float | None = None
    mode_change_penalty_km: float | None = None
    road_driving_hours: float | None = None
    open_horizon_years: float = 3.0
    cache: bool = True
    cache_dir: Path | None = None


DEFAULTS = Config()

_lock = threading.Lock()
_configured: Config | None = None
_from_env: tuple[tuple[str | None, ...], Config] | None = None


_VARIABLES: Final = tuple(f"{ENV_PREFIX}{f.name.upper()}" for f in attrs.fields(Config))
_DATA_DIR_VARIABLE: Final = f"{ENV_PREFIX}DATA_DIR"


def _environment() -> tuple[str | None, ...]:
    """The values of the ``KZPK_*`` variables (names are case-sensitive)."""
    return tuple(map(os.environ.get, _VARIABLES))


def current_config() -> Config:
    """Return the active configuration (see the module docstring for the order)."""
    global _from_env  # noqa: PLW0603 - a one-entry cache keyed by the KZPK_ variables
    if _configured is not None:
        return _configured
    environment = _environment()
    if not any(environment):
        return DEFAULTS
    cached = _from_env
    if cached is not None and cached[0] == environment:
        return cached[1]
    from kzpk._settings_model import Settings

    config = Settings().to_config()
    _from_env = (environment, config)
    return config


def current_data_dir() -> Path | None:
    """The active ``data_dir``, cheaply: the full configuration is read only when one is set."""
    if _configured is not None:
        return _configured.data_dir
    if os.environ.get(_DATA_DIR_VARIABLE) is None:
        return None
    return current_config().data_dir


def configure(settings: Settings | Config | None = None) -> None:
    """Make *settings* the active configuration; ``None`` goes back to environment and defaults.

    Raises:
        TypeError: *settings* is neither a :class:`kzpk.Settings` nor a :class:`Config`.
    """
    global _configured  # noqa: PLW0603 - the one piece of state, guarded by a lock
    config = settings if settings is None or isinstance(settings, Config) else _as_config(settings)
    with _lock:
        _configured = config


def _as_config(settings: object) -> Config:
    to_config = getattr(settings, "to_config", None)
    config = to_config() if callable(to_config) else None
    if not isinstance(config, Config):
        raise TypeError(
            f"configure() takes kzpk.Settings or kzpk.Config, not {type(settings).__name__}"
        )
    return config
