"""A record on its way into the registry: Source fields plus what we propose and why."""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from evidence.models import Source, normalize_doi, normalize_pmcid, normalize_pmid

MAX_AUTHORS_CHARS = Source._meta.get_field("authors").max_length
MAX_TITLE_CHARS = Source._meta.get_field("title").max_length
MAX_JOURNAL_CHARS = Source._meta.get_field("journal").max_length
MAX_URL_CHARS = Source._meta.get_field("url").max_length


@dataclass
class Proposal:
    value: str
    reason: str


@dataclass
class Notice:
    """One correction, expression of concern or retraction a registry reports."""

    status: str  # a Source.Integrity value
    text: str


@dataclass
class Record:
    title: str = ""
    authors: str = ""
    journal: str = ""
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str = ""
    url: str = ""
    design: Proposal | None = None
    population: Proposal | None = None
    notes: list = field(default_factory=list)  # what the editor should know (a dropped URL…)
    notices: list = field(default_factory=list)  # integrity notices found while fetching
    origin: str = ""  # where it came from: "DOI 10.1/x", "record 3 (line 12)"

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        for name in ("design", "population"):
            data[name] = Proposal(**data[name]) if data.get(name) else None
        data["notices"] = [Notice(**n) for n in data.get("notices", [])]
        return cls(**data)

    def clean(self):
        """Normalise in place; return the reason this record cannot be imported, or ''."""
        self.title = clean_text(self.title)[:MAX_TITLE_CHARS]
        self.journal = clean_text(self.journal)[:MAX_JOURNAL_CHARS]
        self.authors = truncate_authors(clean_text(self.authors))
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        self.pmcid = normalize_pmcid(self.pmcid)
        self.url = self._safe_url(self.url)
        if not self.title:
            return _("The record has no title.")
        probe = Source(**self.source_fields(), design=Source.Design.EXPERT_OPINION)
        errors = probe._identifier_errors()
        if errors:
            return " ".join(str(message) for message in errors.values())
        try:
            probe.clean_fields()
        except ValidationError as error:
            return " ".join(error.messages)
        if self.year is not None and not 1500 <= self.year <= 2200:
            return _("The year %(year)s is not a publication year.") % {"year": self.year}
        return ""

    def _safe_url(self, url):
        url = (url or "").strip()
        if not url:
            return ""
        parts = urlsplit(url)
        if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
            self.notes.append(
                _("The link “%(url)s” was dropped: only http and https links are kept.")
                % {"url": url[:80]}
            )
            return ""
        if len(url) > MAX_URL_CHARS:
            self.notes.append(_("The link was dropped: it is longer than 500 characters."))
            return ""
        return url

    def source_fields(self):
        return {
            "title": self.title,
            "authors": self.authors,
            "journal": self.journal,
            "year": self.year,
            "doi": self.doi,
            "pmid": self.pmid,
            "pmcid": self.pmcid,
            "url": self.url,
        }

    def worst_notice(self):
        ranked = sorted(self.notices, key=lambda n: SEVERITY[n.status], reverse=True)
        return ranked[0] if ranked else None


SEVERITY = {
    Source.Integrity.NONE: 0,
    Source.Integrity.CORRECTION: 1,
    Source.Integrity.CONCERN: 2,
    Source.Integrity.RETRACTED: 3,
}


def clean_text(value):
    """Markup-free text on one line: registries send JATS tags and hard line breaks."""
    return " ".join(strip_tags(str(value or "")).split())


def truncate_authors(authors):
    if len(authors) <= MAX_AUTHORS_CHARS:
        return authors
    cut = authors[: MAX_AUTHORS_CHARS - len(", et al.")].rsplit(",", 1)[0]
    return f"{cut}, et al."


def format_authors(names):
    """'Jansen A, de Vries B' from (family, given) pairs, as the registry shows them."""
    return ", ".join(filter(None, (_vancouver(family, given) for family, given in names)))


def _vancouver(family, given):
    family, given = clean_text(family), clean_text(given)
    initials = "".join(part[0].upper() for part in re.split(r"[\s.\-]+", given) if part)
    return f"{family} {initials}".strip() if family else given


def normalized_title(title):
    """Equal for titles that differ only in case, accents, punctuation or spacing."""
    text = unicodedata.normalize("NFKD", clean_text(title)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def year_from(value):
    match = re.search(r"\b(1[5-9]\d\d|2[01]\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None
