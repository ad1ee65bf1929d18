"""What an editor does with a linter finding: mark it as a claim, dismiss it, or waive it.

Every step here is the one implementation the admin buttons, commands, the demo
and the tests call. Dismissals and waivers are part of what a medical approval
vouches for (blog.workflow.revisions.content_hash_of), so each one records a
revision, and one made after the approval asks for a new review. Each refuses with a ValidationError that says what to do,
and each writes an audit entry. A step names its finding by category and
sentence hash, and checks it against the body as stored now, so a stale admin
page can never dismiss or mark a sentence that has changed since.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

import audit
from blog.models import Article
from blog.workflow import revisions
from evidence import linter, linting
from evidence.assessment import ArticleEvidence
from evidence.markers import marker_for
from evidence.models import Claim, Dismissal

# Punctuation and closing emphasis a marker goes before: "… verminderen [[claim:x]]."
# Not ")" or "]": a sentence may end in a link, and the marker must not land in its address.
SENTENCE_END = ".!?…:;\"'”’»*_ "
KEY_WORDS = 5


def open_finding(article, *, category, sentence_hash, evidence=None):
    """The open finding with this category and sentence in the article as it is now."""
    evidence = evidence or ArticleEvidence.load(article)
    for row in evidence.lint_rows:
        finding = row.finding
        if finding.category == category and finding.sentence_hash == sentence_hash:
            if not row.is_open:
                raise ValidationError(_("This finding has already been dealt with."))
            return finding
    raise ValidationError(
        _(
            "This sentence is no longer in the text as it was (it has been edited or removed); look at the current findings."
        )
    )


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def dismiss(article, *, category, sentence_hash, reason, note="", by):
    """'Not a health claim': the finding stays dismissed while the sentence stays the same."""
    article = _locked(article)
    finding = open_finding(article, category=category, sentence_hash=sentence_hash)
    return _decide(article, finding, reason=reason, note=note, by=by, action="lint_dismiss")


@transaction.atomic
def waive(article, *, category, sentence_hash, note, by):
    """Accept wording the linter blocks (forbidden, overstated, non-human), with a reason."""
    article = _locked(article)
    finding = open_finding(article, category=category, sentence_hash=sentence_hash)
    return _decide(
        article, finding, reason=Dismissal.Reason.WAIVER, note=note, by=by, action="lint_waive"
    )


def _decide(article, finding, *, reason, note, by, action):
    dismissal = Dismissal(
        article=article,
        category=finding.category,
        sentence_hash=finding.sentence_hash,
        sentence=finding.sentence,
        reason=reason or "",
        note=(note or "").strip(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    dismissal.full_clean(exclude=["article", "created_by"], validate_unique=False)
    try:
        with transaction.atomic():
            dismissal.save()
    except IntegrityError as clash:  # decided a moment ago in another request
        raise ValidationError(_("This finding has already been dealt with.")) from clash
    # The medical review vouches for these decisions too: a new one needs a new review.
    revisions.record_revision(article, by=by)
    audit.record(
        action,
        actor=by,
        obj=dismissal,
        article=article,
        reason=dismissal.note,
        data={
            "category": finding.category,
            "sentence": finding.sentence,
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
    """Insert a marker at the sentence, create its Claim, and record a revision.

    seen_body_hash: the body's hash as the editor's page showed it; when the
    stored body has changed since, the step is refused so nobody's text is lost.
    """
    article = _locked(article)
    if seen_body_hash and seen_body_hash != linting.body_hash(article.body):
        raise ValidationError(
            _(
                "The text has been saved by someone else since you opened the page; reload it and try again."
            )
        )
    finding = open_finding(article, category=category, sentence_hash=sentence_hash)
    if finding.category not in linter.DISMISSABLE:
        raise ValidationError(_("Only an unmarked claim or an appeal to research can be marked."))
    claim = Claim(
        article=article,
        key=_new_key(article, finding.sentence),
        statement=_statement(finding.sentence),
        category=finding.proposed_category or Claim.Category.EFFICACY,
    )
    claim.full_clean()
    claim.save()
    article.body = insert_marker(article.body, finding.end, claim.key)
    article._skip_revision = True  # recorded below, once the claim exists
    article.save()
    article._skip_revision = False
    revision = revisions.record_revision(article, by=by)
    audit.record(
        "lint_mark_claim",
        actor=by,
        obj=claim,
        article=article,
        data={"sentence": finding.sentence, "key": claim.key, "revision": revision.number},
    )
    return claim


def insert_marker(body, sentence_end, key):
    """The body with [[claim:key]] placed before the sentence's closing punctuation."""
    position = sentence_end
    while position > 0 and body[position - 1] in SENTENCE_END:
        position -= 1
    return f"{body[:position]} {marker_for(key)}{body[position:]}"


def _statement(sentence):
    text = linter.plain(sentence)
    return text if len(text) <= 500 else text[:499] + "…"


def _new_key(article, sentence):
    words = [w for w in slugify(_statement(sentence)).split("-") if len(w) > 3][:KEY_WORDS]
    base = "-".join(words)[:50].strip("-") or "claim"
    taken = set(article.claims.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def review_rows(article, evidence=None):
    """Every dismissal and waiver of the article, for the medical reviewer, with whether the
    sentence is still in the text."""
    evidence = evidence or ArticleEvidence.load(article)
    present = {(r.finding.category, r.finding.sentence_hash) for r in evidence.lint_rows}
    return [
        {"dismissal": d, "in_text": (d.category, d.sentence_hash) in present}
        for d in evidence.dismissals
    ]
