"""A batch of records: the preview (new / duplicate / invalid) and saving what is confirmed.

The admin, `manage.py import_sources` and the tests all go through here:
`from_identifiers()` or `from_file()` build a Preview without writing
anything; `save()` creates the sources the editor confirmed, with the design
and population they chose, and records any retraction or correction found on
the way through the retraction flow (Source.set_integrity).
"""

from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from evidence.models import Source

from . import crossref, files, http, identifiers, pubmed
from .records import SEVERITY, Record, normalized_title

NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"


@dataclass
class Item:
    status: str
    record: Record
    reason: str = ""
    existing_id: int | None = None  # the stored source this one duplicates

    @property
    def identifiers(self):
        """[(label, value)] for the identifiers the record carries, for display."""
        found = [("DOI", self.record.doi), ("PMID", self.record.pmid), ("PMCID", self.record.pmcid)]
        return [(label, value) for label, value in found if value]


@dataclass
class Preview:
    label: str
    items: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # input that named no record at all

    def count(self, status):
        return sum(1 for item in self.items if item.status == status)

    @property
    def has_valid(self):
        return any(item.status != INVALID for item in self.items)

    def as_dict(self):
        return {
            "label": self.label,
            "problems": self.problems,
            "items": [{**vars(item), "record": item.record.as_dict()} for item in self.items],
        }

    @classmethod
    def from_dict(cls, data):
        items = [
            Item(**{**item, "record": Record.from_dict(item["record"])}) for item in data["items"]
        ]
        return cls(label=data["label"], items=items, problems=data["problems"])


def from_identifiers(text, *, progress=None):
    found, problems = identifiers.parse(text)
    label = _("%(count)d identifier(s)") % {"count": len(found)}
    return Preview(label, classify(fetch(found, progress)), problems)


def from_file(name, data):
    """Raises files.FileError when the file as a whole cannot be read."""
    return Preview(name, classify(files.parse_file(name, data)))


# Fetching --------------------------------------------------------------------


def fetch(found, progress=None):
    """[(record, reason)] for each identifier, in order; reason '' when fetched."""
    progress = progress or (lambda: None)
    results, pmids = [], {}
    with crossref.registry() as cr, pubmed.registry() as pm:
        for identifier in found:
            if identifier.kind == identifiers.DOI:
                record, reason = _fetch_doi(identifier.value, cr, pm)
            else:  # filled in below, with all PMIDs in one batch
                record, reason = Record(pmid=identifier.value, origin=str(identifier)), ""
            if record.pmid and not reason:
                pmids.setdefault(record.pmid, len(results))
            results.append((record, reason))
            progress()
        _add_pubmed(results, pmids, pm)
    return _repeat_known_pmids(results, pmids)


def _repeat_known_pmids(results, pmids):
    """A PMID pasted beside its DOI shows as a duplicate of that record, not as an empty one."""
    for index, (record, reason) in enumerate(results):
        first = pmids.get(record.pmid)
        if not record.title and not reason and first not in (None, index):
            results[index] = (replace(results[first][0], origin=record.origin), results[first][1])
    return results


def _fetch_doi(doi, cr, pm):
    try:
        record = crossref.record_from_work(crossref.fetch_work(doi, cr))
    except http.RegistryError as error:
        return Record(doi=doi, origin=f"DOI {doi}"), str(error)
    try:
        record.pmid = pubmed.search_doi(doi, pm)
    except http.RegistryError as error:
        record.notes.append(
            _("PubMed could not be asked (%(error)s); the proposals rest on Crossref alone.")
            % {"error": error}
        )
    return record, ""


def _add_pubmed(results, pmids, pm):
    """Fill in PubMed's summary, publication types, MeSH and notices, in batches."""
    for batch in pubmed.batches(pmids):
        try:
            summaries = pubmed.fetch_summaries(batch, pm)
            articles = pubmed.fetch_articles(batch, pm)
        except http.RegistryError as error:
            for pmid in batch:
                _pubmed_failed(results, pmids[pmid], error)
            continue
        for pmid in batch:
            index = pmids[pmid]
            results[index] = _merge(results[index][0], summaries[pmid], articles.get(pmid))


def _pubmed_failed(results, index, error):
    record, _reason = results[index]
    if record.doi and record.title:  # Crossref answered; PubMed only adds to it
        record.notes.append(str(error))
    else:
        results[index] = (record, str(error))


def _merge(record, summary, article):
    if isinstance(summary, http.RegistryError):
        if record.title:  # found through Crossref, PubMed lost it: keep Crossref's
            record.pmid = None
            return record, ""
        return record, str(summary)
    from_pubmed = pubmed.record_from(summary, article)
    if not record.title:
        return from_pubmed, ""
    record.pmcid = record.pmcid or from_pubmed.pmcid
    record.design, record.population = from_pubmed.design, from_pubmed.population
    record.notices += from_pubmed.notices
    return record, ""


# Classifying -----------------------------------------------------------------


def classify(parsed):
    """Items: invalid (with reason), duplicate (of a stored source or an earlier record), new."""
    items = []
    for record, reason in parsed:
        reason = reason or record.clean()
        items.append(Item(INVALID if reason else NEW, record, reason))
    _mark_duplicates([item for item in items if item.status == NEW])
    return items


def duplicate_keys(record):
    keys = []
    if record.doi:
        keys.append(("doi", record.doi))
    if record.pmid:
        keys.append(("pmid", record.pmid))
    keys.append(("title", normalized_title(record.title), record.year))
    return keys


def _mark_duplicates(items):
    stored = existing_sources([item.record for item in items])
    seen = {}
    for item in items:
        keys = duplicate_keys(item.record)
        match = next((stored[k] for k in keys if k in stored), None)
        earlier = next((seen[k] for k in keys if k in seen), None)
        if match:
            item.status, item.existing_id = DUPLICATE, match.pk
            item.reason = _("Already in the registry as “%(title)s”.") % {"title": match}
        elif earlier:
            item.status = DUPLICATE
            item.reason = _("The same source as %(origin)s in this import.") % {
                "origin": earlier.record.origin
            }
        for key in keys:
            seen.setdefault(key, item)


def existing_sources(records):
    """{duplicate key: Source} for stored sources sharing a DOI, PMID or title + year."""
    dois = {r.doi for r in records if r.doi}
    pmids = {r.pmid for r in records if r.pmid}
    years = {r.year for r in records}
    found = {}
    columns = ("pk", "title", "year", "doi", "pmid")
    for source in Source.objects.filter(doi__in=dois).only(*columns):
        found[("doi", source.doi)] = source
    for source in Source.objects.filter(pmid__in=pmids).only(*columns):
        found[("pmid", source.pmid)] = source
    same_year = Source.objects.filter(year__in=[y for y in years if y is not None])
    if None in years:
        same_year = same_year | Source.objects.filter(year__isnull=True)
    for source in same_year.only(*columns):
        found.setdefault(("title", normalized_title(source.title), source.year), source)
    return found


# Saving ----------------------------------------------------------------------


@dataclass
class Saved:
    created: list = field(default_factory=list)  # Source
    skipped: list = field(default_factory=list)  # (Item, reason)


def save(preview, choices, *, by=None, progress=None):
    """Create a source for each confirmed new item: choices = {index: (design, population)}."""
    saved = Saved()
    for index, item in enumerate(preview.items):
        if item.status == NEW and index in choices:
            _save_one(item, *choices[index], saved, by)
            if progress:
                progress()
    return saved


def proposed_choices(preview):
    """{index: (design, population)} as proposed, for every new item (the command line's --yes)."""
    return {
        index: (item.record.design.value, item.record.population.value)
        for index, item in enumerate(preview.items)
        if item.status == NEW
    }


def _save_one(item, design, population, saved, by):
    source = Source(**item.record.source_fields(), design=design, population=population)
    try:
        source.full_clean()
        with transaction.atomic():
            source.save()
            _record_notices(source, item.record, by)
    except ValidationError as error:
        saved.skipped.append((item, " ".join(error.messages)))
    except IntegrityError:  # someone stored the same DOI or PMID a moment ago
        saved.skipped.append((item, _("Another source with this DOI or PMID was just added.")))
    else:
        saved.created.append(source)


def _record_notices(source, record, by):
    worst = record.worst_notice()
    if worst and SEVERITY[worst.status] > 0:
        source.set_integrity(worst.status, notice_text(record.notices), by=by)


def notice_text(notices):
    ranked = sorted(notices, key=lambda n: SEVERITY[n.status], reverse=True)
    return "\n".join(dict.fromkeys(n.text for n in ranked))
