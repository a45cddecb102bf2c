"""Every problem of a dataset directory in one pass, for ``kzpk validate``.

:func:`kzpk.load` reports every problem of a pass, but stops after the first pass
(reading, parsing, structuring) when it finds any, so reference and range checks of the
other records wait for the next run. Here, a second load runs on a copy of the directory
from which the records (or files) that failed the first pass are left out; its problems
are mapped back to the original positions, and those that only say a left-out record is
missing are dropped.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Final

from kzpk.dataset._dataset import Dataset, load
from kzpk.dataset._reading import FILES, INFO_FILE
from kzpk.exceptions import DatasetError, Problem

__all__ = ["validate"]

_RECORD: Final = re.compile(r"^\$\.(?P<kind>\w+)\[(?P<index>\d+)\]")
#: A valid dataset.json, standing in for a broken one in the second pass.
_STAND_IN_INFO: Final = {"title": "-", "version": "0", "as_of": "2000-01-01", "license": "-"}


class _Repair:
    """What the second pass leaves out, and how to read its problems against the original."""

    def __init__(self) -> None:
        self.whole_files: set[str] = set()
        self.records: dict[str, set[int]] = {}
        self.kept: dict[str, list[int]] = {}
        self.left_out_ids: set[str] = set()
        self.left_out_kinds: set[str] = set()

    def note(self, problem: Problem) -> None:
        match = _RECORD.match(problem.path)
        if match and problem.file == f"{match['kind']}.json":
            self.records.setdefault(problem.file, set()).add(int(match["index"]))
        else:
            self.whole_files.add(problem.file)

    def write(self, source: Path, target: Path) -> None:
        """Copy the dataset files from *source* into *target*, leaving the broken parts out."""
        for file in FILES:
            kind = file.removesuffix(".json")
            if file in self.whole_files:
                self.left_out_kinds.add(kind)
                stand_in: Any = _STAND_IN_INFO if file == INFO_FILE else {kind: []}
                (target / file).write_text(json.dumps(stand_in), encoding="utf-8")
            elif file in self.records:
                document = json.loads((source / file).read_text(encoding="utf-8"))
                items = document[kind]
                dropped = self.records[file]
                self.kept[file] = [i for i in range(len(items)) if i not in dropped]
                for index in dropped:
                    item = items[index]
                    if isinstance(item, dict):
                        ident = item.get("id", item.get("code"))
                        if isinstance(ident, str):
                            self.left_out_ids.add(ident)
                document[kind] = [items[i] for i in self.kept[file]]
                (target / file).write_text(json.dumps(document), encoding="utf-8")
            else:
                shutil.copyfile(source / file, target / file)

    def translate(self, problem: Problem) -> Problem | None:
        """*problem* of the second pass at its original position, or None for an artefact.

        An artefact is a reference to a record (or a whole kind) the second pass left out.
        """
        if problem.code == "unknown-ref" and (
            problem.ref in self.left_out_ids
            or set(problem.kinds) & self.left_out_kinds
            or ("*" in problem.kinds and self.left_out_kinds)
        ):
            return None
        match = _RECORD.match(problem.path)
        if not match or problem.file not in self.kept:
            return problem
        original = self.kept[problem.file][int(match["index"])]
        path = f"$.{match['kind']}[{original}]{problem.path[match.end() :]}"
        return Problem(
            problem.file, path, problem.code, problem.message, problem.ref, problem.kinds
        )


def validate(directory: Path) -> Dataset:
    """Load the dataset in *directory*, or raise naming every problem of both passes at once.

    Raises:
        DatasetError: The problems, first-pass ones first.
    """
    try:
        return load(directory)
    except DatasetError as error:
        first = error.problems
    repair = _Repair()
    for problem in first:
        repair.note(problem)
    with tempfile.TemporaryDirectory(prefix="kzpk-validate-") as scratch:
        try:
            repair.write(directory, Path(scratch))
            load(scratch)
        except DatasetError as error:
            second = error.problems
        except (OSError, ValueError):  # too broken to look further: the first pass stands
            second = ()
        else:
            second = ()
    later = (repair.translate(p) for p in second)
    raise DatasetError(list(dict.fromkeys([*first, *(p for p in later if p is not None)])))
