"""Retractions and expressions of concern: who is affected and how bad it is.

A change of a source's integrity status takes effect everywhere at once: the
gate reads the status live (drafts citing a retracted source stop being
ready), published articles citing it are flagged in the admin and get a live
notice on their page (their stored snapshot is never altered). Source.set_integrity
records the change and announces it (evidence.signals.integrity_changed); blog
emails the editors and writes the audit entries.
"""

from django.db.models import Q

from evidence.articles import articles_citing
from evidence.models import Source

# Statuses that put an article on the editors' desk.
FLAGGED = (Source.Integrity.RETRACTED, Source.Integrity.CONCERN)


def articles_citing_status(status):
    return articles_citing(Source.objects.filter(integrity_status=status))


def live_citation_filter(status):
    """Q for articles whose working copy cites a source with this status (for admin filters)."""
    return Q(pk__in=articles_citing_status(status).values("pk"))


def live_status(source_ids):
    """The worst integrity status among these sources, with one query; '' when none is flagged."""
    if not source_ids:
        return ""
    statuses = set(
        Source.objects.filter(pk__in=source_ids, integrity_status__in=FLAGGED).values_list(
            "integrity_status", flat=True
        )
    )
    for status in FLAGGED:
        if status in statuses:
            return status
    return ""
