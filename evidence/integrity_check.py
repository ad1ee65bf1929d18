"""The nightly integrity check: re-fetch every cited DOI and PMID, record what changed.

Crossref's updated-by / update-to (the publisher's notices and Retraction
Watch's) and PubMed's publication types and comments/corrections links are
read for each cited source. A status the registries report that is worse than
the recorded one goes through the retraction flow (Source.set_integrity:
gate problems, public notice, editors' mail, audit entry). A milder report
never undoes what is recorded: an editor may have set it, so it is only listed.

Safe to run from several servers at once: a run claims each source by stamping
integrity_checked_at with a conditional UPDATE (only one run can move it past
the cut-off), and applies a change under a row lock, where set_integrity() sees a
status another run already recorded and does nothing twice. Service failures
(no network, rate limiting, 5xx) stop the run and release what it had not
checked, so the next run picks it up.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.importers import crossref, http, pubmed
from evidence.importers.batch import notice_text
from evidence.importers.records import SEVERITY
from evidence.models import Source

CHUNK = 100
DEFAULT_MIN_AGE = datetime.timedelta(hours=20)
SERVICE_DOWN = (http.Unreachable, http.RateLimited, http.ServiceError)


@dataclass
class Report:
    due: int = 0
    checked: int = 0
    changed: list = field(default_factory=list)  # (source, previous status, new status)
    kept: list = field(default_factory=list)  # (source, milder status the registries report)
    failed: list = field(default_factory=list)  # (source, reason)
    aborted: str = ""  # why the run stopped early


def due_sources(now, min_age=DEFAULT_MIN_AGE):
    """Cited sources with a DOI or PMID not checked since now - min_age."""
    cutoff = now - min_age
    return (
        Source.objects.filter(citations__isnull=False)
        .filter(Q(doi__isnull=False) | Q(pmid__isnull=False))
        .filter(Q(integrity_checked_at__isnull=True) | Q(integrity_checked_at__lt=cutoff))
        .distinct()
        .order_by("pk")
    )


def check_integrity(*, now=None, min_age=DEFAULT_MIN_AGE, dry_run=False, progress=None):
    run = _Run(now or timezone.now(), min_age, dry_run)
    pks = list(due_sources(run.now, min_age).values_list("pk", flat=True))
    run.report.due = len(pks)
    with crossref.registry() as cr, pubmed.registry() as pm:
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            try:
                run.check(run.claim(chunk), cr, pm)
            except SERVICE_DOWN as error:
                run.report.aborted = str(error)
                break
            finally:
                run.release_unchecked()
            if progress:
                progress(len(chunk))
    return run.report


class _Run:
    def __init__(self, now, min_age, dry_run):
        self.now, self.cutoff, self.dry_run = now, now - min_age, dry_run
        self.report = Report()
        self.claimed = {}  # pk → integrity_checked_at before this run stamped it

    def claim(self, pks):
        """The pks this run now owns; a source another run stamped first stays with it."""
        if self.dry_run:
            return pks
        previous = dict(Source.objects.filter(pk__in=pks).values_list("pk", "integrity_checked_at"))
        due = Q(integrity_checked_at__isnull=True) | Q(integrity_checked_at__lt=self.cutoff)
        for pk in pks:
            if Source.objects.filter(due, pk=pk).update(integrity_checked_at=self.now):
                self.claimed[pk] = previous.get(pk)
        return [pk for pk in pks if pk in self.claimed]

    def release_unchecked(self):
        """Give back what this run claimed but could not check, so the next run does it."""
        for pk, previous in self.claimed.items():
            Source.objects.filter(pk=pk, integrity_checked_at=self.now).update(
                integrity_checked_at=previous
            )
        self.claimed = {}

    def check(self, pks, cr, pm):
        sources = list(Source.objects.filter(pk__in=pks).order_by("pk"))
        found, failures = _notices(sources, cr, pm)
        for source in sources:
            if source.pk in failures:
                self.report.failed.append((source, failures[source.pk]))
                continue
            self.claimed.pop(source.pk, None)
            self.report.checked += 1
            self.apply(source, found.get(source.pk, []))

    def apply(self, source, notices):
        reported = max((n.status for n in notices), key=SEVERITY.get, default=Source.Integrity.NONE)
        if self.dry_run:
            self.compare(source, reported)
            return
        with transaction.atomic():
            fresh = Source.objects.select_for_update().get(pk=source.pk)
            if self.compare(fresh, reported):
                fresh.set_integrity(reported, notice_text(notices))

    def compare(self, source, reported):
        """True when the registries report something worse than what is recorded."""
        recorded = source.integrity_status
        if SEVERITY[reported] > SEVERITY[recorded]:
            self.report.changed.append((source, recorded, reported))
            return True
        if SEVERITY[reported] < SEVERITY[recorded]:
            self.report.kept.append((source, reported))
        return False


def _notices(sources, cr, pm):
    """({source pk: [Notice]}, {source pk: reason}) from Crossref and PubMed."""
    found, failures = {}, {}
    for source in sources:
        if source.doi:
            try:
                found[source.pk] = crossref.notices(crossref.fetch_work(source.doi, cr))
            except SERVICE_DOWN:
                raise
            except http.RegistryError as error:
                failures[source.pk] = str(error)
    by_pmid = {s.pmid: s for s in sources if s.pmid}
    for batch in pubmed.batches(by_pmid):
        try:
            articles = pubmed.fetch_articles(batch, pm)
        except SERVICE_DOWN:
            raise
        except http.RegistryError as error:
            failures.update({by_pmid[pmid].pk: str(error) for pmid in batch})
            continue
        for pmid in batch:
            pk = by_pmid[pmid].pk
            if pmid in articles:
                found.setdefault(pk, []).extend(pubmed.notices(articles[pmid]))
            else:
                failures.setdefault(
                    pk, _("PubMed has no record for PMID %(pmid)s.") % {"pmid": pmid}
                )
    return found, failures
