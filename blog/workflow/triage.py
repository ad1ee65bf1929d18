"""An editor's answer to a linter finding, as an edit of the article.

The one implementation the admin buttons, the demo and the tests call. Each step
locks the article, lets evidence.triage decide the finding, records a revision
(a medical approval vouches for dismissals and waivers too, so one made after the
approval asks for a new review) and writes the audit entry.
"""

from django.db import transaction

import audit
from blog.models import Article
from blog.workflow import revisions
from evidence import triage as findings


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def dismiss(article, *, category, sentence_hash, reason, note="", by):
    """'Not a health claim' (see evidence.triage.dismiss)."""
    article = _locked(article)
    dismissal = findings.dismiss(
        article, category=category, sentence_hash=sentence_hash, reason=reason, note=note, by=by
    )
    return _recorded(article, dismissal, "lint_dismiss", by)


@transaction.atomic
def waive(article, *, category, sentence_hash, note, by):
    """Accept wording the linter blocks, with a reason (see evidence.triage.waive)."""
    article = _locked(article)
    dismissal = findings.waive(
        article, category=category, sentence_hash=sentence_hash, note=note, by=by
    )
    return _recorded(article, dismissal, "lint_waive", by)


def _recorded(article, dismissal, action, by):
    revisions.record_revision(article, by=by)
    audit.record(
        action,
        actor=by,
        obj=dismissal,
        article=article,
        reason=dismissal.note,
        data={
            "category": dismissal.category,
            "sentence": dismissal.sentence,
            "reason": dismissal.reason,
        },
    )
    return dismissal


@transaction.atomic
def revoke(dismissal, *, by):
    """Undo a dismissal or waiver: the finding blocks again."""
    audit.record(
        "lint_revoke",
        actor=by,
        obj=dismissal,
        article=dismissal.article,
        data={"category": dismissal.category, "sentence": dismissal.sentence},
    )
    dismissal.delete()
    revisions.record_revision(dismissal.article, by=by)


@transaction.atomic
def mark_as_claim(article, *, category, sentence_hash, by, seen_body_hash=None):
    """Insert a marker at the sentence, create its Claim, save, and record one revision."""
    article = _locked(article)
    claim, finding = findings.mark_as_claim(
        article, category=category, sentence_hash=sentence_hash, seen_body_hash=seen_body_hash
    )
    article.save()
    revision = revisions.record_revision(article, by=by)
    audit.record(
        "lint_mark_claim",
        actor=by,
        obj=claim,
        article=article,
        data={"sentence": finding.sentence, "key": claim.key, "revision": revision.number},
    )
    return claim
