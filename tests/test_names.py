"""Name matching: whole names, normalised, with suggestions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

import kzpk
from kzpk._spelling import close_names, normalise, suggest
from kzpk.model import KINDS, LANGUAGES
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
#: Kazakh Cyrillic in the 2021 Latin alphabet (Wikipedia, "Kazakh alphabets", Latin script:
#: https://en.wikipedia.org/wiki/Kazakh_alphabets); letters outside Kazakh words by its
#: table's spellings (Ц ts, Ч ç, Ю iu, Я ia, the hard and soft signs dropped).
KAZAKH_LATIN = {
    **dict(
        zip(
            "аәбвгғдежзийкқлмнңоөпрстуұүфхһчшыіэ",
            "aäbvgğdejziikqlmnñoöprstuūüfhhçşyıe",  # noqa: RUF001 - dotless i is the alphabet's
            strict=True,
        )
    ),
    "ё": "io",
    "ц": "ts",
    "щ": "şş",
    "ю": "iu",
    "я": "ia",
    "ъ": "",
    "ь": "",
}


def kazakh_latin(cyrillic: str) -> str:
    """*cyrillic* in the 2021 Kazakh Latin alphabet (capital И, Й, Я, Ю, Ё begin with İ)."""
    out = []
    for letter in cyrillic:
        latin = KAZAKH_LATIN.get(letter.lower(), letter)
        if letter.isupper() and latin:
            latin = ("İ" if latin[0] == "i" else latin[0].upper()) + latin[1:]
        out.append(latin)
    return "".join(out)


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

    @pytest.mark.parametrize("name", DATA.names, ids=lambda n: n.id)
    def test_script_matches_tag(self, name: kzpk.Name) -> None:
        """Kazakh and Russian names are Cyrillic, Urdu Arabic, kk-Latn and English Latin."""
        script = SCRIPTS.get(name.language)
        letters = [c for c in name.text if c.isalpha()]
        assert letters
        if script is not None:
            assert all(unicodedata.name(c).startswith(script) for c in letters), name.text

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

    def test_transliterations_follow_the_alphabet(self) -> None:
        """A Kazakh Latin transliteration is seen in a source or spells a cited Kazakh name."""
        kazakh: dict[str, set[str]] = {}
        for name in DATA.names:
            if name.language == "kk":
                kazakh.setdefault(name.record, set()).add(kazakh_latin(name.text))
        wrong = [
            f"{name.id}: {name.text!r} not in {sorted(kazakh.get(name.record, ()))}"
            for name in DATA.names
            if name.language == "kk-Latn"
            and name.kind is kzpk.NameKind.TRANSLITERATION
            and not any(name.text in citation.quote for citation in name.citations)
            and name.text not in kazakh.get(name.record, set())
        ]
        assert wrong == []

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
