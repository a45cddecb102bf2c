"""Search and lookup by any name, in any script, ranked and typo-tolerant."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, example, given, strategies as st

import kzpk
from kzpk._spelling import normalise
from kzpk.model import KINDS
from kzpk.names import _search
from kzpk.names._resolve import resolver
from kzpk.names._search import kind_of

DATA = kzpk.load()
#: Records with names of their own (a parameter's "name" describes a figure; its id names it).
NAMED = tuple(r for r in DATA.records() if not isinstance(r, (kzpk.Name, kzpk.Parameter)))


def _ids(query: str, kind: type[kzpk.Record] | str | None = None) -> list[str]:
    return [r.id for r in DATA.search(query, kind, limit=50)]


def _tiers(query: str) -> list[_search.Tier]:
    """The tier each result of *query* was ranked in, in result order."""
    found = _search._matches(_search.index_of(DATA), normalise(query))
    return [found[r.id][0] for r in DATA.search(query, limit=50)]


class TestEveryNameFindsItsRecord:
    """Whatever a record is called in the data, searching for it finds the record."""

    @given(st.sampled_from(DATA.names))
    def test_stored_name(self, name: kzpk.Name) -> None:
        """Each name in names.json finds the record it names, first or tied for first."""
        found = DATA.search(name.text, limit=50)
        assert name.record in [r.id for r in found]
        assert _tiers(name.text)[0] <= _search.Tier.ALIAS

    def test_parameters_by_id(self) -> None:
        """A parameter is found by its id, not by words of its description."""
        for parameter in DATA.parameters:
            assert _ids(parameter.id)[0] == parameter.id
            assert parameter.id not in _ids(parameter.name)

    @given(
        st.sampled_from(NAMED).flatmap(
            lambda r: st.tuples(
                st.just(r),
                st.sampled_from(
                    [
                        r.id,
                        *(a for a in (getattr(r, "name", None), *getattr(r, "aliases", ())) if a),
                    ]
                ),
            )
        )
    )
    def test_own_names(self, pair: tuple[kzpk.Record, str]) -> None:
        """Each record's id, name and aliases find it."""
        record, label = pair
        assume(normalise(label))
        assert record.id in _ids(label)

    @pytest.mark.parametrize("name", DATA.names, ids=lambda n: n.id)
    def test_lookup_by_stored_name(self, name: kzpk.Name) -> None:
        """lookup() of a stored name gives its record, or the one record whose own name it is.

        Ambiguous names raise, listing the record among the candidates.
        """
        kind = type(DATA.lookup(name.record))
        candidates = resolver(DATA, kind_of(kind)).candidates(name.text)
        found = _outcome(lambda: DATA.lookup(name.text, kind).id)
        if len(candidates) > 1:
            assert found is kzpk.AmbiguousNameError
            assert name.record in candidates
        elif found != name.record:  # shadowed: another record has it at a better tier
            shadow = DATA.lookup(str(found))
            assert normalise(name.text) in {normalise(label) for label in _own_labels(shadow)}


def _own_labels(record: kzpk.Record) -> set[str]:
    labels = {getattr(record, a, None) for a in ("name", "title", "question")}
    return {str(label) for label in labels if label} | set(getattr(record, "aliases", ()))


def _outcome(call: Callable[[], object]) -> object:
    """What a call gives: its value, or the class of the kzpk error it raised."""
    try:
        return call()
    except kzpk.KzpkError as error:
        return type(error)


#: Every name a place, country or party answers to: stored names, own names and aliases.
_PLACE_NAMES = sorted(
    {n.text for n in DATA.names if isinstance(DATA.get(n.record), kzpk.Place)}
    | {label for p in DATA.places for label in _own_labels(p)}
)
_PARTY_NAMES = sorted(
    {n.text for n in DATA.names}
    | {
        label
        for kind in ("countries", "organisations", "people")
        for r in getattr(DATA, kind)
        for label in _own_labels(r)
    }
)


def _route_end(label: str, unrouted: list[str]) -> str | None:
    """What is wrong with *label* as a route's origin, or None when it agrees with lookup().

    A label whose place has no route to Karachi (or Almaty) is added to *unrouted*.
    """
    looked_up = _outcome(lambda: DATA.lookup(label, kzpk.Place).id)
    other = "Karachi" if looked_up != "karachi" else "Almaty"
    routed = _outcome(lambda: kzpk.build_route(label, other, alternatives=1)[0].places[0].id)
    if routed is kzpk.NoRouteError:
        unrouted.append(label)
        return None
    if looked_up is kzpk.NotFoundError:  # not a place's name: a country's, or nobody's
        country = _outcome(lambda: DATA.lookup(label, kzpk.Country).id)
        if isinstance(country, str):
            place = DATA.get(str(routed))
            return (
                None
                if isinstance(place, kzpk.Place) and country in place.countries
                else (f"starts at {routed!r}, not in {country}")
            )
        return None if routed in (kzpk.NotFoundError, kzpk.AmbiguousNameError) else f"{routed!r}"
    if routed != looked_up:
        return f"starts at {routed!r}, lookup() gives {looked_up!r}"
    crossing = DATA.get(str(looked_up))
    if isinstance(crossing, kzpk.Place) and crossing.kind is kzpk.PlaceKind.BORDER_CROSSING:
        avoided = kzpk.build_route("Almaty", "Karachi", avoid_crossings=[label], alternatives=1)
        if any(p.id == crossing.id for r in avoided for p in r.places):
            return "avoid_crossings does not keep it off the route"
    return None


def _party(label: str) -> str | None:
    """What is wrong with *label* as an agreement party, or None when it agrees with lookup()."""
    kinds = (kzpk.Country, kzpk.Organisation, kzpk.Place, kzpk.Person)
    outcomes = [_outcome(lambda kind=kind: DATA.lookup(label, kind).id) for kind in kinds]  # type: ignore[misc]
    ids = [found for found in outcomes if isinstance(found, str)]
    by_party = _outcome(lambda: kzpk.agreements(party=label))
    if len(ids) == 1 and kzpk.AmbiguousNameError not in outcomes:
        return None if by_party == kzpk.agreements(party=ids[0]) else f"{by_party!r}"
    if not ids and kzpk.AmbiguousNameError not in outcomes:
        return None if by_party is kzpk.NotFoundError else f"{by_party!r}, lookup() finds none"
    settled = [kzpk.agreements(party=i) for i in ids]
    return None if by_party is kzpk.AmbiguousNameError or by_party in settled else f"{by_party!r}"


class TestOneResolver:
    """Every stored name resolves the same way in every entry point that takes it."""

    def test_route_ends_and_avoided_crossings(self) -> None:
        """Every place name starts a route from the place lookup() gives, or fails the same way.

        A name that is no place's is a country's (the route starts at one of its places)
        or nobody's (both refuse it); a crossing's name keeps that crossing off the route.
        """
        unrouted: list[str] = []
        disagreements = [
            f"{label}: {why}" for label in _PLACE_NAMES if (why := _route_end(label, unrouted))
        ]
        assert disagreements == []
        assert len(unrouted) < len(_PLACE_NAMES) / 10  # so most names are checked by a route

    def test_agreement_parties(self) -> None:
        """Every party name finds what lookup() of that party gives finds, or fails the same way.

        Where lookup() finds one party, the filter finds that party's agreements; where it
        finds none, the filter refuses the name; where several kinds of party or several
        records share it, the filter either settles on one of them or says it is ambiguous.
        """
        disagreements = [f"{label}: {why}" for label in _PARTY_NAMES if (why := _party(label))]
        assert disagreements == []

    def test_sectors(self) -> None:
        """Every sector's id, name and aliases give the sector lookup() gives, in every helper."""
        labels = sorted({label for s in DATA.sectors for label in (s.id, *_own_labels(s))})
        wrong = []
        for label in labels:
            wanted = DATA.lookup(label, kzpk.Sector)
            if kzpk.sector(label) != wanted or kzpk.agreements(label) != kzpk.agreements(wanted):
                wrong.append(label)
        assert wrong == []

    @pytest.mark.parametrize(
        ("query", "wanted"),
        [
            ("Termez", "termez"),
            ("Taftan", "taftan"),
            ("Тафтан", "taftan"),
            ("Hairatan", "hairatan"),
            ("Spin Boldak", "spin-boldak"),
            ("Serhetabat", "serhetabat"),
            ("Torghundi", "torghundi"),
            ("Alashankou", "alashankou"),
            ("Baku", "baku"),
            ("Hasan Abdal", "hasan-abdal"),
            ("Hassan Abdal", "hasan-abdal"),
            ("喀什", "kashgar"),
        ],
    )
    def test_towns_beside_crossings_start_routes(self, query: str, wanted: str) -> None:
        """A town beside a crossing starts a route by its own name (once 'unknown origin')."""
        route = kzpk.build_route(query, "Peshawar", alternatives=1)[0]
        assert route.places[0].id == wanted

    def test_sources_only_when_asked(self) -> None:
        """A name a source shares with a record finds the record; sources answer when asked."""
        assert DATA.lookup("Nursultan").id == "astana"
        assert DATA.search("Nursultan")[0].id == "astana"
        title = DATA.sources[0].title
        with pytest.raises(kzpk.NotFoundError):
            DATA.lookup(title)
        assert DATA.lookup(title, kzpk.Source) is DATA.sources[0]


class TestNativeScripts:
    """Queries as people in Kazakhstan and Pakistan type them."""

    @pytest.mark.parametrize(
        ("query", "wanted"),
        [
            ("Алматы", "almaty"),
            ("Шымкент", "shymkent"),
            ("Токаев", "tokayev"),
            ("Тоқаев", "tokayev"),
            ("Қасым-Жомарт Тоқаев", "tokayev"),
            ("قاسم جومارت توکائیوف", "tokayev"),
            ("کراچی", "karachi"),
            ("شہباز شریف", "shehbaz-sharif"),
            ("Шахбаз Шариф", "shehbaz-sharif"),
            ("Nur-Sultan", "astana"),
            ("Нұр-Сұлтан", "astana"),
            ("Целиноград", "astana"),
            ("Akmola", "astana"),
            ("آستانہ", "astana"),
            ("Alma-Ata", "almaty"),
            ("Алма-Ата", "almaty"),
            ("Chimkent", "shymkent"),
            ("Şymkent", "shymkent"),
            ("Қазақстан", "KZ"),
            ("Qazaqstan", "KZ"),
            ("پاکستان", "PK"),
            ("اسلام آباد", "islamabad"),
            ("Исламабад", "islamabad"),
            ("لاہور", "lahore"),
        ],
    )
    def test_finds_first(self, query: str, wanted: str) -> None:
        """The record meant comes first."""
        assert _ids(query)[0] == wanted

    @pytest.mark.parametrize(
        ("query", "wanted"),
        [
            ("Shymknet", "shymkent"),
            ("Karachy", "karachi"),
            ("Tokaev", "tokayev"),
            ("Shehbaz Sharef", "shehbaz-sharif"),
            ("Islamabd", "islamabad"),
        ],
    )
    def test_typos(self, query: str, wanted: str) -> None:
        """A typo still finds the record first."""
        assert _ids(query)[0] == wanted


#: Names people type: every stored name and each record's own names. Most match records in
#: several tiers (a name exactly, longer names holding it by prefix), so order matters.
LABELS = sorted({n.text for n in DATA.names} | {label for r in NAMED for label in _own_labels(r)})
#: A typed name, or any text at all.
queries = st.one_of(st.sampled_from(LABELS), st.text(max_size=20))


class TestRanking:
    """exact > name > alias > prefix > fuzzy; records before sources; whole words only."""

    @given(queries)
    @example("Almaty")  # almaty exactly, then longer names holding "Almaty" by prefix
    @example("Karachi")
    @example("Kazakhstan Railways")  # exactly, by its words, then a close spelling
    def test_tiers_never_decrease(self, query: str) -> None:
        """Results come in tier order, and never raise on any text."""
        tiers = _tiers(query)
        assert tiers == sorted(tiers)

    @given(st.sampled_from(NAMED))
    def test_exact_beats_fuzzy(self, record: kzpk.Record) -> None:
        """A record's id ranks it in the best tier it can have, above every fuzzy hit."""
        ranked = list(zip(_ids(record.id), _tiers(record.id), strict=True))
        best = _search.Tier.PREFIX if isinstance(record, kzpk.Source) else _search.Tier.EXACT
        assert (record.id, best) in ranked
        fuzzy = [i for i, (_, tier) in enumerate(ranked) if tier is _search.Tier.FUZZY]
        assert ranked.index((record.id, best)) < min(fuzzy, default=len(ranked))

    def test_records_before_sources(self) -> None:
        """A record outranks a source of the same name, even one it has only as an old name."""
        found = _ids("Almaty")
        sources = [i for i in found if isinstance(DATA.get(i), kzpk.Source)]
        assert sources, found
        assert found.index("almaty") < found.index(sources[0])
        found = _ids("Nur-Sultan")
        assert found[0] == "astana"
        assert found.index("astana") < found.index("wikipedia-simple-nur-sultan")

    def test_tiers_in_order(self) -> None:
        """An id beats a foreign name, which beats an old name, a word match and a typo."""
        assert _tiers("astana")[0] is _search.Tier.EXACT
        assert _tiers("Астана")[0] is _search.Tier.EXACT  # read in Latin letters, it is the name
        assert _tiers("Қазақстан")[0] is _search.Tier.NAME
        assert _tiers("Tselinograd")[0] is _search.Tier.ALIAS
        assert _tiers("Sharif")[0] is _search.Tier.ALIAS
        assert _tiers("Samruk")[0] is _search.Tier.PREFIX
        assert _tiers("Tselinogard")[0] is _search.Tier.FUZZY

    @pytest.mark.parametrize("query", ["Peru", "Lah", "Isla", "Kara"])
    def test_whole_words_only(self, query: str) -> None:
        """A query that is only part of a word finds nothing by that word."""
        assert all(t is _search.Tier.FUZZY for t in _tiers(query)) or not _tiers(query)
        assert "lahore" not in _ids("Lah")
        assert _ids("Peru") == []

    @given(queries, st.integers(0, 12))
    def test_limit_and_no_names(self, query: str, limit: int) -> None:
        """At most *limit* distinct records, never a Name record itself."""
        found = DATA.search(query, limit=limit)
        assert len(found) <= limit
        assert len({r.id for r in found}) == len(found)
        assert not any(isinstance(r, kzpk.Name) for r in found)


class TestKinds:
    """kind= narrows results to one kind of record."""

    def test_class_and_name(self) -> None:
        """A record class or a kind name filters alike."""
        assert _ids("Astana", kzpk.Organisation)[0] == "aifc"
        assert _ids("Astana", "organisation") == _ids("Astana", kzpk.Organisation)
        assert all(isinstance(r, kzpk.Place) for r in DATA.search("Astana", kzpk.Place))

    @pytest.mark.parametrize("kind", ["bogus", kzpk.Citation])
    def test_unknown_kind(self, kind: object) -> None:
        """An unknown kind raises a ChoiceError (an InvalidInputError) listing the valid ones."""
        with pytest.raises(kzpk.ChoiceError) as caught:
            DATA.search("Astana", kind)  # type: ignore[call-overload]
        assert caught.value.option == "kind"
        assert "places" in caught.value.valid or "Place" in caught.value.valid

    def test_every_kind_name(self) -> None:
        """Every kind stem, its singular and its class resolve to the stem."""
        for stem, cls in ((k.name, k.cls) for k in KINDS):
            assert _search.kind_of(stem) == stem
            assert _search.kind_of(cls) == stem
            assert _search.kind_of(cls.__name__) == stem


class TestLookup:
    """lookup() takes an id or any name; misses suggest, ties list candidates."""

    def test_by_name_typed(self) -> None:
        """A name and a kind give that record, typed."""
        place: kzpk.Place = DATA.lookup("Karachi", kzpk.Place)
        assert place.id == "karachi"
        assert DATA.lookup("کراچی").id == "karachi"
        assert DATA.lookup("Alma-Ata", kzpk.Place).id == "almaty"

    def test_id_first(self) -> None:
        """An id wins over names."""
        assert DATA.lookup("KZ").id == "KZ"
        assert DATA.lookup("joint-declaration-2026").id == "joint-declaration-2026"

    def test_wrong_kind(self) -> None:
        """An id or name of another kind is a miss for that kind."""
        with pytest.raises(kzpk.NotFoundError, match="unknown place 'KZ'"):
            DATA.lookup("KZ", kzpk.Place)

    def test_miss_suggests(self) -> None:
        """A misspelt name raises NotFoundError with the closest records."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean 'Almaty' \\(place almaty\\)"):
            DATA.lookup("Almatyy")

    def test_ambiguous_lists_candidates(self) -> None:
        """A name two records share raises, naming both; a kind settles it."""
        town = kzpk.Place("georgia-town", "Georgia", kzpk.PlaceKind.CITY, "KZ", 45.0, 70.0)
        data = DATA.replace(places=(*DATA.places, town))
        with pytest.raises(kzpk.AmbiguousNameError, match=r"ambiguous.*'GE'.*'georgia-town'") as e:
            data.lookup("Georgia")
        assert e.value.valid == ("GE", "georgia-town")
        assert data.lookup("Georgia", kzpk.Country).id == "GE"
        assert data.lookup("georgia", kzpk.Place).id == "georgia-town"

    def test_not_a_string(self) -> None:
        """A key that is not a string is a TypeError."""
        with pytest.raises(TypeError):
            DATA.lookup(7)  # type: ignore[call-overload]


class TestIndex:
    """The index is built once per dataset and offered as one resolver."""

    def test_built_once(self) -> None:
        """The same dataset gives the same index object."""
        assert _search.index_of(DATA) is _search.index_of(DATA)

    def test_resolver(self) -> None:
        """resolver() resolves any name of the kinds asked for, in any script, built once."""
        places = resolver(DATA, "places")
        assert places.resolve("کراچی") == "karachi"
        assert places.resolve("Целиноград") == "astana"
        assert resolver(DATA, "countries").resolve("Қазақстан") == "KZ"
        assert resolver(DATA, "places") is places
        with pytest.raises(kzpk.NotFoundError, match="unknown place"):
            places.resolve("Қазақстан")


def test_loading_imports_no_matcher() -> None:
    """Loading the dataset imports neither search nor its libraries; the first search does."""
    import subprocess
    import sys

    code = (
        "import sys, kzpk; kzpk.load(); lazy = ('rapidfuzz', 'anyascii', 'kzpk.names._search'); "
        "print(sorted(m for m in lazy if m in sys.modules)); kzpk.load().search('Алматы'); "
        "print(sorted(m for m in lazy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = done.stdout.splitlines()
    assert before == "[]"
    assert after == "['anyascii', 'kzpk.names._search', 'rapidfuzz']"
