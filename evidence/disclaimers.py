"""Which disclaimers an article needs.

The rules decide what is required; an editor attaches it (or all of it at once
from the readiness panel: evidence.assessment.attach_required), and the gate
refuses an article that misses one.
"""

from dataclasses import dataclass, field

from evidence.models import Disclaimer, DisclaimerRule


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
