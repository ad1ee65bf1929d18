"""The gate: readiness(article) -> list[Problem]; an empty list means ready.

readiness() runs every function in CHECKS over one ArticleEvidence (loaded
with a fixed number of queries). A check takes that ArticleEvidence and yields
Problems. Other apps add a check with @register_check, e.g. the medical review
check in blog; they need nothing from evidence but this module.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from evidence import affiliates, certainty, linter
from evidence.assessment import ArticleEvidence
from evidence.certainty import Grade
from evidence.markers import marker_for


@dataclass(frozen=True)
class Problem:
    """One reason an article may not go public, with what to do and where to do it."""

    code: str
    message: str
    claim_key: str = ""
    admin_url: str = ""

    def __str__(self):
        return self.message


CHECKS = []


def register_check(check):
    """Add a check to the gate (usable as a decorator); registering twice is harmless."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def readiness(article, evidence=None):
    evidence = evidence or ArticleEvidence.load(article)
    return [problem for check in CHECKS for problem in check(evidence)]


def article_admin_url(article, anchor=""):
    if not article.pk:
        return ""
    return reverse("admin:blog_article_change", args=[article.pk]) + anchor


@register_check
def malformed_markers(evidence):
    for snippet in evidence.malformed_markers:
        yield Problem(
            "malformed_marker",
            _(
                "The marker “%(snippet)s” is invalid; write [[claim:sleutel]] using only lowercase letters, digits and hyphens."
            )
            % {"snippet": snippet},
            admin_url=article_admin_url(evidence.article, "#id_body"),
        )


@register_check
def unknown_markers(evidence):
    claims = evidence.claims_by_key
    for key in evidence.marked_keys:
        if key not in claims:
            yield Problem(
                "unknown_marker",
                _(
                    "The marker %(marker)s does not refer to any claim; create the claim '%(key)s' or correct the marker."
                )
                % {"marker": marker_for(key), "key": key},
                key,
                article_admin_url(evidence.article, "#claims-group"),
            )


@register_check
def unmarked_claims(evidence):
    marked = set(evidence.marked_keys)
    for graded in evidence.claims:
        if graded.key not in marked:
            yield Problem(
                "unmarked_claim",
                _(
                    "Claim '%(key)s' does not appear anywhere in the text; place %(marker)s where the statement is, or delete the claim."
                )
                % {"key": graded.key, "marker": marker_for(graded.key)},
                graded.key,
                article_admin_url(evidence.article, "#id_body"),
            )


@register_check
def unsupported_claims(evidence):
    for graded in evidence.claims:
        if not graded.claim.is_opinion and graded.grade == Grade.NONE:
            yield Problem(
                "unsupported_claim",
                _(
                    "Claim '%(key)s' has no usable supporting source; add a citation with the role 'supports', or make it an opinion/speculation."
                )
                % {"key": graded.key},
                graded.key,
                graded.claim.get_admin_url(),
            )


@register_check
def efficacy_on_non_human_evidence(evidence):
    for graded in evidence.claims:
        if graded.claim.category == graded.claim.Category.EFFICACY and (
            graded.grade == Grade.NO_HUMAN
        ):
            yield Problem(
                "efficacy_non_human",
                _(
                    "Claim '%(key)s' is about efficacy in humans but relies only on animal or laboratory research; add research in humans or choose the category 'mechanism of action'."
                )
                % {"key": graded.key},
                graded.key,
                graded.claim.get_admin_url(),
            )


@register_check
def retracted_sources(evidence):
    for graded in evidence.claims:
        for citation in graded.citations:
            if citation.source.is_retracted:
                yield Problem(
                    "retracted_source",
                    _(
                        "Claim '%(key)s' cites “%(source)s”, which has been retracted; remove that citation and support the claim with other research."
                    )
                    % {"key": graded.key, "source": citation.source},
                    graded.key,
                    graded.claim.get_admin_url(),
                )


@register_check
def unacknowledged_concerns(evidence):
    for graded in evidence.claims:
        for citation in graded.citations:
            if citation.source.has_concern and not citation.concern_acknowledged:
                yield Problem(
                    "source_concern",
                    _(
                        "An expression of concern has been published about “%(source)s” (claim '%(key)s'); verify that the claim still holds and check 'expression of concern checked'."
                    )
                    % {"key": graded.key, "source": citation.source},
                    graded.key,
                    graded.claim.get_admin_url(),
                )


@register_check
def invalid_overrides(evidence):
    for graded in evidence.claims:
        for citation in graded.citations:
            errors = citation.override_errors()
            if errors:
                yield Problem(
                    "invalid_override",
                    _(
                        "The level adjustment for claim '%(key)s' (source “%(source)s”) does not count: %(why)s"
                    )
                    % {
                        "key": graded.key,
                        "source": citation.source,
                        "why": " ".join(str(e) for e in errors.values()),
                    },
                    graded.key,
                    graded.claim.get_admin_url(),
                )


@register_check
def missing_disclaimers(evidence):
    for requirement in evidence.missing_disclaimers:
        yield Problem(
            "missing_disclaimer",
            _(
                "The required disclaimer “%(title)s” is missing (%(why)s); click 'Add all required disclaimers'."
            )
            % {"title": requirement.disclaimer.title, "why": "; ".join(requirement.reasons)},
            admin_url=article_admin_url(evidence.article, "#attached_disclaimers-group"),
        )


@register_check
def undeclared_affiliate_links(evidence):
    article = evidence.article
    if not article.commercial_interest and affiliates.count_links(article.body_html):
        yield Problem(
            "undeclared_affiliate",
            _(
                "The text contains affiliate links but 'commercial interest' is off; turn it on so readers see the notice."
            ),
            admin_url=article_admin_url(article, "#id_commercial_interest"),
        )


@register_check
def open_linter_findings(evidence):
    """The gate sees what the linter sees: every open blocking finding is a problem."""
    url = article_admin_url(evidence.article, "#linter")
    for row in evidence.lint_rows:
        if row.blocks:
            finding = row.finding
            yield Problem(
                f"lint_{finding.category}",
                LINT_MESSAGES[finding.category](finding),
                finding.claim_key,
                url,
            )


def _quoted(finding):
    text = " ".join(finding.sentence.split())
    return text if len(text) <= 140 else text[:137] + "…"


LINT_MESSAGES = {
    linter.UNCITED: lambda f: (
        _(
            "The sentence “%(sentence)s” reads as a health claim but has no claim marker; in the linter panel choose 'Mark as claim' and cite a source, or 'Not a health claim' with the reason."
        )
        % {"sentence": _quoted(f)}
    ),
    linter.RESEARCH: lambda f: (
        _(
            "The sentence “%(sentence)s” appeals to research without a source; choose 'Mark as claim' in the linter panel and cite the study, or remove the appeal."
        )
        % {"sentence": _quoted(f)}
    ),
    linter.FORBIDDEN: lambda f: (
        _(
            "The sentence “%(sentence)s” uses cure, treatment or prevention wording (“%(words)s”) about a food, supplement, herb, diet or cosmetic; rephrase it, or record a waiver in the linter panel explaining why it is acceptable."
        )
        % {"sentence": _quoted(f), "words": f.match}
    ),
    linter.OVERSTATED: lambda f: (
        _(
            "The sentence “%(sentence)s” words claim '%(key)s' more strongly than its certainty (%(level)s) allows; write at most “%(wording)s”, or record a waiver in the linter panel."
        )
        % {
            "sentence": _quoted(f),
            "key": f.claim_key,
            "level": Grade(f.level).label,
            "wording": certainty.wording(f.level, f.language),
        }
    ),
    linter.NON_HUMAN: lambda f: (
        _(
            "The sentence “%(sentence)s” presents an animal or laboratory result as if it were shown in people; say where it was found, or record a waiver in the linter panel."
        )
        % {"sentence": _quoted(f)}
    ),
}
