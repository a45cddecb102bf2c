"""Provenance: disagreements between sources, citations, sources, timeline, commitments."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final

import attrs

from kzpk._deprecation import warn_renamed
from kzpk.config._config import current_config
from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import NoCitationsError
from kzpk.model import (
    Citation,
    Claim,
    Commitment,
    CommitmentStatus,
    Event,
    Horizon,
    Period,
    ReadThrough,
    Record,
    Source,
    StatusUpdate,
    Variant,
)
from kzpk.model._plan import citations_in


def _corridor_claims(dataset: Dataset) -> tuple[Claim, ...]:
    """Corridors that sources describe differently, as claims (wording and country order)."""
    claims = []
    for corridor in dataset.corridors:
        variants = tuple(
            Variant(
                f"{d.wording} ({'–'.join(d.countries) if d.countries else 'no countries listed'})",
                d.citations,
            )
            for d in corridor.descriptions
        )
        sources = {c.source for c in corridor.citations}
        if len({v.value for v in variants}) > 1 and len(sources) > 1:
            claims.append(
                Claim(
                    id=f"{corridor.id}-description",
                    question=f"How is the {corridor.name} described?",
                    variants=variants,
                    about=corridor.id,
                )
            )
    return tuple(claims)


def conflicts(*, dataset: Dataset | None = None) -> tuple[Claim, ...]:
    """Return every place where sources disagree, each with every variant and its sources.

    These are the dataset's claims, plus each corridor whose descriptions differ between
    sources (in wording or in the order of countries).
    """
    data = dataset if dataset is not None else load()
    return data.claims + _corridor_claims(data)


#: How a footnote says that its source was not read at its own page.
_READ_THROUGH: Final = {
    ReadThrough.COPY: "read through a copy",
    ReadThrough.MACHINE_TRANSLATION: "read in a machine translation",
}


def _footnote(citation: Citation, source: Source | None) -> str:
    where = f", clause {citation.clause}" if citation.clause else ""
    if source is None:
        return f"{citation.source}{where}: “{citation.quote}”"
    detail = ", ".join(
        x
        for x in (
            source.outlet,
            source.published and source.published.isoformat(),
            source.file,
            source.url,
            source.read_through and _READ_THROUGH[source.read_through],
        )
        if x
    )
    return f"{source.title}{f' ({detail})' if detail else ''}{where}: “{citation.quote}”"


def cite(record: Record | Claim | str, *, dataset: Dataset | None = None) -> str:
    """Return the citations of *record* (a record or its id) as footnote lines.

    Every source that states it has a line (outlet, date, file or URL, and the clause of a
    document), so corroborating sources show beside each other. A commitment's dated
    status updates follow, each with its status, its first and latest report and its own
    footnotes (``status in-progress from 2026-02-10, latest report 2026-02-10: …``).

    Raises:
        NotFoundError: An id that names no record.
        NoCitationsError: *record* carries no citations: the dataset's ``info``, or a
            source (see :func:`kzpk.sources_cited` for what cites a source).
    """
    data = dataset if dataset is not None else load()
    found = data.lookup(record) if isinstance(record, str) else record
    citations: tuple[Citation, ...] = getattr(found, "citations", ())
    if not citations:
        name = getattr(found, "id", None)
        label = f"{type(found).__name__} {name!r}" if name else type(found).__name__
        raise NoCitationsError(
            f"{label} has no citations to show; every record but sources and the info cites some"
        )
    numbers: dict[Citation, int] = {}
    lines = _footnotes(citations, numbers, data)
    if isinstance(found, Commitment):
        for update in found.history:
            lines.append(_update_line(update))
            lines += _footnotes(update.citations, numbers, data)
    return "\n".join(lines)


def _footnotes(
    citations: tuple[Citation, ...], numbers: dict[Citation, int], data: Dataset
) -> list[str]:
    """Numbered footnote lines for the *citations* not yet in *numbers* (which they join)."""
    lines = []
    for citation in dict.fromkeys(citations):
        if citation in numbers:
            continue
        numbers[citation] = len(numbers) + 1
        source = data.get(citation.source)
        footnote = _footnote(citation, source if isinstance(source, Source) else None)
        lines.append(f"[{numbers[citation]}] {footnote}")
    return lines


def _update_line(update: StatusUpdate) -> str:
    """A status update in words: ``status in-progress from 2026-02-10, latest report …``."""
    note = f": {update.note}" if update.note else ""
    return (
        f"status {update.status.value} from {update.as_of.isoformat()}, "
        f"latest report {update.latest_report.isoformat()}{note}"
    )


@attrs.frozen
class SourceUse:
    """A source and the records that cite it.

    Attributes:
        source: The source.
        records: Ids of the records that cite it, in dataset order.
    """

    source: Source
    records: tuple[str, ...]


def sources_cited(*, dataset: Dataset | None = None) -> tuple[SourceUse, ...]:
    """Return every source with the ids of the records that cite it (none for some)."""
    data = dataset if dataset is not None else load()
    users: dict[str, list[str]] = {s.id: [] for s in data.sources}
    for record in data.records():
        for source_id in sorted({citation.source for _, citation in citations_in(record)}):
            users[source_id].append(record.id)
    return tuple(SourceUse(s, tuple(users[s.id])) for s in data.sources)


def sources(*, dataset: Dataset | None = None) -> tuple[SourceUse, ...]:
    """Deprecated name of :func:`sources_cited` (``Dataset.sources`` is the sources alone)."""
    warn_renamed("sources", "sources_cited")
    return sources_cited(dataset=dataset)


def timeline(*, dataset: Dataset | None = None) -> tuple[Event, ...]:
    """Return the events in date order (by first possible day, then last, then id)."""
    data = dataset if dataset is not None else load()
    return tuple(sorted(data.events, key=lambda e: (e.when.start, e.when.end or dt.date.max, e.id)))


class CommitmentState(StrEnum):
    """Where a commitment stands on a given day."""

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    NO_DEADLINE = "no-deadline"
    FULFILLED = "fulfilled"
    LAPSED = "lapsed"


@attrs.frozen
class HorizonState:
    """One source's deadline for a commitment, judged on a day.

    Attributes:
        horizon: The horizon, with its wording and citations.
        state: ``upcoming``, ``due``, ``overdue`` (its end has passed and the commitment
            is not fulfilled), or the commitment's own ``fulfilled`` / ``lapsed``.
    """

    horizon: Horizon
    state: CommitmentState


@attrs.frozen
class CommitmentView:
    """A commitment judged on a day.

    Attributes:
        commitment: The commitment.
        as_of: The day it is judged on.
        state: ``upcoming`` (before its window), ``due`` (inside it), ``overdue`` (past
            its end and not fulfilled), ``no-deadline``, ``fulfilled`` or ``lapsed``.
            Where sources give several horizons, ``overdue`` as soon as one has lapsed.
        status: Its status on that day, from its dated history where it has one.
        horizons: Each source's horizon judged on that day (empty with one deadline).
        latest_report: The day that status was last reported, as known on that day
            (None without a dated history): a status that runs on unreported since then
            is only as fresh as this day.
    """

    commitment: Commitment
    as_of: dt.date
    state: CommitmentState
    status: CommitmentStatus = CommitmentStatus.OPEN
    horizons: tuple[HorizonState, ...] = ()
    latest_report: dt.date | None = None

    @property
    def overdue_under(self) -> tuple[str, ...]:
        """The wordings of the horizons that have lapsed on the day ("within the next year")."""
        return tuple(h.horizon.wording for h in self.horizons if h.state is CommitmentState.OVERDUE)


_CLOSED_STATES = {
    CommitmentStatus.FULFILLED: CommitmentState.FULFILLED,
    CommitmentStatus.LAPSED: CommitmentState.LAPSED,
}


def _window_state(due: Period | None, day: dt.date) -> CommitmentState:
    if due is None:
        return CommitmentState.NO_DEADLINE
    if day < due.start:
        return CommitmentState.UPCOMING
    if due.end is None or day <= due.end:
        return CommitmentState.DUE
    return CommitmentState.OVERDUE


def _view(commitment: Commitment, day: dt.date) -> CommitmentView:
    status = commitment.status_on(day)
    closed = _CLOSED_STATES.get(status)
    horizons = tuple(
        HorizonState(h, closed or _window_state(h.due, day)) for h in commitment.horizons
    )
    if closed is not None:
        state = closed
    elif any(h.state is CommitmentState.OVERDUE for h in horizons):
        state = CommitmentState.OVERDUE
    else:
        state = _window_state(commitment.due, day)
    update = commitment.update_on(day)
    latest = None
    if update is not None:
        latest = update.latest_report if update.latest_report <= day else update.as_of
    return CommitmentView(commitment, day, state, status, horizons, latest)


def commitment_states(
    as_of: dt.date | None = None, *, dataset: Dataset | None = None
) -> tuple[CommitmentView, ...]:
    """Return every commitment with its state on *as_of*.

    *as_of* defaults to ``Config.as_of`` (``KZPK_AS_OF``), else today. The status is the
    latest dated update on or before *as_of*; each source's horizon is judged on its own,
    so a target due "within the next year" under one source is overdue once that year
    has passed, whatever the open-ended horizons of other sources.
    """
    if as_of is not None and not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a date, not {type(as_of).__name__}")
    data = dataset if dataset is not None else load()
    day = as_of or current_config().as_of or dt.datetime.now(tz=dt.UTC).date()
    if isinstance(day, dt.datetime):
        day = day.date()
    return tuple(_view(c, day) for c in data.commitments)


def commitments(
    as_of: dt.date | None = None, *, dataset: Dataset | None = None
) -> tuple[CommitmentView, ...]:
    """Deprecated name of :func:`commitment_states` (``Dataset.commitments`` is the records)."""
    warn_renamed("commitments", "commitment_states")
    return commitment_states(as_of, dataset=dataset)
