"""An article's evidence, loaded once with a fixed number of queries.

The gate (readiness), the public rendering (publication) and the admin panels
all read the same ArticleEvidence, so they can never disagree about a claim's
grade or which disclaimers are required. Loading costs four queries whatever
the number of claims or citations, plus two for the linter's stored reading
and the editors' dismissals; load it once per request and pass it on (the
article change page does, see blog.admin.panels).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Prefetch

from evidence import linting
from evidence.disclaimers import Requirement, active_rules, required_disclaimers
from evidence.markers import malformed_markers, marker_keys
from evidence.models import ArticleDisclaimer, Citation, Claim


@dataclass
class GradedClaim:
    claim: Claim
    grade: str

    @property
    def key(self):
        return self.claim.key

    @property
    def citations(self):
        return self.claim.citations.all()

    @property
    def is_covered(self):
        return self.claim.is_covered(self.grade)


@dataclass
class ArticleEvidence:
    article: object
    claims: list[GradedClaim]
    marked_keys: list[str]
    malformed_markers: list[str]
    requirements: list[Requirement]
    attachments: list[ArticleDisclaimer]
    lint_result: object = None
    dismissals: list = ()
    # What checks and panels derived from this evidence (see remember()).
    memo: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, article, *, claims=None, attachments=None):
        """claims, attachments: the article's rows when the caller read them already (claims
        with citations and sources prefetched, attachments with their disclaimer)."""
        claims = [GradedClaim(c, c.grade) for c in (_claims(article) if claims is None else claims)]
        marked = marker_keys(article.body)
        order = {key: index for index, key in enumerate(marked)}
        claims.sort(key=lambda g: (order.get(g.key, len(order)), g.claim.pk))
        graded = [(g.claim, g.grade) for g in claims]
        if attachments is None:
            attachments = _attachments(article)
        lint_result, dismissals = linting.load(article)
        return cls(
            article=article,
            claims=claims,
            marked_keys=marked,
            malformed_markers=malformed_markers(article.body),
            requirements=required_disclaimers(article, graded, active_rules()),
            attachments=list(attachments),
            lint_result=lint_result,
            dismissals=dismissals,
        )

    def remember(self, key, compute):
        """compute() once per loaded evidence: the gate and the admin panels share results."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def lint_rows(self):
        """The linter's findings for the body as it is now, each with its dismissal if any."""
        levels = {g.key: g.grade for g in self.claims}
        analysis = linting.analysis_for(self.article, self.lint_result)
        return linting.rows(self.article, analysis, levels, self.dismissals)

    @property
    def claims_by_key(self):
        return {g.key: g for g in self.claims}

    @property
    def attached_ids(self):
        return {a.disclaimer_id for a in self.attachments}

    @property
    def missing_disclaimers(self):
        return [r for r in self.requirements if r.disclaimer.pk not in self.attached_ids]

    def shown_disclaimers(self):
        """(disclaimer, reasons, required) for every disclaimer readers see, required first."""
        required = {r.disclaimer.pk: r for r in self.requirements}
        shown = [(r.disclaimer, r.reasons, True) for r in self.requirements]
        for attachment in self.attachments:
            if attachment.disclaimer_id not in required:
                note = [attachment.note] if attachment.note else []
                shown.append((attachment.disclaimer, note, False))
        return shown

    def cited_sources(self):
        """Every source cited by any claim, once, in the order first cited."""
        sources = {}
        for graded in self.claims:
            for citation in graded.citations:
                sources.setdefault(citation.source_id, citation.source)
        return list(sources.values())


def _claims(article):
    if not article.pk:
        return []
    citations = Citation.objects.select_related("source").order_by("id")
    return list(
        Claim.objects.filter(article=article)
        .prefetch_related(Prefetch("citations", queryset=citations))
        .order_by("id")
    )


def _attachments(article):
    if not article.pk:
        return []
    return list(ArticleDisclaimer.objects.filter(article=article).select_related("disclaimer"))


@transaction.atomic
def attach_required(article, *, by=None):
    """Attach every required disclaimer that is missing; returns the new attachments."""
    evidence = ArticleEvidence.load(article)
    attached = []
    for requirement in evidence.missing_disclaimers:
        attachment, created = ArticleDisclaimer.objects.get_or_create(
            article=article,
            disclaimer=requirement.disclaimer,
            defaults={
                "added_by": by if getattr(by, "pk", None) else None,
                "note": "; ".join(requirement.reasons)[:300],
            },
        )
        if created:
            attached.append(attachment)
    return attached
