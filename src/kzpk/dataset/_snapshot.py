"""Checked datasets kept on disk as plain data, so a fresh interpreter skips parsing and checking.

After the default dataset passes every check, its records are written into kzpk's own
folder ``snapshots`` inside the cache directory (``Config.cache_dir``, else the platform's
user cache directory), under a name that digests everything the result depends on: the
bytes of every data file, the size and modification time of every module of kzpk (every
``*.py`` file of the package and its subpackages, found on disk, so a new module cannot be
forgotten: what Python checks before it trusts compiled bytecode), the installed attrs and
cattrs, and the Python version. Any change gives a new name, so an
entry is never stale.

The cache touches only its own files. It writes ``snapshots/dataset-<folder>-<key>.marshal``
entries through ``snapshots/.dataset-<random>.tmp`` files (a temporary file, then a
rename), and it deletes only names of exactly those two forms (and entries of the previous
layout, ``dataset-<16 hex>-<16 hex>.marshal``, left in the cache directory itself): the
entries a new one replaces (same data directory, older key), and entries and temporary
files untouched for 30 days. Any other file is left alone, whatever its name.

The cache trusts nothing it reads. An entry starts with its format, the key of the dataset
it was built from (the digest its name ends in) and a BLAKE2b checksum of the rest; the
checksum is verified before a byte is decoded. It is opened without following links and
without waiting (a FIFO), and read only when it is a regular file of the current user no
larger than :data:`MAX_ENTRY_BYTES`, and then never beyond that. Anything else (another
format or key, a changed byte, a link, a device, a directory, another user's file) is a
miss: the dataset is read and checked afresh and the entry is replaced. An empty directory
in an entry's place is removed; when an entry cannot be written at all (a file where the
cache directory should be, a directory full of other files in the entry's place, no
permission), a ``RuntimeWarning`` says once why the cache is off.

An entry cannot run code. Its payload is :mod:`marshal` data of plain values only
(``marshal`` for speed: it is built in and parses an entry in a few milliseconds): each
record is the tuple of its field values, enums as their values, dates as ISO text, Decimals
as text. The entry names no class: what each tuple is rebuilt as comes from kzpk's own
field types (:func:`builder`), so rebuilding calls kzpk's record classes and nothing else,
and nothing in an entry is ever called or executed. An entry of another shape (a field too
many or too few, an unknown enum value, a code object where records belong) is a miss.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from typing import Any, Final, TypeVar

from kzpk.config._config import current_config
from kzpk.dataset._plain import builder, encode

try:  # hashlib's own BLAKE2b, without loading OpenSSL as hashlib does (~5 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

__all__ = [
    "MAX_ENTRY_BYTES",
    "SUBDIRECTORY",
    "builder",
    "cache_dir",
    "encode",
    "entry_name",
    "prune",
    "read",
    "write",
]

_T = TypeVar("_T")

#: The first bytes of every entry; changes whenever the layout of an entry changes.
_FORMAT: Final = b"kzpk-snapshot-4\n"
#: Bytes of an entry's key (the digest its name ends in) and of its checksum.
_DIGEST_BYTES: Final = 32
_HEADER_BYTES: Final = len(_FORMAT) + 2 * _DIGEST_BYTES
#: Hex digits of the digest of the data directory, in an entry's name.
_FOLDER_DIGITS: Final = 16
#: The marshal format version entries are written in.
_MARSHAL_VERSION: Final = 4
#: kzpk's own folder inside the cache directory: entries and temporary files live there.
SUBDIRECTORY: Final = "snapshots"
_PREFIX: Final = "dataset-"
_SUFFIX: Final = ".marshal"
_TEMPORARY_PREFIX: Final = ".dataset-"
_TEMPORARY_SUFFIX: Final = ".tmp"
_TEMPORARY_DIGITS: Final = 16
#: Entries of the previous layout: in the cache directory itself, 16 hex digits of key.
_LEGACY_DIGITS: Final = 16
_HEX: Final = frozenset("0123456789abcdef")
#: The largest entry read: over ten times today's (about 0.7 MB); a larger file is a miss.
MAX_ENTRY_BYTES: Final = 8 * 2**20
#: The installed packages whose code decides what a load returns, besides kzpk's own.
_DEPENDENCIES: Final = ("attrs", "cattrs")
#: Folders of the package that hold no code.
_NOT_CODE: Final = frozenset({"data", "__pycache__"})
#: Entries and leftovers not touched for this long are deleted when an entry is written.
_MAX_AGE_SECONDS: Final = 30 * 24 * 3600
#: Opening flags: never follow a link, never wait on a FIFO, never leak into a child.
_NO_SURPRISES: Final = (
    getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
#: The cache directories a warning was given for, so that each is named once.
_WARNED: Final[set[str]] = set()


def cache_dir() -> str | None:
    """The cache directory (entries go in its :data:`SUBDIRECTORY`); None: the cache is off."""
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
    """Path, size and modification time of every module of kzpk, then of attrs and cattrs.

    Every ``*.py`` file below the package directory counts, in every subpackage, so a new
    module or subpackage cannot be forgotten. Size and modification time are what Python
    itself checks before it trusts a module's compiled bytecode, so a change they miss
    would not run either; reading them costs a fraction of reading every source. Raises
    OSError when they cannot be read; an install without sources has none and gives an
    empty list.
    """
    package = os.path.dirname(os.path.dirname(__file__))
    parts = []
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d not in _NOT_CODE)
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            parts.append(_stamp(os.path.relpath(path, package), path))
    if not parts:
        return []
    for dependency in _DEPENDENCIES:
        spec = find_spec(dependency)
        origin = os.fspath(spec.origin) if spec is not None and spec.origin else ""
        parts.append(_stamp(origin, origin))
    return parts


def _stamp(name: str, path: str) -> bytes:
    """``name:size:mtime_ns`` of the file at *path*."""
    status = os.stat(path)
    return f"{name}:{status.st_size}:{status.st_mtime_ns}".encode()


def _digest(parts: Iterable[bytes], size: int) -> str:
    """The BLAKE2b digest of *parts*, each framed by its length, as *size* bytes of hex."""
    digest = blake2b(digest_size=size)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def entry_name(contents: Iterable[bytes], folder: str = "") -> str | None:
    """The entry name for the data files of *folder* with these *contents*, in file order.

    ``dataset-<folder digest>-<key>.marshal``, the key digesting the contents, kzpk's code
    and the format. None when kzpk's own source cannot be read (a sourceless install):
    without it the name could not change with the code, so nothing is cached.
    """
    try:
        code = _code_parts()
    except OSError:
        return None
    if not code:
        return None
    key = _digest([_FORMAT, sys.version.encode(), *code, *contents], _DIGEST_BYTES)
    return f"{_PREFIX}{_digest([folder.encode()], _FOLDER_DIGITS // 2)}-{key}{_SUFFIX}"


def _hex(text: str, digits: int) -> bool:
    return len(text) == digits and set(text) <= _HEX


def _key_of(name: str, digits: int = 2 * _DIGEST_BYTES) -> bytes | None:
    """The key an entry name ends in; None when *name* is not an entry name of that size."""
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    folder, _, key = name[len(_PREFIX) : -len(_SUFFIX)].partition("-")
    if not (_hex(folder, _FOLDER_DIGITS) and _hex(key, digits)):
        return None
    return bytes.fromhex(key)


def _is_temporary(name: str) -> bool:
    """Whether *name* is exactly what kzpk calls its temporary files."""
    return (
        name.startswith(_TEMPORARY_PREFIX)
        and name.endswith(_TEMPORARY_SUFFIX)
        and _hex(name[len(_TEMPORARY_PREFIX) : -len(_TEMPORARY_SUFFIX)], _TEMPORARY_DIGITS)
    )


def _checksum(key: bytes, payload: bytes | memoryview) -> bytes:
    """The checksum of an entry: BLAKE2b of its format, its key and its payload."""
    digest = blake2b(_FORMAT, digest_size=_DIGEST_BYTES)
    digest.update(key)
    digest.update(payload)
    return digest.digest()


def _own(status: os.stat_result) -> bool:
    """Whether the current user owns the file (always, where there are no user ids)."""
    return not hasattr(os, "getuid") or status.st_uid == os.getuid()


def _read_capped(path: str) -> bytes | None:
    """The bytes of *path* if it is a regular file of ours of at most MAX_ENTRY_BYTES."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_SURPRISES)
    except OSError:  # missing, a link (O_NOFOLLOW), unreadable
        return None
    chunks: list[bytes] = []
    total = 0
    try:
        status = os.fstat(descriptor)
        if stat.S_ISREG(status.st_mode) and _own(status) and status.st_size <= MAX_ENTRY_BYTES:
            while chunk := os.read(descriptor, MAX_ENTRY_BYTES + 1 - total):
                chunks.append(chunk)
                total += len(chunk)
                if total > MAX_ENTRY_BYTES:  # it grew while being read: never more than cap + 1
                    return None
            return b"".join(chunks)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return None


def read(directory: str, name: str, rebuild: Callable[[Any], _T]) -> _T | None:
    """*rebuild* of the value stored under *name* in *directory*, or None if not trustworthy.

    None (a miss) when the entry is missing, not a regular file of the current user, too
    large, of another format or key, fails its checksum, or *rebuild* raised.
    """
    key = _key_of(name)
    if key is None:
        return None
    data = _read_capped(os.path.join(directory, SUBDIRECTORY, name))
    if data is None or len(data) < _HEADER_BYTES:
        return None
    view = memoryview(data)
    start = len(_FORMAT)
    if data[:start] != _FORMAT or data[start : start + _DIGEST_BYTES] != key:
        return None
    if data[start + _DIGEST_BYTES : _HEADER_BYTES] != _checksum(key, view[_HEADER_BYTES:]):
        return None  # checked before a byte of the payload is decoded
    import marshal

    try:
        # marshal only builds values here, it runs nothing; rebuild() calls kzpk's classes
        return rebuild(marshal.loads(view[_HEADER_BYTES:]))  # noqa: S302
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is a miss
        return None


def write(directory: str, name: str, value: object) -> None:
    """Store *value* under *name* in *directory*, prune what it replaces.

    When the entry cannot be written, a ``RuntimeWarning`` says why the cache is off (once
    per cache directory and process) and the load goes on without it.
    """
    import marshal

    key = _key_of(name)
    if key is None:
        raise ValueError(f"not a snapshot entry name: {name!r}")
    payload = marshal.dumps(encode(value), _MARSHAL_VERSION)  # type: ignore[arg-type]
    problem = _store(directory, name, _FORMAT + key + _checksum(key, payload) + payload)
    if problem is not None:
        _turned_off(directory, problem)
        return
    prune(directory, name)


def _turned_off(directory: str, problem: str) -> None:
    """Say once per *directory* why the cache is off there."""
    if directory in _WARNED:
        return
    _WARNED.add(directory)
    warnings.warn(
        f"kzpk's dataset cache in {directory} is off: {problem} "
        "(loads work, only slower; KZPK_CACHE=false turns the cache off without this warning)",
        RuntimeWarning,
        stacklevel=4,
    )


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _store(directory: str, name: str, data: bytes) -> str | None:
    """Write *data* as entry *name*; None when done, else why it could not be."""
    folder = os.path.join(directory, SUBDIRECTORY)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.lstat(folder)
    except OSError as error:
        return f"cannot make {folder}: {_reason(error)}"
    if not stat.S_ISDIR(status.st_mode) or not _own(status):
        return f"{folder} is not a directory of the current user"
    temporary = os.path.join(
        folder, f"{_TEMPORARY_PREFIX}{os.urandom(_TEMPORARY_DIGITS // 2).hex()}{_TEMPORARY_SUFFIX}"
    )
    target = os.path.join(folder, name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_SURPRISES
    try:
        descriptor = os.open(temporary, flags, 0o600)
    except OSError as error:
        return f"cannot write in {folder}: {_reason(error)}"
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        _replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return f"cannot write {target}: {_reason(error)}"
    return None


def _replace(temporary: str, target: str) -> None:
    """Move *temporary* to *target*; an empty directory in the way is removed first.

    Raises:
        OSError: The move failed, or a directory that is not empty is in the way.
    """
    try:
        os.replace(temporary, target)
    except OSError:
        if os.path.islink(target) or not os.path.isdir(target):
            raise
        try:
            os.rmdir(target)  # an empty directory where kzpk's own entry belongs
        except OSError:
            raise OSError("a directory kzpk did not make is in the way; remove it") from None
        os.replace(temporary, target)


def prune(directory: str, current: str) -> None:
    """Delete the entries *current* replaces, and kzpk's own files unused for 30 days.

    In :data:`SUBDIRECTORY`: entries for the same data directory (same folder digest) with
    another name, and entries and temporary files not modified for 30 days; in *directory*
    itself, entries of the previous layout not modified for 30 days. Only regular files
    whose names are exactly of those forms are deleted: nothing else is touched.
    """
    folder = current[: current.rindex("-") + 1]

    def stale_entry(name: str, old: bool) -> bool:
        if _key_of(name) is not None:
            return name != current and (name.startswith(folder) or old)
        return _is_temporary(name) and old

    _delete(os.path.join(directory, SUBDIRECTORY), stale_entry)
    _delete(directory, lambda name, old: old and _key_of(name, _LEGACY_DIGITS) is not None)


def _delete(directory: str, stale: Callable[[str, bool], bool]) -> None:
    """Delete the regular files in *directory* for which *stale(name, old)* is true."""
    oldest = time.time() - _MAX_AGE_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if not entry.is_file(follow_symlinks=False):
                    continue
                if stale(entry.name, entry.stat(follow_symlinks=False).st_mtime < oldest):
                    os.unlink(entry.path)
