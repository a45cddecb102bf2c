"""Provenance: every record cited, conflicts kept, sources, timeline and commitments."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import kzpk
from kzpk._dataset import KINDS

DATA = kzpk.load()


def cited_anywhere(value: object) -> set[str]:
    """Source ids of every citation anywhere inside *value*."""
    if isinstance(value, kzpk.Citation):
        return {value.source}
    if isinstance(value, tuple):
        return {s for item in value for s in cited_anywhere(item)}
    if attrs.has(type(value)):
        names = attrs.fields_dict(type(value))  # type: ignore[arg-type]
        return {s for name in names for s in cited_anywhere(getattr(value, name))}
    return set()


class TestCoverage:
    """The dataset's own promises."""

    @pytest.mark.parametrize(
        "record",
        [r for r in DATA.records() if not isinstance(r, kzpk.Source)],
        ids=lambda r: r.id,
    )
    def test_every_record_cited(self, record: kzpk.Record) -> None:
        """Every record of every kind (sources aside: they are what is cited) has a citation."""
        assert not isinstance(record, kzpk.Source)
        assert record.citations

    def test_every_source_used(self) -> None:
        """Every source supports at least one record."""
        assert all(use.records for use in kzpk.sources_cited())

    def test_every_record_reachable_by_id(self) -> None:
        """Every record of every kind is the one its id looks up (no id shadows another)."""
        every = [r for kind, _ in KINDS for r in getattr(DATA, kind)]
        assert len(list(DATA.records())) == len(every)
        assert all(DATA.lookup(r.id) is r for r in every)

    def test_five_articles(self) -> None:
        """The five articles are the article sources, each with its file."""
        articles = [s for s in DATA.sources if s.kind is kzpk.SourceKind.ARTICLE]
        assert len(articles) == 5
        assert all(s.file for s in articles)


class TestConflicts:
    """Disagreements stay visible."""

    def test_each_has_two_sources(self) -> None:
        """Every conflict has at least two variants from different sources."""
        for claim in kzpk.conflicts():
            assert len(claim.variants) >= 2
            assert len({c.source for c in claim.citations}) >= 2

    def test_document_totals_disagree(self) -> None:
        """The number of documents signed is disputed: 37 and 'over 30' are among the answers."""
        values = " | ".join(
            v.value
            for c in kzpk.conflicts()
            for v in c.variants
            if "document" in c.question.lower()
        )
        assert "37" in values
        assert "30" in values

    def test_corridor_descriptions_disagree(self) -> None:
        """The KTAP corridor, described as a railway and as a transport corridor, is a conflict."""
        ids = {c.id for c in kzpk.conflicts()}
        assert "ktap-railway-description" in ids


class TestCite:
    """Footnotes."""

    def test_by_record_and_by_id(self) -> None:
        """cite() takes a record or its id and gives numbered footnotes with quotes."""
        declaration = DATA.lookup("joint-declaration-2026")
        text = kzpk.cite(declaration)
        assert text == kzpk.cite("joint-declaration-2026")
        assert text.startswith("[1] ")
        assert "“" in text

    def test_unknown_id(self) -> None:
        """An unknown id raises NotFoundError."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean"):
            kzpk.cite("joint-declaration-2025")

    def test_info_has_no_citations(self) -> None:
        """The dataset's info is not a failed lookup: NoCitationsError, not a LookupError."""
        with pytest.raises(kzpk.NoCitationsError, match="DatasetInfo has no citations") as caught:
            kzpk.cite(DATA.info)  # type: ignore[arg-type]
        assert not isinstance(caught.value, LookupError)
        assert isinstance(caught.value, ValueError)

    def test_source_has_no_citations(self) -> None:
        """A source is what others cite; citing it names it."""
        source = DATA.sources[0]
        with pytest.raises(kzpk.NoCitationsError, match=f"Source '{source.id}' has no"):
            kzpk.cite(source.id)


class TestSources:
    """Which records each source supports."""

    def test_every_article_supports_records(self) -> None:
        """Each article is cited by some record, and the lists match the citations."""
        for use in kzpk.sources_cited():
            if use.source.kind is kzpk.SourceKind.ARTICLE:
                assert use.records
            for record_id in use.records:
                assert use.source.id in cited_anywhere(DATA.lookup(record_id))


class TestTimeline:
    """Events in order."""

    def test_sorted(self) -> None:
        """The timeline is sorted by first possible day."""
        starts = [e.when.start for e in kzpk.timeline()]
        assert starts == sorted(starts)
        assert starts[0] <= dt.date(2026, 2, 3) <= starts[-1]


class TestCommitments:
    """Due, overdue or open as of a day."""

    def states(self, day: dt.date) -> dict[str, kzpk.CommitmentState]:
        """Commitment id to state on *day*."""
        return {v.commitment.id: v.state for v in kzpk.commitment_states(day)}

    def later_this_year(self) -> str:
        """The id of the commitment due 'later this year' (Sharif's visit to Kazakhstan)."""
        return next(c.id for c in DATA.commitments if c.due and c.due.end == dt.date(2026, 12, 31))

    def test_state_moves_with_the_day(self) -> None:
        """A commitment due later in 2026 is due in June and overdue in 2027."""
        visit = self.later_this_year()
        assert self.states(dt.date(2026, 6, 1))[visit] is kzpk.CommitmentState.DUE
        assert self.states(dt.date(2027, 1, 1))[visit] is kzpk.CommitmentState.OVERDUE
        assert self.states(dt.date(2026, 1, 1))[visit] is kzpk.CommitmentState.UPCOMING

    def test_as_of_setting(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """KZPK_AS_OF sets the default day."""
        monkeypatch.setenv("KZPK_AS_OF", "2027-01-01")
        assert all(v.as_of == dt.date(2027, 1, 1) for v in kzpk.commitment_states())

    def test_undated_have_no_deadline(self) -> None:
        """Commitments with no due period have no deadline, whatever the day."""
        for view in kzpk.commitment_states(dt.date(2030, 1, 1)):
            if view.commitment.due is None and view.commitment.status is kzpk.CommitmentStatus.OPEN:
                assert view.state is kzpk.CommitmentState.NO_DEADLINE
