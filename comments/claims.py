"""Reader submissions pass the same claim linter as articles.

A reader's "dit geneest je acne" is exactly what the site may not publish
about a food or supplement, so cure, treatment and prevention wording holds a
submission with that reason (Flag.CURE_CLAIM) for the moderator to read first.
Ordinary experiences ("kefir hielp mij") are what the experience form is for
and raise nothing.
"""

from comments.models import Flag
from evidence import linter


def add_claim_signals(comment, result):
    """Add a CURE_CLAIM signal, with the sentence, for each sentence with cure wording."""
    language = comment.article.language if comment.article_id else "nl"
    for field in (comment.body, comment.tried, comment.condition):
        for finding in linter.lint(field or "", language):
            if finding.category == linter.FORBIDDEN:
                result.add(Flag.CURE_CLAIM, " ".join(finding.sentence.split()))
