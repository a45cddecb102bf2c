"""Provenance: every record cited, conflicts kept, sources, timeline and commitments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import kzpk
from kzpk.model import KINDS

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
        every = [r for kind in (k.name for k in KINDS) for r in getattr(DATA, kind)]
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


def _claim(claim_id: str) -> kzpk.Claim:
    found = DATA.lookup(claim_id)
    assert isinstance(found, kzpk.Claim)
    return found


def _variant_sources(claim_id: str) -> dict[str, set[str]]:
    """Each variant's value to the ids of the sources that state it."""
    return {v.value: {c.source for c in v.citations} for v in _claim(claim_id).variants}


class TestCorrections:
    """Regressions for the corrections of issue 15 (the record of the visit)."""

    def test_visit_dates_are_a_disagreement(self) -> None:
        """3–4 February and 4 February are both kept, each with its own sources."""
        variants = _variant_sources("visit-dates")
        (two_days,) = [s for v, s in variants.items() if v.startswith("3–4 February")]
        (one_day,) = [s for v, s in variants.items() if v == "4 February 2026"]
        assert {"app-joint-declaration", "islamabad-37-pacts"} <= two_days
        assert one_day == {"almaty-briefing-report"}

    def test_visit_event_does_not_cite_the_one_day_quote(self) -> None:
        """The 3–4 February event no longer cites "on Feb. 4" as support."""
        event = DATA.lookup("state-visit-2026")
        assert isinstance(event, kzpk.Event)
        assert (event.when.start, event.when.end) == (dt.date(2026, 2, 3), dt.date(2026, 2, 4))
        assert all("on Feb. 4" not in c.quote for c in event.citations)

    def test_unsc_election_day(self) -> None:
        """Pakistan was elected on 6 June 2024 for 2025–26, not "in 2025"."""
        fact = DATA.lookup("unsc-nonpermanent-member")
        assert isinstance(fact, kzpk.Fact)
        assert fact.when is not None
        assert fact.when.start == fact.when.end == dt.date(2024, 6, 6)
        assert "business-recorder-unsc-election-2024" in {c.source for c in fact.citations}

    def test_2021_turnover_is_a_reporter_difference(self) -> None:
        """The ~$200m and $197m of 2021 are Pakistan's; Kazakhstan's $95m stays beside them."""
        by_value = {
            f.value: f.reporter
            for f in DATA.trade_figures
            if f.flow is kzpk.TradeFlow.TURNOVER and f.period.start == dt.date(2021, 1, 1)
        }
        assert by_value == {
            Decimal(95_000_000): "KZ",
            Decimal(197_000_000): "PK",
            Decimal(200_000_000): "PK",
        }
        assert len(_claim("turnover-2021-by-reporter").variants) == 3

    def test_corridor_through_afghanistan_and_china(self) -> None:
        """The corridor "through Afghanistan and China" lists both countries."""
        (description,) = [
            d
            for c in DATA.corridors
            for d in c.descriptions
            if d.wording == "routes passing through Afghanistan and China"
        ]
        assert description.countries == ("AF", "CN")

    def test_defence_industry_is_cooperation_not_a_document(self) -> None:
        """The announced defence-industry cooperation is a commitment, not a signed agreement."""
        assert DATA.get("defence-industry-agreement") is None
        assert isinstance(DATA.get("defence-industry-cooperation"), kzpk.Commitment)
        assert not kzpk.agreements("defence-industry", include_broader=False)

    def test_agro_agreements_are_one_reported_group(self) -> None:
        """The agro-industrial "agreements" are one group of unstated size, not exactly two."""
        agro = [a for a in DATA.agreements if "agro-industrial sector" in str(a.citations)]
        assert [a.id for a in agro] == ["agro-industrial-agreements"]
        assert agro[0].group

    def test_action_plan_signed_9_september_2025(self) -> None:
        """The foreign ministries' Action Plan was signed on 9 September 2025 by Dar and Nurtleu."""
        plan = DATA.lookup("mfa-action-plan-2025-26")
        assert isinstance(plan, kzpk.Agreement)
        assert plan.signed == dt.date(2025, 9, 9)
        assert {"ishaq-dar", "murat-nurtleu"} <= set(plan.parties)
        assert plan.period is not None
        assert plan.period.start == dt.date(2025, 9, 9)

    @pytest.mark.parametrize(
        ("record_id", "unsupported"),
        [
            ("trade-roadmap-implementation", "five-year"),
            ("partnership-new-level", "shared objects of peace"),
            ("visit-described-historic", "most substantive"),
        ],
    )
    def test_unsupporting_quotes_removed(self, record_id: str, unsupported: str) -> None:
        """Quotes that do not support the value they were attached to are gone."""
        record = DATA.lookup(record_id)
        assert all(unsupported not in c.quote for c in getattr(record, "citations", ()))

    def test_mian_has_a_source(self) -> None:
        """The "Mian" in Sharif's full name is cited."""
        sharif = DATA.lookup("shehbaz-sharif")
        assert isinstance(sharif, kzpk.Person)
        assert any("Mian Muhammad Shehbaz Sharif" in c.quote for c in sharif.citations)

    @pytest.mark.parametrize(
        "claim_id", ["transit-role-speaker", "trade-momentum", "pk-exports-jul-oct-2024"]
    )
    def test_missing_disagreements_kept(self, claim_id: str) -> None:
        """The disagreements the check found missing are claims with two sourced variants."""
        assert len(_variant_sources(claim_id)) == 2
        assert claim_id in {c.id for c in kzpk.conflicts()}

    def test_ambassadors_september_2025_figure(self) -> None:
        """The ambassador's $239 million of September 2025 is recorded."""
        figure = DATA.lookup("trade-level-ambassador-2025-09")
        assert isinstance(figure, kzpk.TradeFigure)
        assert figure.value == Decimal(239_000_000)


class TestDocumentClauses:
    """The declaration's own text, cited clause by clause."""

    def test_declaration_is_a_document(self) -> None:
        """The MOFA text is a source of kind document with outlet, date and URL."""
        text = DATA.lookup("joint-declaration-2026-text")
        assert isinstance(text, kzpk.Source)
        assert text.kind is kzpk.SourceKind.DOCUMENT
        assert text.url
        assert text.published
        assert text.outlet
        assert text.retrieved

    def test_document_citations_name_their_clause(self) -> None:
        """Every citation of a document names a clause; no other citation does."""
        documents = {s.id for s in DATA.sources if s.kind is kzpk.SourceKind.DOCUMENT}
        for record in DATA.records():
            for citation in _citations(record):
                assert (citation.clause is not None) == (citation.source in documents), record.id

    def test_cite_shows_the_clause(self) -> None:
        """cite() prints the clause beside the quote."""
        assert "clause preamble" in kzpk.cite("state-visit-2026")


def _citations(value: object) -> list[kzpk.Citation]:
    if isinstance(value, kzpk.Citation):
        return [value]
    if isinstance(value, tuple):
        return [c for item in value for c in _citations(item)]
    if attrs.has(type(value)):
        names = attrs.fields_dict(type(value))  # type: ignore[arg-type]
        return [c for name in names for c in _citations(getattr(value, name))]
    return []


class TestOutlets:
    """Other outlets: corroboration where they agree, variants where they differ."""

    def test_outside_reports_have_outlet_country_and_url(self) -> None:
        """At least ten outside reports of the visit give outlet, country and URL."""
        reports = [
            s
            for s in DATA.sources
            if s.kind is not kzpk.SourceKind.ARTICLE
            and s.retrieved == dt.date(2026, 12, 1)
            and s.outlet
            and s.outlet_country
            and s.url
        ]
        assert len(reports) >= 10
        assert {"PK", "KZ", "IN"} <= {s.outlet_country for s in reports}

    def test_corroborating_sources_all_shown(self) -> None:
        """The 37-documents variant lists every outlet that gives 37, and cite() shows them."""
        sources = next(
            s for v, s in _variant_sources("documents-signed-count").items() if "37" in v
        )
        assert {
            "islamabad-37-pacts",
            "business-observer-37-mous",
            "public-purview-37-agreements",
        } <= sources
        assert "The Public Purview" in kzpk.cite("docs-37-pacts")

    def test_signing_day_variants(self) -> None:
        """Wednesday and Tuesday for the declaration's signing are both kept."""
        assert len(_variant_sources("declaration-signing-day")) == 2


class TestSince:
    """What happened after the visit, and commitments judged per horizon."""

    def test_events_since_the_visit_are_cited(self) -> None:
        """Events after 4 February 2026 exist and each is cited."""
        later = [e for e in DATA.events if e.when.start > dt.date(2026, 2, 4)]
        assert len(later) >= 2
        assert all(e.citations for e in later)

    def test_lapsed_horizon_makes_the_target_overdue(self) -> None:
        """Once "within the next year" has passed, the $1 billion target is overdue for it."""
        before, after = (
            next(
                v
                for v in kzpk.commitment_states(day)
                if v.commitment.id == "trade-target-commitment"
            )
            for day in (dt.date(2026, 12, 1), dt.date(2027, 3, 1))
        )
        assert before.state is kzpk.CommitmentState.DUE
        assert after.state is kzpk.CommitmentState.OVERDUE
        assert after.overdue_under == ("within the next year",)
        assert len(after.horizons) == 5

    def test_status_history_by_day(self) -> None:
        """A commitment's status is the latest dated update on or before the day."""
        commitment = DATA.lookup("mou-implementation")
        assert isinstance(commitment, kzpk.Commitment)
        assert commitment.status_on(dt.date(2026, 2, 10)) is kzpk.CommitmentStatus.OPEN
        assert commitment.status_on(dt.date(2026, 4, 1)) is kzpk.CommitmentStatus.IN_PROGRESS
        (view,) = [
            v
            for v in kzpk.commitment_states(dt.date(2026, 4, 1))
            if v.commitment.id == commitment.id
        ]
        assert view.status is kzpk.CommitmentStatus.IN_PROGRESS

    def test_fulfilled_update_closes_every_horizon(self) -> None:
        """A fulfilled update makes the commitment and each of its horizons fulfilled."""
        target = DATA.lookup("trade-target-commitment")
        assert isinstance(target, kzpk.Commitment)
        done = attrs.evolve(
            target,
            history=(kzpk.StatusUpdate(kzpk.CommitmentStatus.FULFILLED, dt.date(2027, 1, 1)),),
        )
        dataset = DATA.replace(commitments=(done,))
        (view,) = kzpk.commitment_states(dt.date(2028, 1, 1), dataset=dataset)
        assert view.state is kzpk.CommitmentState.FULFILLED
        assert {h.state for h in view.horizons} == {kzpk.CommitmentState.FULFILLED}
