"""Checked datasets kept on disk as plain data, so a fresh interpreter skips parsing and checking.

After the default dataset passes every check, its records are written into the cache
directory (``Config.cache_dir``, else the platform's user cache directory) under a name
that digests everything the result depends on: the bytes of every data file, the source
of every module of kzpk (every ``*.py`` file of the package and its subpackages, found on
disk, so a new module cannot be forgotten), the installed attrs and cattrs, and the Python
version. Any change gives a new name, so an entry is never stale; on writing, the entries this one
replaces (same data directory, older digest) and entries untouched for 30 days are deleted.
An entry that is missing, unreadable, owned by another user or not what kzpk writes is
ignored (and replaced); a cache directory that cannot be written is skipped. Entries are
written atomically (a temporary file, then a rename) and may be deleted at any time.

An entry cannot run code. It is :mod:`marshal` data of plain values only (``marshal`` for
speed: it is built in and parses an entry in a few milliseconds): each record is the tuple
of its field values, enums as their values, dates as ISO text, Decimals as text. The entry
names no class: what each tuple is rebuilt as comes from kzpk's own field types
(:func:`builder`), so rebuilding calls kzpk's record classes and nothing else, and nothing
in an entry is ever called or executed. An entry of another shape (a field too many or too
few, an unknown enum value, a code object where records belong) is a miss.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import sys
import time
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from importlib.util import find_spec, source_hash
from typing import Any, Final, TypeVar

import attrs

from kzpk.config._config import current_config

__all__ = ["builder", "cache_dir", "encode", "entry_name", "prune", "read", "write"]

_T = TypeVar("_T")

#: Changes whenever the layout of an entry changes.
_FORMAT: Final = b"kzpk-snapshot-3"
#: The marshal format version entries are written in.
_MARSHAL_VERSION: Final = 4
_PREFIX: Final = "dataset-"
_SUFFIX: Final = ".marshal"
#: The installed packages whose code decides what a load returns, besides kzpk's own.
_DEPENDENCIES: Final = ("attrs", "cattrs")
#: Folders of the package that hold no code.
_NOT_CODE: Final = frozenset({"data", "__pycache__"})
#: Entries and leftovers not touched for this long are deleted when an entry is written.
_MAX_AGE_SECONDS: Final = 30 * 24 * 3600


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
    """Path and source of every module of kzpk, then where attrs and cattrs are installed.

    Every ``*.py`` file below the package directory counts, in every subpackage, so a new
    module or subpackage cannot be forgotten. Raises OSError when they cannot be read; an
    install without sources has none and gives an empty list.
    """
    package = os.path.dirname(os.path.dirname(__file__))
    parts = []
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d not in _NOT_CODE)
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            with open(path, "rb") as source:
                parts += [os.path.relpath(path, package).encode(), source.read()]
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


def read(directory: str, name: str, rebuild: Callable[[Any], _T]) -> _T | None:
    """*rebuild* of the value stored under *name* in *directory*, or None if not trustworthy.

    None when the entry is missing, unreadable, another user's, or *rebuild* raised.
    """
    import marshal

    try:
        with open(os.path.join(directory, name), "rb") as file:
            if hasattr(os, "getuid") and os.fstat(file.fileno()).st_uid != os.getuid():
                return None
            # marshal only builds values here, it runs nothing; rebuild() calls kzpk's classes
            return rebuild(marshal.loads(file.read()))  # noqa: S302
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
    """*value* (records, enums, tuples, dicts of them, dates, Decimals, scalars) as plain data.

    A record becomes the tuple of its encoded field values; :func:`builder` reverses it.
    """
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return tuple(map(encode, value))
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if attrs.has(type(value)):
        return tuple(map(encode, attrs.astuple(value, recurse=False)))  # type: ignore[arg-type]
    raise TypeError(f"a snapshot cannot hold {type(value).__name__}")


_PLAIN: Final = frozenset({str, int, float, bool, type(None)})
#: One builder per record class, made on first use (classes live as long as kzpk does).
_BUILDERS: Final[dict[type, Callable[[Sequence[Any]], Any]]] = {}


def builder(cls: type[_T]) -> Callable[[Sequence[Any]], _T]:
    """The function that rebuilds a *cls* record from :func:`encode` of one.

    It converts each field by the field's declared type (``tuple[Citation, ...]``, an
    enum, ``dt.date | None``), so the classes it calls are those kzpk's types name.

    Raises:
        TypeError: A field's type is one :func:`encode` has no plain form for.
    """
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    make: Callable[..., _T] = cls
    if not attrs.has(cls):
        raise TypeError(f"{cls.__qualname__} is not an attrs record class")
    count = len(attrs.fields(cls))

    def build(values: Sequence[Any]) -> _T:
        if type(values) is not tuple or len(values) != count:
            raise ValueError(f"{cls.__name__} takes {count} field values")
        fields = list(values)
        for index, convert in steps:
            fields[index] = convert(fields[index])
        return make(*fields)

    _BUILDERS[cls] = build  # before the fields: a record may hold records of its own class
    steps = [
        (index, convert)
        for index, field in enumerate(attrs.fields(cls))
        if (convert := _converter(field.type)) is not None
    ]
    return build


def _tuple(value: object) -> tuple[Any, ...]:
    """*value*, which must be a tuple (a string would pass for one of its letters)."""
    if type(value) is not tuple:
        raise TypeError(f"expected a tuple, not {type(value).__name__}")
    return value


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """*convert*, passing None through (an optional field)."""
    return lambda value: None if value is None else convert(value)


def _each(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    """*convert* applied to each item of a tuple."""
    return lambda value: tuple(map(convert, _tuple(value)))


def _converter(hint: object) -> Callable[[Any], Any] | None:  # noqa: PLR0911 - one per kind
    """What turns the plain form of a *hint* value back into it; None: it is plain already."""
    if hint in _PLAIN:
        return None
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if all(arg in _PLAIN for arg in others):
            return None
        if len(others) != 1:
            raise TypeError(f"a snapshot cannot tell the members of {hint} apart")
        inner = _converter(others[0])
        return None if inner is None else _or_none(inner)
    if origin is tuple:
        inner = _converter(typing.get_args(hint)[0])
        return _tuple if inner is None else _each(inner)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {member.value: member for member in hint}.__getitem__
    if hint is dt.date:
        return dt.date.fromisoformat
    if hint is Decimal:
        return Decimal
    if isinstance(hint, type) and attrs.has(hint):
        return builder(hint)
    raise TypeError(f"a snapshot cannot hold {hint}")
