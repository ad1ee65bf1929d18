"""Medical review: submit, approve or request changes, and what the gate asks of it.

An approval vouches for one revision's fingerprint: everything readers see that an
editor writes (blog.workflow.fingerprint). Any later change to that makes it stale,
and the gate then asks for a new review, naming what changed.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from blog import publishing
from blog.models import Article, Review
from blog.workflow import diffs, notify, revisions
from blog.workflow.fingerprint import content_hash_of
from blog.workflow.revisions import current_revision, serialize

Decision = Review.Decision


def review_required():
    return settings.GUTCHECK.get("MEDICAL_REVIEW_REQUIRED", True)


@dataclass
class ReviewState:
    """Where an article's medical review stands now, loaded with one query."""

    decision: Review | None  # the newest approval or request for changes
    request: Review | None  # the newest request to review
    working: dict  # the working copy as revision data
    content_hash: str  # its fingerprint: what an approval must still match

    @classmethod
    def load(cls, article, claims=None, decisions=None, attachments=None):
        """claims (citations prefetched), decisions (dismissals and waivers of linter
        findings) and attachments (disclaimers): the article's rows, when the caller has them."""
        reviews = list(article.reviews.select_related("revision", "user")) if article.pk else []
        working = serialize(article, claims=claims, decisions=decisions, attachments=attachments)
        return cls(
            decision=next((r for r in reviews if r.decision != Decision.REQUESTED), None),
            request=next((r for r in reviews if r.decision == Decision.REQUESTED), None),
            working=working,
            content_hash=content_hash_of(working),
        )

    @classmethod
    def of(cls, evidence):
        """The state for a loaded ArticleEvidence, computed once however many ask."""
        claims = [graded.claim for graded in evidence.claims]
        return evidence.remember(
            "medical_review",
            lambda: cls.load(evidence.article, claims, evidence.dismissals, evidence.attachments),
        )

    def changed_parts(self):
        """What changed since the version of the newest decision, as editors name the parts."""
        if self.decision is None:
            return []
        return diffs.changed_part_labels(self.decision.revision.data, self.working)

    @property
    def approval(self):
        """The approval that still covers the body, claims, citations and linter decisions."""
        decision = self.decision
        if decision is None or decision.decision != Decision.APPROVED:
            return None
        return decision if decision.revision.content_hash == self.content_hash else None

    def problems(self):
        """The gate's review check: sentences saying what is missing, empty when covered."""
        if not review_required():
            return []
        decision = self.decision
        if decision is None:
            return [
                _(
                    "The medical review is missing; submit the article for review and have a medical reviewer approve this version."
                )
            ]
        if decision.decision == Decision.CHANGES_REQUESTED:
            return [
                _(
                    "The medical reviewer requested changes (%(comment)s); revise the article and submit it for review again."
                )
                % {"comment": decision.comment}
            ]
        if decision.revision.content_hash != self.content_hash:
            return [
                _(
                    "The medical review of version %(n)s is out of date; changed since the review: %(parts)s. Request a new review."
                )
                % {"n": decision.revision.number, "parts": _parts_text(self.changed_parts())}
            ]
        return []

    def is_own(self, article, user):
        """Authors and the editor who asked for the review may not judge it."""
        if any(author.user_id == user.pk for author in article.authors.all()):
            return True
        return self.request is not None and self.request.user_id == user.pk


def _parts_text(labels):
    # A fingerprint that differs while every part compares equal can only be a revision
    # stored with an older layout; say so plainly rather than name nothing.
    return ", ".join(str(label) for label in labels) or _("the content")


def waiting_for(user):
    """Articles whose newest review entry is a request, which this reviewer may judge.

    Oldest request first. Not the reviewer's own articles (as author, or as the one who
    asked for the review): those go to another reviewer.
    """
    requests = Review.objects.filter(article=OuterRef("pk"), decision=Decision.REQUESTED)
    newest = Review.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-id")
    return (
        Article.objects.exclude(status=Article.Status.WITHDRAWN)
        .annotate(
            newest_decision=Subquery(newest.values("decision")[:1]),
            requested_by=Subquery(requests.order_by("-created_at", "-id").values("user")[:1]),
            requested_at=Max("reviews__created_at", filter=Q(reviews__decision=Decision.REQUESTED)),
        )
        .filter(newest_decision=Decision.REQUESTED)
        .exclude(authors__user=user)
        .filter(Q(requested_by__isnull=True) | ~Q(requested_by=user.pk))
        .order_by("requested_at", "pk")
    )


def latest_decision(article):
    """The newest approval or request for changes (requests to review do not count)."""
    return (
        article.reviews.exclude(decision=Decision.REQUESTED)
        .select_related("revision", "user")
        .first()
    )


def latest_request(article):
    return article.reviews.filter(decision=Decision.REQUESTED).select_related("user").first()


def current_approval(article, claims=None, decisions=None):
    """The approval that still covers the article's body, claims, citations and linter
    decisions, or None."""
    return ReviewState.load(article, claims, decisions).approval


def review_problems(article, claims=None, decisions=None):
    """The gate's review check (see ReviewState.problems)."""
    return ReviewState.load(article, claims, decisions).problems()


def is_own_article(article, user):
    """Authors and the editor who asked for the review may not judge it."""
    return ReviewState.load(article).is_own(article, user)


@transaction.atomic
def submit(article, *, by, note=""):
    """Ask the medical reviewers to look at the article as it is now."""
    publishing.submit_for_review(article, by=by, note=note)
    revision = current_revision(article, by=by)
    Review.objects.create(
        article=article, revision=revision, decision=Decision.REQUESTED, user=by, comment=note
    )
    transaction.on_commit(lambda: _notify_reviewers(article, revision, by, note))
    return revision


def _notify_reviewers(article, revision, by, note):
    with notify.site_language():
        subject = _("For review: %(title)s") % {"title": article.title}
        body = _(
            "%(who)s asks you to medically review version %(n)s of “%(title)s”.\n\n%(note)s\n\nOpen: %(url)s"
        ) % {
            "who": _display_name(by),
            "n": revision.number,
            "title": article.title,
            "note": note,
            "url": notify.admin_url(article),
        }
    notify.send(subject, body, notify.reviewer_addresses())


def _check_reviewer(article, by):
    if not by.has_perm("blog.review_article"):
        raise ValidationError(_("Only medical reviewers can review an article."))
    if article.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn article is no longer reviewed."))
    if is_own_article(article, by):
        raise ValidationError(
            _(
                "You cannot review your own article: you are an author or you submitted it yourself. Ask another medical reviewer."
            )
        )


def _check_still_current(article, revision):
    if revision.article_id != article.pk:
        raise ValidationError(_("This version belongs to a different article."))
    current = current_revision(article)
    if revision.content_hash != current.content_hash:
        changed = diffs.changed_part_labels(revision.data, current.data)
        raise ValidationError(
            _(
                "You reviewed version %(seen)s, but it has changed since (now version %(now)s): %(parts)s. Review the changes and assess the new version."
            )
            % {"seen": revision.number, "now": current.number, "parts": _parts_text(changed)}
        )


@transaction.atomic
def approve(article, *, by, revision, comment=""):
    """Approve exactly this revision; refused when it is no longer the current content."""
    _check_reviewer(article, by)
    _check_still_current(article, revision)
    review = Review.objects.create(
        article=article, revision=revision, decision=Decision.APPROVED, user=by, comment=comment
    )
    valid_days = settings.GUTCHECK.get("REVIEW_VALID_DAYS", 3 * 365)
    article.review_due = timezone.localdate() + datetime.timedelta(days=valid_days)
    article.save(update_fields=["review_due", "modified_at"])
    revisions.record_revision(article, by=by)
    audit.record(
        "review_approve",
        actor=by,
        article=article,
        from_state=article.status,
        to_state=article.status,
        reason=comment,
        data={"revision": revision.number},
    )
    transaction.on_commit(lambda: _notify_editor(article, review))
    return review


@transaction.atomic
def request_changes(article, *, by, revision, comment):
    """Send the article back to its editor with what must change."""
    if not (comment or "").strip():
        raise ValidationError(_("Describe which changes are needed."))
    _check_reviewer(article, by)
    if revision.article_id != article.pk:
        raise ValidationError(_("This version belongs to a different article."))
    review = Review.objects.create(
        article=article,
        revision=revision,
        decision=Decision.CHANGES_REQUESTED,
        user=by,
        comment=comment,
    )
    publishing.return_to_draft(article, by=by, reason=comment, data={"revision": revision.number})
    transaction.on_commit(lambda: _notify_editor(article, review))
    return review


def _notify_editor(article, review):
    request = latest_request(article)
    with notify.site_language():
        subject = _("%(decision)s: %(title)s") % {
            "decision": review.get_decision_display().capitalize(),
            "title": article.title,
        }
        body = _(
            "%(who)s reviewed version %(n)s of “%(title)s”: %(decision)s.\n\n%(comment)s\n\nOpen: %(url)s"
        ) % {
            "who": _display_name(review.user),
            "n": review.revision.number,
            "title": article.title,
            "decision": review.get_decision_display(),
            "comment": review.comment,
            "url": notify.admin_url(article),
        }
    notify.send(subject, body, notify.addresses_for(request.user if request else None))


def _display_name(user):
    if user is None:
        return _("Someone")
    profile = getattr(user, "author_profile", None)
    return profile.name if profile else (user.get_full_name() or user.get_username())


def reviewer_details(review):
    """Name, credentials and BIG number as readers see them in the byline."""
    profile = getattr(review.user, "author_profile", None) if review.user else None
    return {
        "name": _display_name(review.user),
        "credentials": profile.credentials if profile else "",
        "big_number": profile.big_number if profile else "",
        "url": profile.get_absolute_url() if profile else "",
        "date": timezone.localdate(review.created_at).isoformat(),
    }


def review_snapshot(article, evidence=None):
    """The snapshot's review line and the data JSON-LD needs (reviewedBy, lastReviewed).

    The line is rendered in the active language; evidence: the article's loaded
    ArticleEvidence, so several languages share one look at the review.
    """
    state = ReviewState.of(evidence) if evidence is not None else ReviewState.load(article)
    approval = state.approval
    if approval is None:
        return {"review_html": "", "review": None}
    details = reviewer_details(approval)
    html = render_to_string(
        "blog/workflow/_review_line.html",
        {
            "review": details,
            "reviewed_on": timezone.localdate(approval.created_at),
        },
    )
    return {"review_html": html, "review": details}
