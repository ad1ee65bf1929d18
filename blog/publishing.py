"""The one place where an article's state changes.

Article.publish/schedule/withdraw delegate here; the admin, the scheduler,
commands and tests all come through these functions. Each transition runs the
gate where it must, locks the row, and writes an audit entry.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from blog import snapshot
from blog.models import Article


def gate_problems(article, evidence=None):
    """Every reason the article may not go public now, as sentences.

    evidence: the article's ArticleEvidence when the caller has loaded it already.
    """
    from evidence.readiness import readiness

    return article_problems(article) + [str(problem) for problem in readiness(article, evidence)]


def article_problems(article):
    """The gate's checks on the article itself, beside evidence.readiness."""
    if not article.authors.exists():
        return [_("The article has no author; choose at least one author.")]
    return []


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _refresh(article, fresh):
    for field in fresh._meta.concrete_fields:
        setattr(article, field.attname, getattr(fresh, field.attname))
    article._loaded = dict(fresh._loaded)


@transaction.atomic
def publish(article, *, by, scheduled=False):
    fresh = _locked(article)
    problems = gate_problems(fresh)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    parts = snapshot.build_snapshot(fresh, at=now)
    from_state = fresh.status
    fresh.status = Article.Status.PUBLISHED
    fresh.published_at = fresh.published_at or now
    fresh.updated_at = now
    fresh.updated_by = by
    fresh.publish_at = None
    fresh.live_at = now
    fresh.live_title = parts["title"]
    fresh.live_lead = parts["lead"]
    fresh.live_body_html = parts["body_html"]
    fresh.live_search_text = parts["search_text"]
    fresh.live_extras = parts["extras"]
    fresh._transition = True
    fresh.save()
    audit.record(
        "publish_scheduled" if scheduled else "publish",
        actor=by,
        article=fresh,
        from_state=from_state,
        to_state=fresh.status,
    )
    _refresh(article, fresh)
    return article


@transaction.atomic
def withdraw(article, *, by, reason):
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for withdrawing an article."))
    fresh = _locked(article)
    if fresh.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be withdrawn."))
    fresh.status = Article.Status.WITHDRAWN
    fresh.live_at = None
    fresh._transition = True
    fresh.save()
    audit.record(
        "withdraw",
        actor=by,
        article=fresh,
        from_state=Article.Status.PUBLISHED,
        to_state=fresh.status,
        reason=reason,
    )
    from blog.workflow.corrections import record_withdrawal

    record_withdrawal(fresh, by=by, reason=reason.strip())
    _refresh(article, fresh)
    return article


@transaction.atomic
def schedule(article, *, at, by):
    if at is None or at <= timezone.now():
        raise ValidationError(_("Choose a publication time in the future."))
    fresh = _locked(article)
    if fresh.status == Article.Status.PUBLISHED:
        raise ValidationError(_("This article is already published; publish changes directly."))
    problems = gate_problems(fresh)
    if problems:
        raise ValidationError(problems)
    fresh.publish_at = at
    fresh.save(update_fields=["publish_at", "modified_at"])
    audit.record(
        "schedule",
        actor=by,
        article=fresh,
        from_state=fresh.status,
        to_state=fresh.status,
        data={"publish_at": at.isoformat()},
    )
    _refresh(article, fresh)
    return article


@transaction.atomic
def unschedule(article, *, by):
    fresh = _locked(article)
    fresh.publish_at = None
    fresh.save(update_fields=["publish_at", "modified_at"])
    audit.record(
        "unschedule", actor=by, article=fresh, from_state=fresh.status, to_state=fresh.status
    )
    _refresh(article, fresh)
    return article


@transaction.atomic
def submit_for_review(article, *, by, note=""):
    """draft → in_review. A published article keeps serving readers while it is re-reviewed."""
    fresh = _locked(article)
    if fresh.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn article cannot be submitted for review."))
    from_state = fresh.status
    if fresh.status == Article.Status.DRAFT:
        fresh.status = Article.Status.IN_REVIEW
        fresh._transition = True
        fresh.save()
    audit.record(
        "review_submit",
        actor=by,
        article=fresh,
        from_state=from_state,
        to_state=fresh.status,
        reason=note,
    )
    _refresh(article, fresh)
    return article


@transaction.atomic
def return_to_draft(article, *, by, reason, data=None):
    """in_review → draft when a medical reviewer asks for changes."""
    fresh = _locked(article)
    from_state = fresh.status
    if fresh.status == Article.Status.IN_REVIEW:
        fresh.status = Article.Status.DRAFT
        fresh._transition = True
        fresh.save()
    audit.record(
        "review_changes",
        actor=by,
        article=fresh,
        from_state=from_state,
        to_state=fresh.status,
        reason=reason,
        data=data,
    )
    _refresh(article, fresh)
    return article
