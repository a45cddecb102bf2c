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
import warnings
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Final, TypedDict, Unpack

import attrs

from kzpk._spelling import suggest
from kzpk.config._fields import Range, setting
from kzpk.exceptions import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from kzpk.config._settings import Settings

__all__ = [
    "ENV_PREFIX",
    "Config",
    "ConfigChanges",
    "configure",
    "current_config",
    "current_data_dir",
]

ENV_PREFIX = "KZPK_"


_SPEED: Final = Range(1, 1000, "km/h")
_HOURS: Final = Range(0, 10_000, "hours")
_DATASETS: Final = "the dataset's"


@attrs.frozen
class Config:
    """The resolved, immutable configuration of kzpk, checked when it is made.

    A value kzpk cannot use raises :class:`~kzpk.InvalidInputError` naming the field
    (``Config(speed_rail_kmh=0)``: "speed_rail_kmh: must be at least 1 and below 1,000
    km/h, not 0"). Every number has a finite range. These fields, with the meaning, values
    and default each declares in its metadata (:class:`kzpk.config._fields.Setting`), are
    the only declaration: the checks, :class:`kzpk.Settings` and the README's table of
    ``KZPK_*`` variables are made from them.

    Attributes:
        data_dir: An existing dataset directory to use instead of the packaged data.
        sources_dir: The existing directory of the source texts (for quote verification).
        as_of: The day "due" and "overdue" are judged on; None means today.
        speed_rail_kmh: Rail freight moving speed, km/h (at least 1, below 1,000); None:
            the dataset's cited figure.
        speed_road_kmh: Road freight moving speed, km/h; None: the dataset's.
        speed_sea_kmh: Sea and ferry speed, km/h; None: the dataset's.
        speed_air_kmh: Air speed including taxi and climb, km/h; None: the dataset's.
        speed_pipeline_kmh: Flow speed in pipelines, km/h; None: the dataset's.
        border_hours_rail: Dwell at a border crossing by rail where the crossing has no
            published figure, hours (0 or more, below 10,000); None: the dataset's.
        border_hours_road: The same by road, hours; None: the dataset's.
        border_hours_other: The same by sea, air or pipeline, hours; None: the dataset's.
        mode_change_hours: Transload time where the route changes mode, hours; None: the
            dataset's.
        gauge_change_hours: Transload time at a break of rail gauge, hours; None: the
            dataset's.
        port_hours: Port handling per sea leg, hours; None: the dataset's.
        mode_change_penalty_km: Kilometres (0 or more, below 100,000) added per change of
            mode when optimising distance; None: the dataset's.
        road_driving_hours: Hours (at least 1, at most 24) a freight truck is driven per
            day; None: the dataset's (the AETR daily limit).
        open_horizon_years: Years (0.1 to 100) assumed for a target horizon a source
            leaves open ("in the near term"), in trade scenarios.
        cache: Keep checked datasets on disk so later interpreters start faster.
        cache_dir: Where to keep them; None means the platform's user cache directory
            (``$XDG_CACHE_HOME/kzpk`` or ``~/.cache/kzpk``, ``~/Library/Caches/kzpk``,
            ``%LOCALAPPDATA%/kzpk/Cache``).
    """

    data_dir: Path | None = setting(
        "a dataset directory to use instead of the packaged data", "directory", shown="packaged"
    )
    sources_dir: Path | None = setting(
        "the directory of the article texts, for the quote tests",
        "directory",
        shown="`../shared/seeds` (tests)",
    )
    as_of: dt.date | None = setting("the day commitments are judged on", "date", shown="today")
    speed_rail_kmh: float | None = setting(
        "rail freight moving speed", "number", _SPEED, shown=_DATASETS
    )
    speed_road_kmh: float | None = setting(
        "road freight moving speed", "number", _SPEED, shown=_DATASETS
    )
    speed_sea_kmh: float | None = setting("sea and ferry speed", "number", _SPEED, shown=_DATASETS)
    speed_air_kmh: float | None = setting(
        "air speed, taxi and climb included", "number", _SPEED, shown=_DATASETS
    )
    speed_pipeline_kmh: float | None = setting(
        "flow speed in pipelines", "number", _SPEED, shown=_DATASETS
    )
    border_hours_rail: float | None = setting(
        "dwell per rail border crossing without its own published figure"
        " (set, it replaces the border means)",
        "number",
        _HOURS,
        shown=_DATASETS,
    )
    border_hours_road: float | None = setting(
        "dwell per road border crossing without its own published figure"
        " (set, it replaces the border means)",
        "number",
        _HOURS,
        shown=_DATASETS,
    )
    border_hours_other: float | None = setting(
        "dwell per sea, air or pipeline border crossing without its own published figure"
        " (set, it replaces the border means)",
        "number",
        _HOURS,
        shown=_DATASETS,
    )
    mode_change_hours: float | None = setting(
        "transload time per change of mode", "number", _HOURS, shown=_DATASETS
    )
    gauge_change_hours: float | None = setting(
        "transload time per break of rail gauge", "number", _HOURS, shown=_DATASETS
    )
    port_hours: float | None = setting(
        "port handling per sea leg", "number", _HOURS, shown=_DATASETS
    )
    mode_change_penalty_km: float | None = setting(
        "km added per change of mode when optimising distance",
        "number",
        Range(0, 100_000, "km"),
        shown=_DATASETS,
    )
    road_driving_hours: float | None = setting(
        "hours a freight truck is driven per day",
        "number",
        Range(1, 24, "hours", high_in=True),
        shown="the dataset's (the AETR daily limit)",
    )
    open_horizon_years: float = setting(
        "years assumed for a target horizon a source leaves open",
        "number",
        Range(0.1, 100, "years", high_in=True),
        default=3.0,
        shown="3",
    )
    cache: bool = setting(
        "keep the checked dataset on disk for later interpreters",
        "flag",
        default=True,
        shown="true",
    )
    cache_dir: Path | None = setting(
        "where to keep it (in its folder `snapshots`)",
        "path",
        shown="`$XDG_CACHE_HOME/kzpk` or `~/.cache/kzpk` (`~/Library/Caches/kzpk` on macOS, "
        "`%LOCALAPPDATA%/kzpk/Cache` on Windows)",
    )


class ConfigChanges(TypedDict, total=False):
    """The keyword changes :func:`configure` takes: the fields of :class:`Config`.

    For type checkers, so that ``configure(speed_rial_kmh=30)`` is an error before it runs;
    a test holds it to :class:`Config`'s fields and types.
    """

    data_dir: Path | None
    sources_dir: Path | None
    as_of: dt.date | None
    speed_rail_kmh: float | None
    speed_road_kmh: float | None
    speed_sea_kmh: float | None
    speed_air_kmh: float | None
    speed_pipeline_kmh: float | None
    border_hours_rail: float | None
    border_hours_road: float | None
    border_hours_other: float | None
    mode_change_hours: float | None
    gauge_change_hours: float | None
    port_hours: float | None
    mode_change_penalty_km: float | None
    road_driving_hours: float | None
    open_horizon_years: float
    cache: bool
    cache_dir: Path | None


DEFAULTS = Config()

_lock = threading.Lock()
_configured: Config | None = None
_from_env: tuple[tuple[str | None, ...], Config] | None = None


_VARIABLES: Final = tuple(f"{ENV_PREFIX}{f.name.upper()}" for f in attrs.fields(Config))
_KNOWN: Final = frozenset(_VARIABLES)
_DATA_DIR_VARIABLE: Final = f"{ENV_PREFIX}DATA_DIR"


def _environment() -> tuple[str | None, ...]:
    """The values of the ``KZPK_*`` variables (names are case-sensitive)."""
    return tuple(map(os.environ.get, _VARIABLES))


#: The ``KZPK_*`` variables that are no setting and have been warned about.
_warned: set[str] = set()


def unknown_variable(name: str) -> str:
    """``KZPK_SPEED_RAIL is not a kzpk setting; did you mean KZPK_SPEED_RAIL_KMH?``."""
    import difflib

    names = [variable.removeprefix(ENV_PREFIX) for variable in _VARIABLES]
    close = difflib.get_close_matches(name.removeprefix(ENV_PREFIX), names, n=1, cutoff=0.6)
    if close:
        return f"{name} is not a kzpk setting; did you mean {ENV_PREFIX}{close[0]}?"
    return f"{name} is not a kzpk setting; the settings are {', '.join(_VARIABLES)}"


#: The names of the environment as the last check read them (encoded, on POSIX).
_checked: frozenset[str | bytes] = frozenset()


def _warn_unknown_variables() -> None:
    """Warn once for each ``KZPK_*`` variable that is not a setting, naming the closest.

    The names are read as the environment mapping keeps them (encoded, on POSIX) and only
    when a variable was set or removed since the last check: iterating ``os.environ``
    decodes every name in Python, which took most of the time of a warm lookup.
    """
    global _checked  # noqa: PLW0603 - the names the last check read
    kept = getattr(os.environ, "_data", None)
    names: Mapping[str, str] | Mapping[bytes, bytes]
    names = kept if isinstance(kept, dict) else os.environ
    if names.keys() == _checked:
        return
    _checked = frozenset(names)
    for raw in sorted(names):  # all str, or all bytes: in the order of their names
        name = os.fsdecode(raw)
        if name.startswith(ENV_PREFIX) and name not in _KNOWN and name not in _warned:
            _warned.add(name)
            warnings.warn(unknown_variable(name), UserWarning, stacklevel=3)


def current_config() -> Config:
    """Return the active configuration (see the module docstring for the order).

    A ``KZPK_*`` variable that is no setting (a misspelt one) is never silently ignored: a
    ``UserWarning`` names it and the closest setting, once per process.
    """
    global _from_env  # noqa: PLW0603 - a one-entry cache keyed by the KZPK_ variables
    if _configured is not None:
        return _configured
    _warn_unknown_variables()
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
    _warn_unknown_variables()
    if os.environ.get(_DATA_DIR_VARIABLE) is None:
        return None
    return current_config().data_dir


class _Configured(AbstractContextManager[Config]):
    """What :func:`configure` returns: the configuration made active, and a way back.

    Used as a statement it needs nothing more; in a ``with`` block, the configuration
    that was active before comes back when the block ends.
    """

    def __init__(self, active: Config | None, previous: Config | None) -> None:
        self._active = active
        self._previous = previous

    def __enter__(self) -> Config:
        return current_config() if self._active is None else self._active

    def __exit__(self, *_: object) -> None:
        global _configured  # noqa: PLW0603 - the one piece of state, guarded by a lock
        with _lock:
            _configured = self._previous


def configure(
    settings: Settings | Config | None = None, **changes: Unpack[ConfigChanges]
) -> AbstractContextManager[Config]:
    """Make *settings* the active configuration; ``None`` goes back to environment and defaults.

    Keyword *changes* are applied to *settings* (or to the defaults when it is None), so
    ``configure(as_of=dt.date(2026, 6, 30))`` is ``configure(Config(as_of=...))``. The
    change holds from the call on; ``with configure(...):`` also restores the configuration
    that was active before when the block ends.

    Raises:
        TypeError: *settings* is neither a :class:`kzpk.Settings` nor a :class:`Config`.
        InvalidInputError: A change names no field of :class:`Config`, or has a value it
            rejects (the message names the field).
    """
    global _configured
    config = settings if settings is None or isinstance(settings, Config) else _as_config(settings)
    if changes:
        config = _changed(DEFAULTS if config is None else config, dict(changes))
    with _lock:
        previous, _configured = _configured, config
    return _Configured(config, previous)


def _changed(config: Config, changes: dict[str, Any]) -> Config:
    """*config* with *changes*, checked like any new Config."""
    names = [field.name for field in attrs.fields(Config)]
    unknown = sorted(set(changes) - set(names))
    if unknown:
        close = suggest(unknown[0], names)
        raise InvalidInputError(
            f"configure() has no setting {', '.join(unknown)}{close}; "
            f"the settings are {', '.join(names)}",
            option=unknown[0],
            valid=names,
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
