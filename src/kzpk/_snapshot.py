"""Checked datasets kept on disk, so a fresh interpreter skips parsing and checking.

After the default dataset passes every check, its records are pickled into the cache
directory (``Config.cache_dir``, else the platform's user cache directory) under a name
that digests everything the result depends on: the bytes of every data file, the source
of the modules that structure and check them, the installed attrs and cattrs, and the
Python version. Any change gives a new name, so an entry is never stale. An entry that is
missing, unreadable, owned by another user or not what kzpk writes is ignored (and
replaced); a cache directory that cannot be written is skipped. Entries are written
atomically (a temporary file, then a rename) and may be deleted at any time.

An entry holds each record as its class and field values, so reading one runs the record
classes' own ``__init__`` and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Iterable
from importlib.util import find_spec, source_hash
from typing import Any

import attrs

from kzpk._settings import current_config

__all__ = ["cache_dir", "entry_name", "read", "write"]

#: Changes whenever the layout of an entry changes.
_FORMAT: bytes = b"kzpk-snapshot-1"
#: The modules whose source decides what loading a dataset returns.
_LOADER_MODULES = ("_model.py", "_convert.py", "_dataset.py", "_names.py", "_snapshot.py")
#: The installed packages whose code decides it too.
_DEPENDENCIES = ("attrs", "cattrs")


def cache_dir() -> str | None:
    """The directory entries live in, or None when the cache is turned off."""
    config = current_config()
    if not config.cache:
        return None
    if config.cache_dir is not None:
        return os.fspath(config.cache_dir)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return os.path.join(local, "kzpk", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/kzpk")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return os.path.join(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "kzpk")


def entry_name(contents: Iterable[bytes]) -> str | None:
    """The entry name for data files with these *contents*, in a fixed file order.

    None when kzpk's own source cannot be read (a sourceless install): without it the
    name could not change with the code, so nothing is cached.
    """
    parts = [_FORMAT, sys.version.encode()]
    here = os.path.dirname(__file__)
    try:
        for module in _LOADER_MODULES:
            with open(os.path.join(here, module), "rb") as source:
                parts.append(source.read())
        for package in _DEPENDENCIES:
            spec = find_spec(package)
            origin = os.fspath(spec.origin) if spec is not None and spec.origin else ""
            stat = os.stat(origin)
            parts.append(f"{origin}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except OSError:
        return None
    parts.extend(contents)
    framed = b"".join(len(part).to_bytes(8, "little") + part for part in parts)
    return f"dataset-{source_hash(framed).hex()}.pickle"


def read(directory: str, name: str) -> object:
    """The value stored under *name* in *directory*, or None when none is worth trusting."""
    try:
        with open(os.path.join(directory, name), "rb") as file:
            if hasattr(os, "getuid") and os.fstat(file.fileno()).st_uid != os.getuid():
                return None
            return pickle.load(file)  # noqa: S301 - the user's own cache, checked above
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is a miss
        return None


def write(directory: str, name: str, value: object) -> None:
    """Store *value* under *name* in *directory*; skip quietly when it cannot be written."""
    import tempfile

    try:
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=directory)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            _RecordPickler(file, pickle.HIGHEST_PROTOCOL).dump(value)
        os.replace(temporary, os.path.join(directory, name))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class _RecordPickler(pickle.Pickler):
    """Pickles each record as ``(class, field values)``: reading it calls ``__init__``."""

    def reducer_override(self, obj: object) -> Any:  # noqa: ANN401 - pickle's own contract
        cls = type(obj)
        if attrs.has(cls):
            return cls, attrs.astuple(obj, recurse=False)  # type: ignore[arg-type]
        return NotImplemented
