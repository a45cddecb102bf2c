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
import math
import os
import threading
from typing import TYPE_CHECKING, Any, Final

import attrs

from kzpk.exceptions import InvalidInputError

if TYPE_CHECKING:
    from pathlib import Path

    from kzpk.config._settings import Settings

__all__ = ["ENV_PREFIX", "Config", "configure", "current_config", "current_data_dir"]

ENV_PREFIX = "KZPK_"


def _field_error(field: attrs.Attribute[Any], problem: str, value: object) -> InvalidInputError:
    return InvalidInputError(f"{field.name}: {problem}, not {value!r}")


def _number(field: attrs.Attribute[Any], value: object) -> float:
    """*value* as a finite number, or an error naming *field*."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _field_error(field, "must be a number", value)
    if not math.isfinite(value):
        raise _field_error(field, "must be a finite number", value)
    return float(value)


_DAY_HOURS: Final = 24


def _positive(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """Speeds and horizons: None (where allowed) or a finite number greater than 0."""
    if value is None and field.default is None:
        return
    if not _number(field, value) > 0:
        raise _field_error(field, "must be greater than 0", value)


def _hours_of_a_day(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """Hours in a day: None, or a finite number above 0 and at most 24."""
    if value is None:
        return
    if not 0 < _number(field, value) <= _DAY_HOURS:
        raise _field_error(field, "must be above 0 and at most 24", value)


def _not_negative(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """Dwell times and penalties: None or a finite number of at least 0."""
    if value is not None and not _number(field, value) >= 0:
        raise _field_error(field, "must be 0 or more", value)


def _optional_path(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """None or a path (``str`` or ``os.PathLike``) that may not exist yet."""
    if value is not None and not isinstance(value, (str, os.PathLike)):
        raise _field_error(field, "must be a path", value)


def _existing_directory(config: object, field: attrs.Attribute[Any], value: object) -> None:
    """None or the path of a directory that exists."""
    _optional_path(config, field, value)
    if value is not None and not os.path.isdir(value):  # type: ignore[arg-type]
        raise _field_error(field, "must be an existing directory", value)


def _optional_day(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """None or a date (not a datetime, whose day would depend on a time zone)."""
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise _field_error(field, "must be a date", value)


def _flag(_config: object, field: attrs.Attribute[Any], value: object) -> None:
    """True or False."""
    if not isinstance(value, bool):
        raise _field_error(field, "must be True or False", value)


@attrs.frozen
class Config:
    """The resolved, immutable configuration of kzpk, checked when it is made.

    A value kzpk cannot use raises :class:`~kzpk.InvalidInputError` naming the field
    (``Config(speed_rail_kmh=0)``: "speed_rail_kmh: must be greater than 0, not 0").
    These fields and their checks are the only declaration: :class:`kzpk.Settings` is
    generated from them.

    Attributes:
        data_dir: An existing dataset directory to use instead of the packaged data.
        sources_dir: The existing directory of the source texts (for quote verification).
        as_of: The day "due" and "overdue" are judged on; None means today.
        speed_rail_kmh: Rail freight moving speed, km/h; None: the dataset's cited figure.
            Speeds are greater than 0; dwell times and the penalty are 0 or more.
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
        road_driving_hours: Hours (above 0, at most 24) a freight truck is driven per day;
            None: the dataset's (the AETR daily limit).
        open_horizon_years: Years (greater than 0) assumed for a target horizon a source
            leaves open ("in the near term"), in trade scenarios.
        cache: Keep checked datasets on disk so later interpreters start faster.
        cache_dir: Where to keep them; None means the platform's user cache directory
            (``$XDG_CACHE_HOME/kzpk`` or ``~/.cache/kzpk``, ``~/Library/Caches/kzpk``,
            ``%LOCALAPPDATA%/kzpk/Cache``).
    """

    data_dir: Path | None = attrs.field(default=None, validator=_existing_directory)
    sources_dir: Path | None = attrs.field(default=None, validator=_existing_directory)
    as_of: dt.date | None = attrs.field(default=None, validator=_optional_day)
    speed_rail_kmh: float | None = attrs.field(default=None, validator=_positive)
    speed_road_kmh: float | None = attrs.field(default=None, validator=_positive)
    speed_sea_kmh: float | None = attrs.field(default=None, validator=_positive)
    speed_air_kmh: float | None = attrs.field(default=None, validator=_positive)
    speed_pipeline_kmh: float | None = attrs.field(default=None, validator=_positive)
    border_hours_rail: float | None = attrs.field(default=None, validator=_not_negative)
    border_hours_road: float | None = attrs.field(default=None, validator=_not_negative)
    border_hours_other: float | None = attrs.field(default=None, validator=_not_negative)
    mode_change_hours: float | None = attrs.field(default=None, validator=_not_negative)
    gauge_change_hours: float | None = attrs.field(default=None, validator=_not_negative)
    port_hours: float | None = attrs.field(default=None, validator=_not_negative)
    mode_change_penalty_km: float | None = attrs.field(default=None, validator=_not_negative)
    road_driving_hours: float | None = attrs.field(default=None, validator=_hours_of_a_day)
    open_horizon_years: float = attrs.field(default=3.0, validator=_positive)
    cache: bool = attrs.field(default=True, validator=_flag)
    cache_dir: Path | None = attrs.field(default=None, validator=_optional_path)


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
    from kzpk.config._settings import Settings

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


def configure(settings: Settings | Config | None = None, **changes: object) -> None:
    """Make *settings* the active configuration; ``None`` goes back to environment and defaults.

    Keyword *changes* are applied to *settings* (or to the defaults when it is None), so
    ``configure(as_of=dt.date(2026, 6, 30))`` is ``configure(Config(as_of=...))``.

    Raises:
        TypeError: *settings* is neither a :class:`kzpk.Settings` nor a :class:`Config`.
        InvalidInputError: A change names no field of :class:`Config`, or has a value it
            rejects (the message names the field).
    """
    global _configured  # noqa: PLW0603 - the one piece of state, guarded by a lock
    config = settings if settings is None or isinstance(settings, Config) else _as_config(settings)
    if changes:
        config = _changed(DEFAULTS if config is None else config, changes)
    with _lock:
        _configured = config


def _changed(config: Config, changes: dict[str, object]) -> Config:
    """*config* with *changes*, checked like any new Config."""
    names = [field.name for field in attrs.fields(Config)]
    unknown = sorted(set(changes) - set(names))
    if unknown:
        raise InvalidInputError(
            f"configure() has no setting {', '.join(unknown)}; the settings are {', '.join(names)}"
        )
    checked_below: dict[str, Any] = changes  # each value is checked by Config's validators
    return attrs.evolve(config, **checked_below)


def _as_config(settings: object) -> Config:
    to_config = getattr(settings, "to_config", None)
    config = to_config() if callable(to_config) else None
    if not isinstance(config, Config):
        raise TypeError(
            f"configure() takes kzpk.Settings or kzpk.Config, not {type(settings).__name__}"
        )
    return config
