"""Old names kept for one release: they warn, then do what the new name does."""

from __future__ import annotations

import warnings

__all__ = ["warn_renamed"]

#: The release that drops the deprecated names.
REMOVED_IN = "0.3.0"


def warn_renamed(old: str, new: str) -> None:
    """Warn the caller's caller that ``kzpk.<old>()`` is now ``kzpk.<new>()``."""
    warnings.warn(
        f"kzpk.{old}() is renamed kzpk.{new}() and will be removed in kzpk {REMOVED_IN}",
        DeprecationWarning,
        stacklevel=3,
    )
