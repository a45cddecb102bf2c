"""Agreements by sector and filters; the taxonomy; the summary."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

import kzpk

DATA = kzpk.load()
SECTOR_IDS = [s.id for s in DATA.sectors]
AGREEMENTS = DATA.agreements
sector_ids = st.sampled_from(SECTOR_IDS)


def ancestors(sector_id: str) -> list[str]:
    """The sector and every sector above it."""
    chain = []
    current: str | None = sector_id
    while current is not None:
        chain.append(current)
        found = DATA.lookup(current)
        assert isinstance(found, kzpk.Sector)
        current = found.parent
    return chain


def children(sector_id: str) -> list[str]:
    """The direct sub-sectors of a sector."""
    return [s.id for s in DATA.sectors if s.parent == sector_id]


class TestLaws:
    """The laws of sector lookup."""

    @given(st.sampled_from(AGREEMENTS))
    def test_found_under_each_sector_and_ancestor(self, agreement: kzpk.Agreement) -> None:
        """Every agreement is found under each of its sectors and their ancestors."""
        for sector_id in agreement.sectors:
            for above in ancestors(sector_id):
                assert agreement in kzpk.agreements(above)

    @given(sector_ids)
    def test_parent_is_union_of_children(self, sector_id: str) -> None:
        """A sector's result is its own agreements plus its sub-sectors' results."""
        own = set(kzpk.agreements(sector_id, include_subsectors=False))
        below = {a for child in children(sector_id) for a in kzpk.agreements(child)}
        assert set(kzpk.agreements(sector_id)) == own | below

    @given(sector_ids)
    def test_every_alias_gives_same_result(self, sector_id: str) -> None:
        """Id, name and each alias, in any case, give the same result."""
        sector = kzpk.sector(sector_id)
        expected = kzpk.agreements(sector_id)
        assert kzpk.agreements(sector) == expected
        for name in (sector.name, sector.name.upper(), *sector.aliases):
            assert kzpk.agreements(name) == expected

    @given(
        sector_ids,
        st.sampled_from([None, *kzpk.AgreementKind]),
        st.sampled_from([None, "KZ", "PK", "lahore"]),
    )
    def test_filters_only_narrow(
        self, sector_id: str, kind: kzpk.AgreementKind | None, party: str | None
    ) -> None:
        """Adding a filter never adds results; results have no duplicates."""
        broad = kzpk.agreements(sector_id)
        narrow = kzpk.agreements(sector_id, kind=kind, party=party)
        assert set(narrow) <= set(broad) <= set(kzpk.agreements())
        assert len(set(narrow)) == len(narrow)

    def test_stable_order(self) -> None:
        """Results are ordered by signing date (undated last), then title."""
        found = kzpk.agreements()
        keys = [(a.signed is None, a.signed or dt.date.min, a.title) for a in found]
        assert keys == sorted(keys)


class TestLookups:
    """Names, short forms and spellings users type."""

    @pytest.mark.parametrize(
        ("name", "sector_id"),
        [
            ("oil", "petroleum"),
            ("IT", "information-technology"),
            ("defense", "security-defence"),
            ("agri", "agriculture"),
            ("Petroleum", "petroleum"),
            ("natural gas", "gas"),
        ],
    )
    def test_aliases(self, name: str, sector_id: str) -> None:
        """Common names resolve to the right sector."""
        assert kzpk.sector(name).id == sector_id

    def test_energy_includes_petroleum_and_gas(self) -> None:
        """Energy finds what petroleum and gas find."""
        energy = set(kzpk.agreements("energy"))
        assert set(kzpk.agreements("petroleum")) | set(kzpk.agreements("gas")) <= energy

    def test_joint_declaration(self) -> None:
        """The joint declaration was signed in Islamabad on 4 February 2026 by both countries."""
        (declaration,) = kzpk.agreements(kind="declaration")
        assert declaration.id == "joint-declaration-2026"
        assert declaration.signed == dt.date(2026, 2, 4)
        assert declaration.place == "islamabad"
        assert set(declaration.parties) >= {"KZ", "PK"}

    def test_kind_aliases(self) -> None:
        """Kinds accept plural and abbreviated forms."""
        assert kzpk.agreements(kind="MoU") == kzpk.agreements(kind="memorandum")
        assert kzpk.agreements(kind="sister cities") == kzpk.agreements(kind="sister-city")
        assert len(kzpk.agreements(kind="sister-city")) == 2

    def test_party_by_name(self) -> None:
        """A party can be named by its name or alias."""
        assert kzpk.agreements(party="Lahore") == kzpk.agreements(party="lahore")
        assert kzpk.agreements(party="Lahore")

    def test_signed_range(self) -> None:
        """A signing-date range keeps the agreements known to be signed inside it."""
        day = dt.date(2026, 2, 4)
        inside = kzpk.agreements(signed=(day, day))
        assert inside
        for a in inside:
            window = a.signed_within
            assert a.signed == day or (
                a.signed is None and window is not None and window.start == window.end == day
            )
        assert kzpk.agreements(signed=dt.date(2020, 1, 1)) == ()

    def test_signed_window_inside_range_matches(self) -> None:
        """A document signed "during the visit" matches the visit's days, not one of them."""
        visit = (dt.date(2026, 2, 3), dt.date(2026, 2, 4))
        during = {a.id for a in kzpk.agreements(signed=visit)}
        assert "agro-industrial-agreements" in during
        assert "agro-industrial-agreements" not in {
            a.id for a in kzpk.agreements(signed=dt.date(2026, 2, 4))
        }
        assert "mfa-action-plan-2025-26" not in during

    def test_text_whole_words(self) -> None:
        """Text matches whole words only."""
        assert kzpk.agreements(text="declaration")
        assert kzpk.agreements(text="declar") == ()


class TestTaxonomy:
    """The sector tree."""

    def test_roots_are_priority_areas(self) -> None:
        """The roots are the eight priority areas of the joint declaration."""
        roots = kzpk.sector_tree()
        assert len(roots) == 8
        assert all(r.sector.parent is None for r in roots)

    def test_walk_covers_every_sector(self) -> None:
        """Walking the trees visits every sector once."""
        seen = [s.id for root in kzpk.sector_tree() for _, s in root.walk()]
        assert sorted(seen) == sorted(SECTOR_IDS)


class TestSummary:
    """What is identified beside what is counted."""

    def test_totals(self) -> None:
        """The summary counts identified documents and shows every reported count."""
        summary = kzpk.agreement_summary()
        assert summary.identified == len(AGREEMENTS)
        assert {c.count for c in summary.reported} >= {19, 18, 37, 30}
        petroleum = next(r for r in summary.sectors if r.sector.id == "petroleum")
        assert {c.count for c in petroleum.reported} >= {37, 30}
        assert "identified" in str(summary)


class TestBadInput:
    """Misses raise NotFoundError with suggestions."""

    @pytest.mark.parametrize(
        ("call", "expected"),
        [
            ({"sector": "enrgy"}, "Energy"),
            ({"kind": "memorandom"}, "memorandum"),
            ({"party": "Kazakstan"}, "Kazakhstan"),
        ],
    )
    def test_did_you_mean(self, call: dict[str, str], expected: str) -> None:
        """A misspelt filter names the closest valid name."""
        with pytest.raises(kzpk.NotFoundError, match=f"did you mean.*'{expected}'"):
            kzpk.agreements(**call)  # type: ignore[arg-type]

    def test_backwards_range(self) -> None:
        """A date range ending before it starts is an error."""
        with pytest.raises(kzpk.InvalidInputError):
            kzpk.agreements(signed=(dt.date(2026, 3, 1), dt.date(2026, 1, 1)))

    def test_wrong_type(self) -> None:
        """A sector of the wrong type is TypeError."""
        with pytest.raises(TypeError):
            kzpk.agreements(sector=3)  # type: ignore[arg-type]


class TestBroaderAreas:
    """A sector query also finds documents tagged with a broader area, marked as such."""

    def test_education_finds_the_declaration(self) -> None:
        """The query "education" finds the declaration through its "education and IT" area."""
        assert "joint-declaration-2026" in {a.id for a in kzpk.agreements(sector="education")}
        (match,) = [
            m
            for m in kzpk.agreement_matches("education")
            if m.agreement.id == "joint-declaration-2026"
        ]
        assert match.broader
        assert match.tagged == "education-it"

    def test_broader_matches_follow_and_can_be_left_out(self) -> None:
        """Direct matches come first; include_broader=False leaves the broader ones out."""
        matches = kzpk.agreement_matches("petroleum")
        flags = [m.broader for m in matches]
        assert flags == sorted(flags)
        narrow = kzpk.agreements("petroleum", include_broader=False)
        assert narrow == tuple(m.agreement for m in matches if not m.broader)
        assert "joint-declaration-2026" not in {a.id for a in narrow}

    @pytest.mark.parametrize("sector_id", SECTOR_IDS)
    def test_broader_means_an_ancestor_tag(self, sector_id: str) -> None:
        """A broader match is tagged with a sector strictly above the one asked for.

        The documents found are worked out here from the tags and the tree: directly,
        those tagged with the sector or one below it; as broader, the others tagged with
        one above it.
        """
        above = ancestors(sector_id)[1:]
        direct = {a.id for a in AGREEMENTS if any(sector_id in ancestors(s) for s in a.sectors)}
        broader = {a.id for a in AGREEMENTS if set(a.sectors) & set(above)} - direct
        matches = kzpk.agreement_matches(sector_id)
        assert {m.agreement.id for m in matches if not m.broader} == direct
        assert {m.agreement.id for m in matches if m.broader} == broader
        assert len(matches) == len(direct) + len(broader)
        for match in matches:
            assert match.tagged in match.agreement.sectors
            if match.broader:
                assert match.tagged in above
            else:
                assert sector_id in ancestors(match.tagged)

    def test_visit_documents_carry_a_date(self) -> None:
        """Documents of the visit carry their signing day or the stretch of days it lies in."""
        undated = [a.id for a in AGREEMENTS if a.signed is None and a.signed_within is None]
        assert set(undated) <= {"trade-roadmap-2025-2027", "issi-fpri-memorandum"}


class TestValues:
    """A document's value is the one a source states, in US dollars."""

    def test_stated_values_are_quoted(self) -> None:
        """Every value is given in one of the document's quotes, in millions."""
        valued = [a for a in AGREEMENTS if a.value is not None]
        assert valued
        for agreement in valued:
            assert agreement.value is not None
            millions = format((agreement.value / 1_000_000).normalize(), "f")
            stated = re.compile(rf"(?<![\d.]){re.escape(millions)}\s*(million|млн|миллион)")
            assert any(stated.search(c.quote) for c in agreement.citations), agreement.id

    def test_electric_buses(self) -> None:
        """The Falcon EuroBus contract is worth $108 million."""
        found = DATA.lookup("electric-buses-contract", kzpk.Agreement)
        assert found.value == Decimal(108_000_000)

    def test_most_documents_state_no_value(self) -> None:
        """A value is only set where a source states one: the visit's declaration has none."""
        found = DATA.lookup("joint-declaration-2026", kzpk.Agreement)
        assert found.value is None
