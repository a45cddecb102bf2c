"""Citations, loose dates, the dataset's own description and the sources records cite."""

import datetime as dt

import attrs

from kzpk.model._base import RecordBase, ref
from kzpk.model._enums import ReadThrough, SourceKind
from kzpk.model._languages import LANGUAGE_CHOICES, known_language


@attrs.frozen(repr=False, eq=False)
class Citation(RecordBase):
    """Where a fact is stated: a source and a short verbatim quote from it.

    A primary document (a source of kind ``document``) is cited clause by clause: the
    citation names the clause (``"preamble"``, ``"15"``) as the document numbers it, and
    quotes a short passage of that clause.

    Attributes:
        source: The id of the :class:`Source`.
        quote: Words copied exactly from the source (whitespace may differ).
        clause: For a document, the clause or paragraph the quote comes from, as the
            document numbers it; None for articles and other references.
    """

    source: str = attrs.field(metadata=ref("sources"))
    quote: str = attrs.field()
    clause: str | None = None


@attrs.frozen(repr=False, eq=False)
class Period(RecordBase):
    """A date or a range of dates, kept at the precision the source gives.

    ``Period(d, d)`` is one exact day; ``Period(2026-02-04, 2026-12-31, "later this year")``
    a range; ``end=None`` an open end ("in the near term").

    Attributes:
        start: The first day the period can mean.
        end: The last day it can mean, or None when the wording sets no end.
        wording: The source's words for it, when they are looser than a date.
    """

    start: dt.date
    end: dt.date | None
    wording: str | None = None

    @property
    def is_exact(self) -> bool:
        """Whether the period is one known day."""
        return self.start == self.end

    @property
    def is_open(self) -> bool:
        """Whether the period has no stated end."""
        return self.end is None

    def __str__(self) -> str:
        """Format as ``2026-02-04``, ``2026-02-04..2026-12-31`` or ``2026-02-04..``."""
        if self.is_exact:
            text = self.start.isoformat()
        else:
            text = f"{self.start.isoformat()}..{self.end.isoformat() if self.end else ''}"
        return f"{text} ({self.wording})" if self.wording else text


@attrs.frozen(repr=False, eq=False)
class DatasetInfo(RecordBase):
    """What the dataset is and how current.

    Attributes:
        title: A human title.
        version: The dataset's own version (calendar versioning, ``YYYY.MM.N``).
        as_of: The day its facts were last checked.
        license: The licence of the curated data.
    """

    title: str
    version: str
    as_of: dt.date
    license: str


@attrs.frozen(repr=False, eq=False)
class Source(RecordBase):
    """A text that records cite.

    Attributes:
        id: A short slug.
        kind: ``article`` (one of the texts about the visit) or ``reference``.
        title: The title, or the first words where the text has none.
        file: For articles, the file name of the text in the sources directory.
        outlet: The outlet, where the text names it.
        published: The date, where the text gives it.
        dateline: The place of the dateline, where the text has one.
        url: For outside references, where to read it.
        outlet_country: The alpha-2 code of the outlet's country, where it has one.
        retrieved: The day an outside reference was read.
        language: The BCP 47 tag of the text as read and quoted, one of
            :data:`~kzpk.model.LANGUAGES` (a page read in a machine translation, as its
            outlet says, has the translation's); None where it is not known.
        read_through: ``copy`` when the text was read through a copy of the page at
            ``url`` (a mirror, archive or proxy, which ``outlet`` names) rather than the
            page itself; ``machine-translation`` when it was read in a machine
            translation, so the quote is the translation's words; None for the page itself.
    """

    id: str
    kind: SourceKind
    title: str
    file: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    url: str | None = None
    outlet_country: str | None = attrs.field(default=None, metadata=ref("countries"))
    retrieved: dt.date | None = None
    language: str | None = attrs.field(
        default=None, validator=known_language, metadata=LANGUAGE_CHOICES
    )
    read_through: ReadThrough | None = None
