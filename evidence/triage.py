"""What an editor does with a linter finding, as far as the evidence goes: the finding, the
Dismissal (not a claim, or wording waived) and the Claim a sentence becomes.

These are parts of an edit of the article, which blog.workflow.triage makes: it
locks the article, calls these, saves, records the revision (a medical approval
vouches for dismissals and waivers too) and writes the audit entry. Each step
refuses with a ValidationError that says what to do. A step names its finding by
category and sentence hash, and checks it against the body as stored now, so a
stale admin page can never dismiss or mark a sentence that has changed since.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

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


def dismiss(article, *, category, sentence_hash, reason, note="", by):
    """'Not a health claim': the finding stays dismissed while the sentence stays the same."""
    finding = open_finding(article, category=category, sentence_hash=sentence_hash)
    return _decide(article, finding, reason=reason, note=note, by=by)


def waive(article, *, category, sentence_hash, note, by):
    """Accept wording the linter blocks (forbidden, overstated, non-human), with a reason."""
    finding = open_finding(article, category=category, sentence_hash=sentence_hash)
    return _decide(article, finding, reason=Dismissal.Reason.WAIVER, note=note, by=by)


def _decide(article, finding, *, reason, note, by):
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
    return dismissal


def mark_as_claim(article, *, category, sentence_hash, seen_body_hash=None):
    """Create the sentence's Claim and put its marker in article.body; returns (claim, finding).

    The article is not saved: the caller saves it, with the revision it makes.
    seen_body_hash: the body's hash as the editor's page showed it; when the
    stored body has changed since, the step is refused so nobody's text is lost.
    """
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
    return claim, finding


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
