"""Reading a dataset directory: bytes, JSON and structured records, every problem kept.

Nothing here checks what the types cannot (that is :mod:`kzpk.dataset._checks`) or builds the
:class:`~kzpk.Dataset` (that is :mod:`kzpk.dataset._dataset`). Every problem is collected as
``"<file>: <JSON path>: <what is wrong>"`` so one load reports them all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NoReturn, TypeVar

from kzpk import model as m
from kzpk.exceptions import DatasetError, Problem
from kzpk.model import KINDS, Kind, Record
from kzpk.model._kinds import KIND_BY_NAME

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "FILES",
    "INFO_FILE",
    "KINDS",
    "Problems",
    "Record",
    "index_ids",
    "read_bytes",
    "structure_all",
]

INFO_FILE: Final = "dataset.json"
#: Every file of a dataset directory, in the order they are read.
FILES: Final = (INFO_FILE, *(kind.file for kind in KINDS))

_T = TypeVar("_T")


class Problems(list[Problem]):
    """The problems of one load, in the order they are found."""

    def raise_if_any(self) -> None:
        """Raise :class:`~kzpk.DatasetError` listing every problem, if there are any."""
        if self:
            raise DatasetError(list(self))


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def read_bytes(folder: str | Traversable, file: str, problems: Problems) -> bytes | None:
    """The bytes of *file* in *folder*, or None (and a problem) when it cannot be read."""
    try:
        if isinstance(folder, str):
            with open(os.path.join(folder, file), "rb") as stream:
                return stream.read()
        return folder.joinpath(file).read_bytes()
    except FileNotFoundError:
        problems.append(Problem(file, "$", "missing", "file is missing"))
    except IsADirectoryError:
        problems.append(Problem(file, "$", "unreadable", "is a directory, not a file"))
    except OSError as error:
        problems.append(
            Problem(file, "$", "unreadable", f"cannot be read ({error.strerror or error})")
        )
    return None


#: What :func:`_parse_json` returns for a file that is not JSON (a JSON ``null`` is None).
_NOT_JSON: Final = object()


def _parse_json(content: bytes, file: str, problems: Problems) -> object:
    """The JSON value in *content*, or :data:`_NOT_JSON` (and a problem) when it is none."""
    import json

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(file, "$", "not-json", f"not UTF-8 text ({error.reason} at byte {error.start})")
        )
        return _NOT_JSON
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        problems.append(Problem(file, "$", "not-json", f"malformed JSON at {where}: {error.msg}"))
    except (ValueError, RecursionError) as error:
        problems.append(Problem(file, "$", "not-json", f"malformed JSON: {error}"))
    return _NOT_JSON


def _json_kind(value: object) -> str:
    """How JSON calls *value*'s type (an object with its keys)."""
    if isinstance(value, dict):
        return f"an object with keys {', '.join(map(repr, sorted(value)))}" if value else "{}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return "a number"


#: Separates a problem's code from its message in what :func:`_format_error` returns.
_CODE_END: Final = "\x00"


def _format_error(error: BaseException, _type: object) -> str:
    """The problem's code, a NUL and its message, for one failure (cattrs asks each)."""
    import cattrs

    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        code, message = "unknown-key", f"unknown key(s) {', '.join(sorted(error.extra_fields))}"
    elif isinstance(error, KeyError):
        code, message = "required", "required key missing"
    else:
        code, message = "invalid", str(error)
    return f"{code}{_CODE_END}{message}"


def _structure(data: object, file: str, root: str, cls: type[_T], problems: Problems) -> _T | None:
    """Structure *data* as *cls*, adding every failure with its JSON path below *root*."""
    import cattrs

    from kzpk.dataset._convert import converter

    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as error:
        for line in cattrs.transform_error(error, root, _format_error):
            described, _, path = line.rpartition(" @ ")
            code, _, message = described.partition(_CODE_END)
            problems.append(Problem(file, path, code, message))
    except (TypeError, ValueError) as error:  # the top level itself is of the wrong shape
        problems.append(Problem(file, root, "shape", str(error)))
    return None


def _structure_kind(data: object, kind: Kind, problems: Problems) -> tuple[Record, ...]:
    name, file = kind.name, kind.file
    if not isinstance(data, dict) or set(data) != {name}:
        found = _json_kind(data)
        problems.append(
            Problem(file, "$", "shape", f'expected an object {{"{name}": [...]}}, found {found}')
        )
        return ()
    records = _structure(data[name], file, f"$.{name}", tuple[kind.cls, ...], problems)  # type: ignore[name-defined]
    return records or ()


def structure_all(
    contents: Mapping[str, bytes | None], problems: Problems
) -> tuple[m.DatasetInfo | None, dict[str, tuple[Record, ...]]]:
    """Parse and structure every file read; what fails is None or () and a problem."""
    info = None
    info_content = contents[INFO_FILE]
    if info_content is not None:
        info_raw = _parse_json(info_content, INFO_FILE, problems)
        if info_raw is not _NOT_JSON:
            info = _structure(info_raw, INFO_FILE, "$", m.DatasetInfo, problems)
    collections: dict[str, tuple[Record, ...]] = {}
    for kind in KINDS:
        content = contents[kind.file]
        raw = _NOT_JSON if content is None else _parse_json(content, kind.file, problems)
        collections[kind.name] = () if raw is _NOT_JSON else _structure_kind(raw, kind, problems)
    return info, collections


def index_ids(
    collections: Mapping[str, tuple[Record, ...]], problems: Problems
) -> dict[str, dict[str, Record]]:
    """Each kind's records by id; an id used twice, in any kinds, is a problem."""
    ids: dict[str, dict[str, Record]] = {}
    owner: dict[str, str] = {}
    for kind, records in collections.items():
        ids[kind] = {}
        id_field = KIND_BY_NAME[kind].id_field
        for index, record in enumerate(records):
            if record.id in owner:
                problems.append(
                    Problem(
                        f"{kind}.json",
                        f"$.{kind}[{index}].{id_field}",
                        "duplicate-id",
                        f"duplicate id {record.id!r} (already used in {owner[record.id]}.json)",
                    )
                )
            owner.setdefault(record.id, kind)
            ids[kind].setdefault(record.id, record)
    return ids
