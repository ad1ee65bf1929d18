"""Which disclaimers an article needs, and attaching them.

The rules decide what is required; an editor attaches it (or all of it at once
from the readiness panel), and the gate refuses an article that misses one.
"""

from dataclasses import dataclass, field

from django.db import transaction

from evidence.models import ArticleDisclaimer, Disclaimer, DisclaimerRule


@dataclass
class Requirement:
    disclaimer: Disclaimer
    reasons: list[str] = field(default_factory=list)


def active_rules():
    return list(DisclaimerRule.objects.filter(is_active=True).select_related("disclaimer"))


def required_disclaimers(article, graded_claims, rules):
    """[Requirement] for the article, one per disclaimer, with every reason it is required."""
    by_disclaimer = {}
    for rule in rules:
        reasons = rule.reasons_for(article, graded_claims)
        if reasons:
            requirement = by_disclaimer.setdefault(rule.disclaimer_id, Requirement(rule.disclaimer))
            requirement.reasons.extend(r for r in reasons if r not in requirement.reasons)
    # Readers see them in the order the kinds are declared: general advice first.
    kinds = list(Disclaimer.Kind.values)
    return sorted(
        by_disclaimer.values(), key=lambda r: (kinds.index(r.disclaimer.kind), r.disclaimer.pk)
    )


@transaction.atomic
def attach_required(article, *, by=None):
    """Attach every required disclaimer that is missing; returns the new attachments."""
    from evidence.assessment import ArticleEvidence

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
