"""``kzpk.Settings``: configuration from ``KZPK_*`` environment variables (pydantic-settings).

Imported only when configuration is actually given, because pydantic-settings is heavy.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from kzpk._settings import DEFAULTS, ENV_PREFIX, Config
from kzpk.exceptions import InvalidInputError

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Settings read from ``KZPK_*`` environment variables or given as arguments.

    Every field has the meaning and default of the same field of :class:`kzpk.Config`;
    ``KZPK_DATA_DIR`` sets ``data_dir``, ``KZPK_SPEED_RAIL_KMH`` sets ``speed_rail_kmh``,
    and so on. Pass an instance to :func:`kzpk.configure` to make it active.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid")

    data_dir: Path | None = DEFAULTS.data_dir
    sources_dir: Path | None = DEFAULTS.sources_dir
    as_of: dt.date | None = DEFAULTS.as_of
    speed_rail_kmh: float | None = Field(DEFAULTS.speed_rail_kmh, gt=0, allow_inf_nan=False)
    speed_road_kmh: float | None = Field(DEFAULTS.speed_road_kmh, gt=0, allow_inf_nan=False)
    speed_sea_kmh: float | None = Field(DEFAULTS.speed_sea_kmh, gt=0, allow_inf_nan=False)
    speed_air_kmh: float | None = Field(DEFAULTS.speed_air_kmh, gt=0, allow_inf_nan=False)
    speed_pipeline_kmh: float | None = Field(DEFAULTS.speed_pipeline_kmh, gt=0, allow_inf_nan=False)
    border_hours_rail: float | None = Field(DEFAULTS.border_hours_rail, ge=0, allow_inf_nan=False)
    border_hours_road: float | None = Field(DEFAULTS.border_hours_road, ge=0, allow_inf_nan=False)
    border_hours_other: float | None = Field(DEFAULTS.border_hours_other, ge=0, allow_inf_nan=False)
    mode_change_hours: float | None = Field(DEFAULTS.mode_change_hours, ge=0, allow_inf_nan=False)
    gauge_change_hours: float | None = Field(DEFAULTS.gauge_change_hours, ge=0, allow_inf_nan=False)
    port_hours: float | None = Field(DEFAULTS.port_hours, ge=0, allow_inf_nan=False)
    mode_change_penalty_km: float | None = Field(
        DEFAULTS.mode_change_penalty_km, ge=0, allow_inf_nan=False
    )
    road_driving_hours: float | None = Field(
        DEFAULTS.road_driving_hours, gt=0, le=24, allow_inf_nan=False
    )
    open_horizon_years: float = Field(DEFAULTS.open_horizon_years, gt=0, allow_inf_nan=False)
    cache: bool = DEFAULTS.cache
    cache_dir: Path | None = DEFAULTS.cache_dir

    def __init__(self, **values: Any) -> None:  # noqa: ANN401 - forwards to pydantic
        """Validate *values* and ``KZPK_*`` variables; raise InvalidInputError on bad ones."""
        try:
            super().__init__(**values)
        except ValidationError as error:
            raise settings_error(error) from None

    def to_config(self) -> Config:
        """Return these settings as the immutable :class:`kzpk.Config` kzpk runs with."""
        return Config(**self.model_dump())


def settings_error(error: ValidationError) -> InvalidInputError:
    """Turn a pydantic validation error into one line naming each setting and its problem."""
    parts = [
        f"{ENV_PREFIX}{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
        for e in error.errors()
    ]
    return InvalidInputError("invalid settings: " + "; ".join(parts))
