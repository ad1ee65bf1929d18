"""Claim coverage across the site: what the editors' overview reports.

Everything is computed from one pass over all claims (a fixed number of
queries), with the same grading rules the gate uses.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from evidence.articles import article_model
from evidence.certainty import Grade, Level
from evidence.models import Citation, Claim, Source

WEAK_LEVELS = {Level.LOW, Level.VERY_LOW}


@dataclass
class CoverageRow:
    label: str
    claims: int = 0
    covered: int = 0

    @property
    def uncovered(self):
        return self.claims - self.covered

    @property
    def percent(self):
        return round(100 * self.covered / self.claims) if self.claims else 100


@dataclass
class CoverageReport:
    total: CoverageRow
    per_topic: list[CoverageRow]
    per_tag: list[CoverageRow]
    uncovered_in_drafts: list[Claim] = field(default_factory=list)
    single_weak_source: list[Claim] = field(default_factory=list)
    mixed: list[Claim] = field(default_factory=list)
    citing_retracted: list = field(default_factory=list)


def coverage_report():
    claims = _claims()
    report = CoverageReport(
        total=CoverageRow(_("Entire site")),
        per_topic=[],
        per_tag=[],
        citing_retracted=list(
            article_model()
            .objects.exclude(status=_withdrawn())
            .filter(claims__citations__source__integrity_status=Source.Integrity.RETRACTED)
            .distinct()
            .order_by("title")
        ),
    )
    topics, tags = {}, {}
    public = set(article_model().objects.published().values_list("pk", flat=True))
    for claim in claims:
        grade = claim.grade
        covered = claim.is_covered(grade)
        _count(report.total, covered)
        topic = claim.article.topic.name if claim.article.topic_id else _("(no topic)")
        _count(topics.setdefault(topic, CoverageRow(topic)), covered)
        for tag in claim.article.tags.all():
            _count(tags.setdefault(tag.name, CoverageRow(tag.name)), covered)
        _classify(report, claim, grade, covered, public)
    report.per_topic = sorted(topics.values(), key=lambda row: (row.percent, row.label))
    report.per_tag = sorted(tags.values(), key=lambda row: (row.percent, row.label))
    return report


def _withdrawn():
    return article_model().Status.WITHDRAWN


def _claims():
    citations = Citation.objects.select_related("source").order_by("id")
    return list(
        Claim.objects.exclude(article__status=_withdrawn())
        .select_related("article", "article__topic")
        .prefetch_related(Prefetch("citations", queryset=citations), "article__tags")
        .order_by("article__title", "id")
    )


def _count(row, covered):
    row.claims += 1
    row.covered += int(covered)


def _classify(report, claim, grade, covered, public):
    if not covered and claim.article_id not in public:
        report.uncovered_in_drafts.append(claim)
    if grade == Grade.MIXED:
        report.mixed.append(claim)
    usable = [c for c in claim.supporting_citations() if c.effective_level]
    if not claim.is_opinion and len(usable) == 1 and usable[0].effective_level in WEAK_LEVELS:
        report.single_weak_source.append(claim)
