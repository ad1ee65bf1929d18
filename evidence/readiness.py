"""The gate: readiness(article) -> list[Problem]; an empty list means ready."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from evidence.markers import marker_keys


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    claim_key: str = ""

    def __str__(self):
        return self.message


def readiness(article):
    claims = {claim.key: claim for claim in article.claims.prefetch_related("citations__source")}
    marked = marker_keys(article.body)
    problems = []
    for key in marked:
        if key not in claims:
            problems.append(Problem(
                "unknown_marker",
                _("De markering [[claim:%(key)s]] verwijst naar geen claim; maak de claim aan "
                  "of corrigeer de markering.") % {"key": key},
                key,
            ))
    for key, claim in claims.items():
        if key not in marked:
            problems.append(Problem(
                "unmarked_claim",
                _("Claim '%(key)s' staat nergens in de tekst; zet [[claim:%(key)s]] waar de "
                  "bewering staat.") % {"key": key},
                key,
            ))
    return problems
