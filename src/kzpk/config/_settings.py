"""``kzpk.Settings``: configuration from ``KZPK_*`` environment variables (pydantic-settings).

Imported only when configuration is actually given, because pydantic-settings is heavy.
Its fields are generated from :class:`kzpk.Config`'s: pydantic only turns text into the
declared types, and every value is then checked by ``Config``'s own validators, so the
fields and their rules are declared once.
"""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from pydantic import ValidationError, create_model
from pydantic_settings import BaseSettings, SettingsConfigDict

from kzpk.config._config import ENV_PREFIX, Config
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
        problems = []
        for field in attrs.fields(Config):
            if field.validator is None:  # pragma: no cover - every field has one
                continue
            try:
                field.validator(None, field, getattr(self, field.name))
            except InvalidInputError as error:
                problems.append(f"{_variable(field.name)} ({error})")
        if problems:
            raise InvalidInputError("invalid settings: " + "; ".join(problems))

    def to_config(self) -> Config:
        """Return these settings as the immutable :class:`kzpk.Config` kzpk runs with."""
        return Config(**{field.name: getattr(self, field.name) for field in attrs.fields(Config)})


def _variable(name: str) -> str:
    return f"{ENV_PREFIX}{name.upper()}"


def _fields() -> dict[str, Any]:
    """Each field of Config as pydantic's ``(type, default)``, types resolved from its hints."""
    hints = typing.get_type_hints(Config, localns={"Path": Path, "dt": dt})
    return {field.name: (hints[field.name], field.default) for field in attrs.fields(Config)}


if TYPE_CHECKING:
    Settings = _SettingsBase
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
    parts = [f"{_variable('_'.join(str(p) for p in e['loc']))}: {e['msg']}" for e in error.errors()]
    return InvalidInputError("invalid settings: " + "; ".join(parts))
