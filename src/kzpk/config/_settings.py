"""``kzpk.Settings``: configuration from ``KZPK_*`` environment variables (pydantic-settings).

Imported only when configuration is actually given, because pydantic-settings is heavy.
Its fields are generated from :class:`kzpk.Config`'s: pydantic only turns text into the
declared types, and every value is then checked by the rule each field of ``Config``
declares (:mod:`kzpk.config._fields`), so the fields and their rules are declared once.
A bad value is named by its variable: ``KZPK_SPEED_RAIL_KMH must be at least 1 and below
1,000 km/h, not 0.0``.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from pydantic import Field, ValidationError, create_model
from pydantic_settings import BaseSettings, SettingsConfigDict

from kzpk.config._config import ENV_PREFIX, Config, unknown_variable
from kzpk.config._fields import SETTING, Setting, problem
from kzpk.exceptions import InvalidInputError

__all__ = ["Settings"]


class _SettingsBase(BaseSettings):
    """Settings read from ``KZPK_*`` environment variables or given as arguments.

    Every field has the name, meaning, default and rules of the same field of
    :class:`kzpk.Config`; ``KZPK_DATA_DIR`` sets ``data_dir``, ``KZPK_SPEED_RAIL_KMH`` sets
    ``speed_rail_kmh``, and so on. Pass an instance to :func:`kzpk.configure` to make it
    active. A bad value raises :class:`~kzpk.InvalidInputError` naming its variable.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid")

    def __init__(self, **values: Any) -> None:  # noqa: ANN401 - forwards to pydantic
        """Read *values* and ``KZPK_*`` variables; raise InvalidInputError on bad ones."""
        try:
            super().__init__(**values)
        except ValidationError as error:
            raise settings_error(error) from None
        problems = [
            f"{_variable(field.name)} {found}, not {value!r}"
            for field in attrs.fields(Config)
            if (found := problem(field, value := getattr(self, field.name))) is not None
        ]
        if problems:
            raise InvalidInputError("invalid settings: " + "; ".join(problems))

    def to_config(self) -> Config:
        """Return these settings as the immutable :class:`kzpk.Config` kzpk runs with."""
        return Config(**{field.name: getattr(self, field.name) for field in attrs.fields(Config)})


def _variable(name: str) -> str:
    return f"{ENV_PREFIX}{name.upper()}"


def _fields() -> dict[str, Any]:
    """Each field of Config as pydantic's ``(type, Field)``: its default, meaning and values."""
    hints = typing.get_type_hints(Config, localns={"Path": Path, "dt": dt})
    fields = {}
    for field in attrs.fields(Config):
        declared: Setting = field.metadata[SETTING]
        description = f"{declared.meaning}: {declared.words()} (default {declared.default})"
        fields[field.name] = (hints[field.name], Field(field.default, description=description))
    return fields


if TYPE_CHECKING:

    class Settings(_SettingsBase):
        """What type checkers see: each field of :class:`kzpk.Config` as an attribute.

        At run time the class is made from ``Config``'s fields (below), so the two cannot
        differ; a test holds this declaration to them.
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

else:
    Settings = create_model(
        "Settings",
        __base__=_SettingsBase,
        __module__=__name__,
        __doc__=_SettingsBase.__doc__,
        **_fields(),
    )


def settings_error(error: ValidationError) -> InvalidInputError:
    """Turn a pydantic validation error into one line naming each setting and its problem."""
    parts = []
    for found in error.errors():
        variable = _variable("_".join(str(p) for p in found["loc"]))
        if found["type"] == "extra_forbidden":
            parts.append(unknown_variable(variable))
        else:
            parts.append(f"{variable}: {found['msg']}")
    return InvalidInputError("invalid settings: " + "; ".join(parts))
