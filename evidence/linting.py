"""The linter's findings for an article: stored when the body is saved, read by the gate.

store() runs when Article.save() writes the body. The gate and the admin panel
read the stored analysis (one query) and combine it with the claims' current
levels; only when the stored analysis no longer matches the body or the
lexicon (a body changed with QuerySet.update(), a new lexicon) is the text
linted again, in memory, so the gate never judges an outdated reading.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from evidence import lexicon, linter
from evidence.models import Dismissal, LintResult


def body_hash(body):
    return hashlib.sha256((body or "").encode()).hexdigest()


def store(article):
    """Lint the article's body and store the result, unless the stored one is still current."""
    existing = LintResult.objects.filter(article=article).first()
    if is_current(existing, article):
        return analysis_for(article, existing)
    analysis = linter.analyse(article.body or "", article.language)
    LintResult.objects.update_or_create(
        article=article,
        defaults={
            "body_hash": body_hash(article.body),
            "language": analysis.language,
            "lexicon_version": analysis.lexicon_version,
            "sentences": analysis.to_json(),
        },
    )
    return analysis


def is_current(result, article):
    return (
        result is not None
        and result.body_hash == body_hash(article.body)
        and result.language == article.language
        and result.lexicon_version == lexicon.version(article.language)
    )


def analysis_for(article, result=None):
    """The stored analysis when it matches the body and lexicon, otherwise a fresh one."""
    if is_current(result, article):
        return linter.Analysis.from_json(result.language, result.lexicon_version, result.sentences)
    return linter.analyse(article.body or "", article.language)


@dataclass(frozen=True)
class Row:
    """One finding with the editor's decision about it, if any."""

    finding: linter.Finding
    decision: Dismissal | None

    @property
    def is_open(self):
        return self.decision is None

    @property
    def blocks(self):
        return self.finding.blocking and self.is_open


def rows(article, analysis, levels, dismissals):
    """Every finding in the body, each with its dismissal or waiver."""
    decided = {(d.category, d.sentence_hash): d for d in dismissals}
    return [
        Row(finding, decided.get((finding.category, finding.sentence_hash)))
        for finding in linter.findings(article.body or "", analysis, levels)
    ]


def _stored_result(article):
    """The article's LintResult; without a query when it was loaded with
    select_related("lint_result") (the article change page does)."""
    if type(article).lint_result.is_cached(article):
        try:
            return article.lint_result
        except ObjectDoesNotExist:
            return None
    return LintResult.objects.filter(article=article).first()


def load(article):
    """(stored LintResult or None, list of dismissals) in two queries."""
    if not article.pk:
        return None, []
    result = _stored_result(article)
    dismissals = list(Dismissal.objects.filter(article=article).select_related("created_by"))
    return result, dismissals
