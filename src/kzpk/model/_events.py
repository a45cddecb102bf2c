"""What happened and what was promised: events, commitments, facts and disputed claims."""

import datetime as dt

import attrs

from kzpk.model._base import PARTIES, RecordBase, ref
from kzpk.model._enums import CommitmentKind, CommitmentStatus, EventKind, FactTopic
from kzpk.model._sources import Citation, Period
from kzpk.model._trade import Horizon


@attrs.frozen(repr=False, eq=False)
class Event(RecordBase):
    """Something that happened during or around the visit.

    Attributes:
        id: A short slug.
        title: What happened.
        kind: The kind of event.
        when: When, at the precision the sources give.
        place: The id of the place, where stated.
        participants: Ids of the people and organisations taking part.
        citations: Where it is stated.
    """

    id: str
    title: str
    kind: EventKind
    when: Period
    place: str | None = attrs.field(default=None, metadata=ref("places"))
    participants: tuple[str, ...] = attrs.field(default=(), metadata=ref(*PARTIES))
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class StatusUpdate(RecordBase):
    """What a source reported of a commitment's progress on a day, and how long it stood.

    An update opens a spell of its status that lasts until the next update. The last
    spell runs on with no newer report, so it says when it was last reported: a status
    reported in March and not since is a March status, whatever the day it is read on.

    Attributes:
        status: Where it stood.
        as_of: The day the source reports it (its publication day, or the event's).
        note: What happened, in a line.
        citations: Where it is reported.
        last_reported: The day of the latest report that the status still held (the
            latest publication day or event among the sources found); None where none
            is known beyond ``as_of``.
    """

    status: CommitmentStatus
    as_of: dt.date
    note: str | None = None
    citations: tuple[Citation, ...] = ()
    last_reported: dt.date | None = None

    @property
    def latest_report(self) -> dt.date:
        """The day the status was last reported (``last_reported``, else ``as_of``)."""
        return self.last_reported or self.as_of


@attrs.frozen(repr=False, eq=False)
class Commitment(RecordBase):
    """Something the sides agreed to do, with its timing as stated.

    Attributes:
        id: A short slug.
        title: What was promised.
        kind: The kind of commitment.
        parties: Ids of who committed.
        due: When it is due, as a period; None where no time is given.
        recurrence: How often, for recurring commitments ("biennial").
        status: Where it stands on the dataset's as-of day.
        sectors: Ids of the sectors it concerns.
        citations: Where it is stated.
        horizons: Where sources give different deadlines, each source's (as worded);
            :func:`kzpk.commitments` judges each of them.
        history: Dated reports of progress, oldest first; :func:`kzpk.commitments`
            takes the status of the latest one on or before the day it judges.
    """

    id: str
    title: str
    kind: CommitmentKind
    parties: tuple[str, ...] = attrs.field(default=(), metadata=ref(*PARTIES))
    due: Period | None = None
    recurrence: str | None = None
    status: CommitmentStatus = CommitmentStatus.OPEN
    sectors: tuple[str, ...] = attrs.field(default=(), metadata=ref("sectors"))
    citations: tuple[Citation, ...] = ()
    horizons: tuple[Horizon, ...] = ()
    history: tuple[StatusUpdate, ...] = ()

    def update_on(self, day: dt.date) -> StatusUpdate | None:
        """The update in force on *day*: the latest on or before it; None before the first."""
        known = [u for u in self.history if u.as_of <= day]
        return max(known, key=lambda u: u.as_of) if known else None

    def status_on(self, day: dt.date) -> CommitmentStatus:
        """Its status on *day*: the latest update on or before it, else ``open``.

        Without a history, the recorded ``status`` (there is nothing to date it by).
        """
        if not self.history:
            return self.status
        update = self.update_on(day)
        return update.status if update else CommitmentStatus.OPEN


@attrs.frozen(repr=False, eq=False)
class Fact(RecordBase):
    """A stated fact of history, position, initiative, education or economy.

    Attributes:
        id: A short slug.
        topic: What it is about.
        statement: The fact, in a line.
        when: When it holds or happened, where stated.
        subjects: Ids of the records it concerns.
        citations: Where it is stated.
    """

    id: str
    topic: FactTopic
    statement: str
    when: Period | None = None
    subjects: tuple[str, ...] = attrs.field(
        default=(), metadata=ref(*PARTIES, "sectors", "agreements")
    )
    citations: tuple[Citation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Variant(RecordBase):
    """One way the sources state a disputed value.

    Attributes:
        value: The value as this variant states it.
        citations: The sources that state it.
    """

    value: str
    citations: tuple[Citation, ...]


@attrs.frozen(repr=False, eq=False)
class Claim(RecordBase):
    """A question the sources answer differently, with every answer and who gives it.

    Attributes:
        id: A short slug.
        question: What is disputed.
        variants: Every answer, each with its sources.
        about: The id of the record the question concerns, where there is one.
    """

    id: str
    question: str
    variants: tuple[Variant, ...]
    about: str | None = attrs.field(default=None, metadata=ref("*"))

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of every variant."""
        return tuple(c for v in self.variants for c in v.citations)
