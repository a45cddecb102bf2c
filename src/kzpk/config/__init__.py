"""Configuration: the validated :class:`Config`, ``configure()`` and ``KZPK_`` settings.

:class:`Settings` (pydantic-settings) is imported on first use only: reading the
environment is the one place kzpk needs pydantic.
"""

from typing import TYPE_CHECKING

from kzpk.config._config import Config, ConfigChanges, configure, current_config

if TYPE_CHECKING:
    from kzpk.config._settings import Settings

__all__ = ["Config", "ConfigChanges", "Settings", "configure", "current_config"]


def __getattr__(name: str) -> object:
    """Import :class:`Settings` (and pydantic) only when it is asked for."""
    if name == "Settings":
        from kzpk.config._settings import Settings

        return Settings
    raise AttributeError(f"module 'kzpk.config' has no attribute {name!r}")
