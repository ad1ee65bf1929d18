"""The review-due dashboard: what needs a medical or evidence re-check, and why."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from blog.models import Article
from evidence.models import Citation, Claim, Source

FLAGGED = (Source.Integrity.RETRACTED, Source.Integrity.CORRECTION, Source.Integrity.CONCERN)


def warning_days():
    return settings.GUTCHECK.get("REVIEW_DUE_WARNING_DAYS", 60)


def stale_evidence_years():
    return settings.GUTCHECK.get("STALE_EVIDENCE_YEARS", 5)


def _current():
    """Articles that readers see or will see: withdrawn ones need no re-check."""
    return Article.objects.exclude(status=Article.Status.WITHDRAWN)


@dataclass
class DueArticle:
    article: Article
    days_left: int

    @property
    def days_late(self):
        return max(0, -self.days_left)


def review_due(today=None):
    """Articles past or within the warning window of their review date, soonest first."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=warning_days())
    rows = _current().filter(review_due__lte=limit).order_by("review_due", "title")
    return [DueArticle(article, (article.review_due - today).days) for article in rows]


def never_reviewed():
    """Published articles without a review date (published before review was required)."""
    return _current().filter(status=Article.Status.PUBLISHED, review_due__isnull=True)


@dataclass
class FlaggedArticle:
    article: Article
    citations: list = field(default_factory=list)


def citing_flagged_sources():
    """Articles citing a retracted, corrected or concerned source, with the citations involved."""
    citations = (
        Citation.objects.filter(source__integrity_status__in=FLAGGED)
        .exclude(claim__article__status=Article.Status.WITHDRAWN)
        .select_related("source", "claim__article")
        .order_by("claim__article__title", "claim__key")
    )
    grouped = {}
    for citation in citations:
        article = citation.claim.article
        grouped.setdefault(article.pk, FlaggedArticle(article)).citations.append(citation)
    return list(grouped.values())


def stale_claims(today=None):
    """Claims whose newest cited source is older than the configured number of years."""
    today = today or timezone.localdate()
    cutoff = today.year - stale_evidence_years()
    return (
        Claim.objects.exclude(category=Claim.Category.OPINION)
        .exclude(article__status=Article.Status.WITHDRAWN)
        .annotate(newest_year=Max("citations__source__year"))
        .filter(newest_year__lt=cutoff)
        .select_related("article")
        .order_by("newest_year", "article__title")
    )


def overview(today=None):
    today = today or timezone.localdate()
    return {
        "today": today,
        "warning_days": warning_days(),
        "stale_years": stale_evidence_years(),
        "due": review_due(today),
        "never_reviewed": never_reviewed(),
        "flagged": citing_flagged_sources(),
        "stale_claims": stale_claims(today),
    }
