"""Every citation of an article quotes its source verbatim (whitespace aside)."""

from __future__ import annotations

import os
import re
from functools import cache

import pytest

import kzpk
from conftest import sources_dir

_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@cache
def _text(file: str) -> str:
    return _flat((sources_dir() / file).read_text(encoding="utf-8"))


def _citations() -> list[tuple[str, kzpk.Citation]]:
    """Every citation in the dataset, with the id of the record and where in it it sits."""
    return [
        (f"{record.id}: {where}", citation)
        for record in kzpk.load().records()
        for where, citation in kzpk.citations_in(record)
    ]


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    """Map each article source id to its file name; skip locally (never on CI) without texts."""
    if not sources_dir().is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"source texts missing at {sources_dir()} (CI must verify quotes)")
        pytest.skip(f"source texts not found at {sources_dir()}; set KZPK_SOURCES_DIR")
    dataset = kzpk.load()
    return {s.id: s.file for s in dataset.sources if s.kind is kzpk.SourceKind.ARTICLE and s.file}


class TestQuotes:
    """Quotes are verbatim."""

    def test_every_article_file_exists(self, articles: dict[str, str]) -> None:
        """Each article source names a file present in the sources directory."""
        missing = [f for f in articles.values() if not (sources_dir() / f).is_file()]
        assert missing == []
        assert len(articles) == 5

    def test_every_quote_is_verbatim(self, articles: dict[str, str]) -> None:
        """Each quote from an article occurs in that article's text, and every article is quoted."""
        quoted = [(where, c) for where, c in _citations() if c.source in articles]
        assert {c.source for _, c in quoted} == set(articles)
        wrong = [
            f"{where}: {c.source}: {c.quote!r}"
            for where, c in quoted
            if _flat(c.quote) not in _text(articles[c.source])
        ]
        assert wrong == []


_LONGEST_OUTSIDE_QUOTE = 250


class TestOutsideQuotes:
    """Quotes from sources outside the five articles stay short."""

    def test_outside_quotes_are_short(self) -> None:
        """No quote from an outside reference or document is longer than a sentence."""
        dataset = kzpk.load()
        articles = {s.id for s in dataset.sources if s.kind is kzpk.SourceKind.ARTICLE}
        outside = [(where, c) for where, c in _citations() if c.source not in articles]
        assert len({c.source for _, c in outside}) >= 100
        long = [
            f"{where}: {c.source}: {len(c.quote)}"
            for where, c in outside
            if len(c.quote) > _LONGEST_OUTSIDE_QUOTE
        ]
        assert long == []

    def test_new_outside_sources_say_when_they_were_read(self) -> None:
        """Every document source gives its URL, outlet and retrieval date."""
        documents = [s for s in kzpk.load().sources if s.kind is kzpk.SourceKind.DOCUMENT]
        assert documents
        for source in documents:
            assert source.url, source.id
            assert source.outlet, source.id
            assert source.retrieved, source.id
