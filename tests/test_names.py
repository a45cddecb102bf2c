"""Name matching: whole names, normalised, with suggestions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import kzpk
from conftest import broken
from kzpk._spelling import close_names, normalise, suggest
from kzpk.model import KINDS, LANGUAGES, TRANSLITERATION_RULES, kazakh_latin
from kzpk.names._resolve import resolver

DATA = kzpk.load()
#: BCP 47 as the dataset uses it: a language, then optionally a script and a region.
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?")
#: The script each language tag is written in (by Unicode character names).
SCRIPTS = {
    "kk": "CYRILLIC",
    "ru": "CYRILLIC",
    "uz-Cyrl": "CYRILLIC",
    "ur": "ARABIC",
    "kk-Arab": "ARABIC",
    "fa": "ARABIC",
    "kk-Latn": "LATIN",
    "en": "LATIN",
    "tk": "LATIN",
    "zh": "CJK",
}


class TestNormalise:
    """Normalisation folds what people do not mean to distinguish."""

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Nur-Sultan", "nur sultan"),
            ("Türkiye", "turkiye"),
            ("  AIFC ", "aifc"),
            ("Khoja Ahmed Yasawi", "khoja-ahmed yasawi"),
        ],
    )
    def test_equivalent(self, a: str, b: str) -> None:
        """Case, accents, dashes and spacing do not matter."""
        assert normalise(a) == normalise(b)

    @given(st.text())
    def test_idempotent(self, name: str) -> None:
        """Normalising twice changes nothing more."""
        assert normalise(normalise(name)) == normalise(name)

    @pytest.mark.parametrize(
        ("native", "latin"),
        [
            ("Алматы", "almaty"),
            ("ШЫМКЕНТ", "shymkent"),
            ("Тоқаев", "toqaev"),
            ("Нұр-Сұлтан", "nur sultan"),
            ("Qo\u02bbzog\u02bbiston", "qozogiston"),
            ("Pakistan’s", "pakistans"),
            ("كراچی", "krchy"),  # Arabic and Farsi kaf, Urdu and Arabic yeh read alike
        ],
    )
    def test_scripts_read_in_latin(self, native: str, latin: str) -> None:
        """Cyrillic and Arabic script fold to Latin letters; apostrophes vanish."""
        assert normalise(native) == latin

    def test_same_urdu_name_in_two_spellings(self) -> None:
        """Urdu spelt with Arabic letter forms folds to the same key."""
        assert normalise("کراچی") == normalise("كراچي")

    @given(st.text())
    def test_ascii_words(self, name: str) -> None:
        """The result is lower-case ASCII words separated by single spaces."""
        folded = normalise(name)
        assert folded.isascii()
        assert folded == " ".join(folded.split())
        assert folded == folded.lower()


class TestResolver:
    """Whole-name resolution by the one resolver, over the packaged records."""

    places = resolver(DATA, "places")

    def test_alias(self) -> None:
        """An alias or old name resolves to its record, however it is spaced or spelt."""
        assert self.places.resolve("nur sultan") == "astana"
        assert self.places.resolve("Nursultan") == "astana"
        assert self.places.resolve("Целиноград") == "astana"

    def test_no_substring_match(self) -> None:
        """A name never matches a longer name that holds it."""
        assert self.places.get("Karachi") == "karachi"
        assert self.places.get("Karach") is None
        assert self.places.get("Kar") is None

    def test_miss_suggests(self) -> None:
        """A misspelling raises NotFoundError with the closest records, never the word typed."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean 'Astana'") as caught:
            self.places.resolve("Astna")
        assert "astana" in caught.value.valid
        assert caught.value.value == "Astna"

    def test_miss_without_close_names(self) -> None:
        """With nothing close, the error says so and suggests nothing."""
        with pytest.raises(kzpk.NotFoundError, match=r"unknown place 'Zzzzzz'$") as caught:
            self.places.resolve("Zzzzzz")
        assert caught.value.valid == ()

    def test_option_named(self) -> None:
        """Given the argument's name, the error names it and carries it as data."""
        with pytest.raises(kzpk.NotFoundError, match=r"^origin: unknown place 'Astna'") as caught:
            self.places.resolve("Astna", option="origin")
        assert caught.value.option == "origin"
        assert caught.value.describe(lambda name, _: name.upper()).startswith("ORIGIN: unknown")


def test_suggest_empty_for_nothing_close() -> None:
    """suggest() returns nothing when no name is close."""
    assert suggest("qqqq", ["energy", "gas"]) == ""


def test_close_names_best_first() -> None:
    """close_names() returns the closest keys first, above the cutoff only."""
    keys = ["almaty", "alma", "astana", "karachi"]
    assert close_names("almatty", keys, limit=3, cutoff=70) == ["almaty", "alma"]
    assert close_names("zzz", keys, limit=3, cutoff=70) == []


class TestNameRecords:
    """names.json: tagged, in the right script, cited, naming records that exist."""

    def test_allowed_tags_are_bcp47(self) -> None:
        """Every allowed language tag is well-formed BCP 47."""
        assert all(BCP47.fullmatch(tag) for tag in LANGUAGES)

    def test_every_name_tagged(self) -> None:
        """Every name carries an allowed tag, and the region's languages are all there."""
        used = {n.language for n in DATA.names}
        assert used <= LANGUAGES
        assert {"en", "kk", "kk-Latn", "ru", "ur"} <= used

    def test_script_matches_tag(self) -> None:
        """Kazakh and Russian names are Cyrillic, Urdu Arabic, kk-Latn and English Latin."""
        wrong = []
        for name in DATA.names:
            script = SCRIPTS.get(name.language)
            letters = [c for c in name.text if c.isalpha()]
            if not letters or (
                script is not None
                and not all(unicodedata.name(c).startswith(script) for c in letters)
            ):
                wrong.append(f"{name.id}: {name.text} ({name.language})")
        assert wrong == []

    def test_cited_and_named(self) -> None:
        """Every name cites a source and names a country, person, place or organisation."""
        parties = (kzpk.Country, kzpk.Person, kzpk.Place, kzpk.Organisation)
        for name in DATA.names:
            assert name.citations, name.id
            assert isinstance(DATA.get(name.record), parties), name.id

    def test_leaders_and_main_places_in_every_language(self) -> None:
        """The names people ask for most exist in Kazakh, Russian and Urdu."""
        have = {(n.record, n.language) for n in DATA.names}
        for record in ("tokayev", "shehbaz-sharif", "KZ", "PK", "astana", "islamabad"):
            for language in ("kk", "ru", "ur"):
                assert (record, language) in have, (record, language)

    @pytest.mark.parametrize(
        ("cyrillic", "latin"),
        [
            ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
            ("Бұрыңғы өткен заманда", "Būryñğy ötken zamanda"),
            ("үйіне келіп", "üiıne kelıp"),  # noqa: RUF001
            ("Ясауи", "İasaui"),
            ("Шымкент", "Şymkent"),
        ],
    )
    def test_kazakh_latin_table(self, cyrillic: str, latin: str) -> None:
        """The table gives what the alphabet's own examples give."""
        assert kazakh_latin(cyrillic) == latin

    def test_kazakh_latin_is_attested_or_derived(self) -> None:
        """Each Kazakh Latin name is quoted by its sources, or spelt by its rule from a kk name."""
        names = {n.id: n for n in DATA.names}
        latin = [n for n in DATA.names if n.language == "kk-Latn"]
        derived = [n for n in latin if n.is_derived]
        assert len(derived) >= 134
        for name in latin:
            if not name.is_derived:
                assert any(name.text in c.quote for c in name.citations), name.id
                continue
            assert name.rule == "kazakh-latin-2021", name.id
            source = names[name.derived_from or ""]
            assert (source.record, source.language) == (name.record, "kk"), name.id
            assert kazakh_latin(source.text) == name.text, name.id
            assert name.kind is kzpk.NameKind.TRANSLITERATION, name.id

    def test_derived_names_say_nothing_more_in_notes(self) -> None:
        """How a derived name was made is in its fields, not repeated in a note."""
        assert all(n.note is None for n in DATA.names if n.is_derived)

    def test_2018_alphabet_spellings_are_historical(self) -> None:
        """The two spellings in the 2018 alphabet are kept as such, beside their 2021 forms."""
        texts = {n.text: n for n in DATA.names if n.record in ("aktau", "kuryk")}
        for old, new in (("Aqtaý", "Aqtau"), ("Quryq", "Qūryq")):
            assert texts[old].kind is kzpk.NameKind.HISTORICAL
            assert "2018" in (texts[old].note or "")
            assert texts[new].is_derived

    def test_rules_are_documented(self) -> None:
        """The one rule says what it reads and writes; the JSON Schema allows it and no other."""
        rule = TRANSLITERATION_RULES["kazakh-latin-2021"]
        assert (rule.source_language, rule.target_language) == ("kk", "kk-Latn")
        assert "2021" in rule.title
        assert rule.spell("Қазақстан Республикасы") == "Qazaqstan Respublikasy"
        schema = kzpk.json_schema("names.json")
        assert schema["$defs"]["Name"]["properties"]["rule"]["anyOf"] == [
            {"enum": ["kazakh-latin-2021"]},
            {"type": "null"},
        ]

    def test_every_kazakh_name_in_latin_too(self) -> None:
        """Each record with a Kazakh Cyrillic name has its 2021 Latin spelling."""
        latin = {(n.record, n.text) for n in DATA.names if n.language == "kk-Latn"}
        missing = [
            f"{n.record}: {kazakh_latin(n.text)}"
            for n in DATA.names
            if n.language == "kk" and (n.record, kazakh_latin(n.text)) not in latin
        ]
        assert missing == []

    def test_unknown_tag_rejected(self, tmp_path: Path) -> None:
        """Loading a name with a tag outside the list is a DatasetError naming the valid tags."""
        folder = Path(kzpk.__file__).with_name("data")
        for kind, _ in (("dataset", None), *((k.name, k.cls) for k in KINDS)):
            (tmp_path / f"{kind}.json").write_bytes((folder / f"{kind}.json").read_bytes())
        (tmp_path / "names.json").write_text(
            '{"names": [{"id": "x", "record": "KZ", "text": "Kazakhstan", '
            '"language": "kz", "kind": "common"}]}'
        )
        with pytest.raises(kzpk.DatasetError, match="'kz' is not an allowed language tag"):
            kzpk.load(tmp_path)


def _derived(names: list[dict[str, object]]) -> dict[str, object]:
    """The first derived name of a list of name objects."""
    return next(n for n in names if n.get("derived_from"))


class TestDerivedNameRules:
    """The loader refuses a derived name its rule does not give, naming file and path."""

    def test_from_another_record(self, tmp_path: Path) -> None:
        """A name derived from a name of another record is refused."""

        def elsewhere(names: list[dict[str, object]]) -> None:
            name = _derived(names)
            name["derived_from"] = next(
                n["id"] for n in names if n["language"] == "kk" and n["record"] != name["record"]
            )

        with pytest.raises(kzpk.DatasetError, match=r"\.derived_from: '[^']+' names '"):
            kzpk.load(broken(tmp_path, "names", elsewhere))

    def test_misspelt(self, tmp_path: Path) -> None:
        """A derived name that is not what its rule spells is refused, with the right spelling."""

        def misspelt(names: list[dict[str, object]]) -> None:
            _derived(names)["text"] = "Qazaqstan?"

        with pytest.raises(kzpk.DatasetError, match=r"\.text: kazakh-latin-2021 spells '"):
            kzpk.load(broken(tmp_path, "names", misspelt))

    def test_rule_without_a_source_name(self, tmp_path: Path) -> None:
        """A rule with no name to derive from is refused."""

        def orphan(names: list[dict[str, object]]) -> None:
            del _derived(names)["derived_from"]

        with pytest.raises(kzpk.DatasetError, match="gives both derived_from and rule"):
            kzpk.load(broken(tmp_path, "names", orphan))

    def test_unknown_rule(self, tmp_path: Path) -> None:
        """A rule outside the list is refused by the loader, as the JSON Schema refuses it."""

        def unknown(names: list[dict[str, object]]) -> None:
            _derived(names)["rule"] = "kazakh-latin-2018"

        with pytest.raises(kzpk.DatasetError, match="kazakh-latin-2018"):
            kzpk.load(broken(tmp_path, "names", unknown))
