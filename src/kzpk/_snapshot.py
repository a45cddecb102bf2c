"""Checked datasets kept on disk as plain data, so a fresh interpreter skips parsing and checking.

After the default dataset passes every check, its records are written into the cache
directory (``Config.cache_dir``, else the platform's user cache directory) under a name
that digests everything the result depends on: the bytes of every data file, the source
of every module of kzpk (every ``*.py`` file beside this one, found on disk, so a new
module cannot be forgotten), the installed attrs and cattrs, and the Python version. Any
change gives a new name, so an entry is never stale; on writing, the entries this one
replaces (same data directory, older digest) and entries untouched for 30 days are deleted.
An entry that is missing, unreadable, owned by another user or not what kzpk writes is
ignored (and replaced); a cache directory that cannot be written is skipped. Entries are
written atomically (a temporary file, then a rename) and may be deleted at any time.

An entry cannot run code. It is :mod:`marshal` data of plain values only (``marshal`` for
speed: it is built in and parses an entry in about a millisecond): strings,
numbers, booleans, None and tuples as themselves, and every other value as a list whose
first item names its type: ``"d"`` a date, ``"n"`` a Decimal, else the name of one of
kzpk's own record or enum classes (:data:`ALLOWED`), rebuilt by calling that class with the
decoded field values. Reading rejects the whole entry on any other type (code objects
included, which marshal could otherwise hold but which kzpk never runs) or name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from importlib.util import find_spec, source_hash
from typing import Any, Final

import attrs

from kzpk import _model
from kzpk._settings import current_config

__all__ = ["ALLOWED", "cache_dir", "decode", "encode", "entry_name", "prune", "read", "write"]

#: Changes whenever the layout of an entry changes.
_FORMAT: Final = b"kzpk-snapshot-2"
#: The marshal format version entries are written in.
_MARSHAL_VERSION: Final = 4
_PREFIX: Final = "dataset-"
_SUFFIX: Final = ".marshal"
#: The installed packages whose code decides what a load returns, besides kzpk's own.
_DEPENDENCIES: Final = ("attrs", "cattrs")
#: Entries and leftovers not touched for this long are deleted when an entry is written.
_MAX_AGE_SECONDS: Final = 30 * 24 * 3600

#: The classes an entry may name: kzpk's own records and enums, nothing else.
ALLOWED: Final[Mapping[str, type]] = {
    name: value
    for name, value in vars(_model).items()
    if isinstance(value, type)
    and value.__module__ == _model.__name__
    and (attrs.has(value) or issubclass(value, enum.Enum))
}


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


def _code_parts() -> list[bytes]:
    """Name and source of every module of kzpk, then where attrs and cattrs are installed.

    Raises OSError when they cannot be read; an install without sources has none and gives
    an empty list.
    """
    here = os.path.dirname(__file__)
    parts = []
    for name in sorted(entry for entry in os.listdir(here) if entry.endswith(".py")):
        with open(os.path.join(here, name), "rb") as source:
            parts += [name.encode(), source.read()]
    if not parts:
        return []
    for package in _DEPENDENCIES:
        spec = find_spec(package)
        origin = os.fspath(spec.origin) if spec is not None and spec.origin else ""
        stat = os.stat(origin)
        parts.append(f"{origin}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return parts


def _digest(parts: Iterable[bytes]) -> str:
    framed = b"".join(len(part).to_bytes(8, "little") + part for part in parts)
    return source_hash(framed).hex()


def entry_name(contents: Iterable[bytes], folder: str = "") -> str | None:
    """The entry name for the data files of *folder* with these *contents*, in file order.

    ``dataset-<folder digest>-<digest of code and contents>.marshal``. None when kzpk's own
    source cannot be read (a sourceless install): without it the name could not change with
    the code, so nothing is cached.
    """
    try:
        code = _code_parts()
    except OSError:
        return None
    if not code:
        return None
    parts = [_FORMAT, sys.version.encode(), *code, *contents]
    return f"{_PREFIX}{_digest([folder.encode()])}-{_digest(parts)}{_SUFFIX}"


def read(directory: str, name: str) -> object:
    """The value stored under *name* in *directory*, or None when none is worth trusting."""
    import marshal

    try:
        with open(os.path.join(directory, name), "rb") as file:
            if hasattr(os, "getuid") and os.fstat(file.fileno()).st_uid != os.getuid():
                return None
            # marshal only builds values here, it runs nothing; decode() rejects all but data
            return decode(marshal.loads(file.read()))  # noqa: S302
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is a miss
        return None


def write(directory: str, name: str, value: object) -> None:
    """Store *value* under *name* in *directory*, prune what it replaces; skip on OSError."""
    import marshal
    import tempfile

    try:
        data = marshal.dumps(encode(value), _MARSHAL_VERSION)  # type: ignore[arg-type]
        os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=directory)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, os.path.join(directory, name))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(directory, name)


def prune(directory: str, current: str) -> None:
    """Delete the entries *current* replaces, old leftovers, and entries of earlier formats.

    Replaced: entries for the same data directory (same folder digest) with another name.
    Old: anything of kzpk's (entries, temporary files) not modified for 30 days. Files kzpk
    does not write are left alone.
    """
    folder = current[: current.rindex("-") + 1]
    oldest = time.time() - _MAX_AGE_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            name = entry.name
            with contextlib.suppress(OSError):
                if name == current or not entry.is_file(follow_symlinks=False):
                    continue
                old = entry.stat(follow_symlinks=False).st_mtime < oldest
                if name.startswith(_PREFIX):
                    # replaced, of an earlier format (a pickle, JSON), or unused for long
                    stale = name.startswith(folder) or not name.endswith(_SUFFIX) or old
                else:
                    stale = name.startswith(".") and name.endswith(".tmp") and old
                if stale:
                    os.unlink(entry.path)


def encode(value: object) -> object:  # noqa: PLR0911 - one return per kind of value
    """*value* (records, enums, tuples, dicts of them, dates, Decimals, scalars) as plain data."""
    if isinstance(value, enum.Enum):
        return [_allowed_name(value), value.value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return tuple(map(encode, value))
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return ["d", value.isoformat()]
    if attrs.has(type(value)):
        fields = attrs.astuple(value, recurse=False)  # type: ignore[arg-type]
        return [_allowed_name(value), *map(encode, fields)]
    raise TypeError(f"a snapshot cannot hold {type(value).__name__}")


def _allowed_name(value: object) -> str:
    name = type(value).__name__
    if ALLOWED.get(name) is not type(value):
        raise TypeError(f"{type(value).__qualname__} is not one of kzpk's record classes")
    return name


def _one(build: Callable[[Any], object]) -> Callable[[list[Any]], object]:
    """A builder from exactly one plain value: ``[name, value]``."""

    def from_one(items: list[Any]) -> object:
        name, value = items  # anything but one value is a ValueError: a miss
        if type(value) not in _PLAIN:
            raise TypeError(f"{name} takes a plain value, not {type(value).__name__}")
        return build(value)

    return from_one


def _members(cls: type[enum.Enum]) -> Callable[[Any], object]:
    """The member of *cls* with a value (a dict lookup, faster than calling the enum)."""
    by_value = {member.value: member for member in cls}
    return by_value.__getitem__


def _record(cls: type) -> Callable[[list[Any]], object]:
    """A builder of *cls* from its field values: ``[name, *fields]``."""
    # The inline type test spares a call per plain field; decode() checks the rest.
    return lambda items: cls(*[v if type(v) in _PLAIN else decode(v) for v in items[1:]])


_BUILDERS: Final[dict[str, Callable[[list[Any]], object]]] = {
    "d": _one(dt.date.fromisoformat),
    "n": _one(Decimal),
    **{
        name: _one(_members(cls)) if issubclass(cls, enum.Enum) else _record(cls)
        for name, cls in ALLOWED.items()
    },
}
_PLAIN: Final = frozenset({str, int, float, bool, type(None)})


def decode(value: object) -> object:
    """Rebuild what :func:`encode` wrote.

    Raises:
        KeyError: A list names a type outside :data:`ALLOWED`.
        TypeError: A value is of a type :func:`encode` never writes.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if isinstance(value, list):
        return _BUILDERS[value[0]](value)
    if isinstance(value, tuple):
        return tuple([v if type(v) in _PLAIN else decode(v) for v in value])
    if isinstance(value, dict):
        return {key: decode(item) for key, item in value.items()}
    raise TypeError(f"a snapshot cannot hold {kind.__name__}")
