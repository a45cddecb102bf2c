"""The one resolver of names: how a name a user types becomes one record.

Every entry point that takes a record by name resolves it here: ``Dataset.lookup``, route
ends, ``via``, ``avoid_crossings`` and ``avoid_countries``, agreement parties and sectors.
The policy, the same everywhere:

1. an **id** of a record of the kinds asked for wins outright;
2. otherwise the records that have the name (folded as :func:`kzpk._spelling.normalise`
   folds it: any script, case, accents) are taken at their best tier: the record's own
   name, then its official and common names in any language, then aliases, old names,
   romanisations and abbreviations;
3. one record at the best tier is the answer; several raise
   :class:`~kzpk.AmbiguousNameError` listing them; none raises
   :class:`~kzpk.NotFoundError` with the closest names (never the word typed).

Sources take part only when asked for (a source titled "Nur-Sultan" never stands for
Astana). A border crossing and the town beside it both stay reachable: "Taftan" is the
town, whose own name it is; the crossing answers to its own name, "Taftan–Mirjaveh".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from kzpk._spelling import normalise
from kzpk.dataset._derived import Derived
from kzpk.exceptions import AmbiguousNameError, NotFoundError
from kzpk.model._kinds import KIND_BY_NAME
from kzpk.names._keys import Tier, name_keys

if TYPE_CHECKING:
    from kzpk.dataset._dataset import Dataset
    from kzpk.model import Record

__all__ = ["Resolver", "resolver"]

#: How many close names a miss suggests.
SUGGESTIONS: Final = 3


class Resolver:
    """Names of the records of some kinds, resolved by the one policy (see the module).

    Get one with :func:`resolver`; it is built once per dataset and question.

    Attributes:
        what: What the names name, for messages ("place", "party", "border crossing").
        allowed: The ids it may resolve to.
    """

    __slots__ = ("_dataset", "_keys", "allowed", "what")

    def __init__(self, dataset: Dataset, allowed: frozenset[str], what: str) -> None:
        """Resolve names to the records of *dataset* whose ids are *allowed*."""
        self._dataset = dataset
        self._keys = name_keys(dataset, allowed)
        self.allowed = allowed
        self.what = what

    def candidates(self, name: str) -> tuple[str, ...]:
        """The ids *name* stands for equally well, sorted: one, several (ambiguous) or none."""
        if name in self.allowed:
            return (name,)
        named = self._keys.get(normalise(name), {})
        if not named:
            return ()
        best: Tier = min(named.values())
        return tuple(sorted(i for i, tier in named.items() if tier == best))

    def get(self, name: str) -> str | None:
        """The id *name* stands for, or None when it names nothing or is ambiguous."""
        found = self.candidates(name) if isinstance(name, str) else ()
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str, option: str | None = None) -> str:
        """The id *name* stands for; raise when it names nothing or several records.

        Args:
            name: An id, or a name in any script.
            option: The argument the name was given as (``"origin"``), for messages.

        Raises:
            AmbiguousNameError: Several records have the name equally; ``valid`` lists them.
            NotFoundError: No record has it; ``valid`` lists the closest.
            TypeError: *name* is not a string.
        """
        if not isinstance(name, str):
            what = option or self.what
            raise TypeError(f"{what} must be a name (a str), not {type(name).__name__}")
        label = f"{{option}}: {self.what}" if option else self.what  # "origin: place"
        found = self.candidates(name)
        if len(found) == 1:
            return found[0]
        if found:
            options = " or ".join(_ambiguous(self._dataset.get(i)) for i in found)
            raise AmbiguousNameError(
                f"{label} {name!r} is ambiguous: it may mean {options}",
                option=option,
                value=name,
                valid=found,
            )
        from kzpk.names._search import describe, ranked  # close spellings: on a miss only

        close = [i for i in ranked(self._dataset, name, None) if i in self.allowed]
        close = close[:SUGGESTIONS]
        hint = " or ".join(describe(self._dataset.get(i)) for i in close)
        miss = f"{{option}}: unknown {self.what}" if option else f"unknown {self.what}"
        raise NotFoundError(
            f"{miss} {name!r}" + (f" (did you mean {hint}?)" if hint else ""),
            option=option,
            value=name,
            valid=close,
        )


def _ambiguous(record: Record | None) -> str:
    """``'GE' (country Georgia)``: the id that tells the candidates apart, then what it is."""
    assert record is not None  # noqa: S101 - candidates are ids of the dataset
    kind = type(record).__name__.lower()
    label = getattr(record, "name", None) or getattr(record, "title", None)
    return f"'{record.id}' ({kind} {label})" if label else f"'{record.id}' ({kind})"


def resolver(
    dataset: Dataset,
    *kinds: str,
    what: str | None = None,
    only: Callable[[Record], bool] | None = None,
) -> Resolver:
    """Return the resolver of names of *kinds* (``"places"``, ``"countries"``…) in *dataset*.

    Args:
        dataset: The dataset whose records the names name.
        kinds: The kinds of record a name may stand for.
        what: What to call them in messages (default: the kinds' singular labels).
        only: Keep only the records it accepts (border crossings among places); a
            module-level function, so that the resolver is built once per dataset.
    """
    return dataset.derived(_RESOLVERS, kinds, what, only)


def _build(
    dataset: Dataset,
    kinds: tuple[str, ...],
    what: str | None,
    only: Callable[[Record], bool] | None,
) -> Resolver:
    allowed = frozenset(
        r.id for kind in kinds for r in getattr(dataset, kind) if only is None or only(r)
    )
    label = what or " or ".join(KIND_BY_NAME[k].singular for k in kinds)
    return Resolver(dataset, allowed, label)


_RESOLVERS: Final = Derived("kzpk.names.resolvers", _build)
