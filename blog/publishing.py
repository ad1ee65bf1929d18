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
from blog.models import Article, Edition
from blog.models.editions import issuing
from blog.workflow import revisions
from blog.workflow.corrections import record_withdrawal
from evidence.readiness import readiness


def _refuse_unless_ready(article):
    """The one gate: every problem evidence.readiness reports, the author check included."""
    problems = readiness(article)
    if problems:
        raise ValidationError([str(problem) for problem in problems])


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _refresh(article, fresh):
    for field in fresh._meta.concrete_fields:
        setattr(article, field.attname, getattr(fresh, field.attname))
    article._loaded = dict(fresh._loaded)
    article.__dict__.pop("current_edition", None)  # a transition may have replaced it


@transaction.atomic
def publish(article, *, by, scheduled=False):
    fresh = _locked(article)
    _refuse_unless_ready(fresh)
    now = timezone.now()
    parts = snapshot.build_snapshot(fresh, at=now)
    from_state = fresh.status
    fresh.status = Article.Status.PUBLISHED
    fresh.published_at = fresh.published_at or now
    fresh.updated_at = now
    fresh.updated_by = by
    fresh.publish_at = None
    fresh._transition = True
    fresh.save()
    _issue_edition(fresh, parts, by=by, at=now)
    revisions.record_revision(fresh, by=by)
    audit.record(
        "publish_scheduled" if scheduled else "publish",
        actor=by,
        article=fresh,
        from_state=from_state,
        to_state=fresh.status,
    )
    _refresh(article, fresh)
    return article


def _issue_edition(article, parts, *, by, at):
    """Write the new current edition; the one it replaces stays as the record."""
    previous = article.editions.order_by("-number").first()
    with issuing():
        article.editions.filter(is_current=True).update(is_current=False)
        edition = Edition(
            article=article,
            number=previous.number + 1 if previous else 1,
            is_current=True,
            **parts.fields,
            topic=parts.topic,
            review=parts.review,
            first_slug=previous.first_slug if previous else article.slug,
            first_published_at=previous.first_published_at if previous else at,
            published_at=at,
            published_by=by,
        )
        edition.save(force_insert=True)
        edition.tags.set(parts.tags)
        edition.authors.set(parts.authors)
        edition.sources.set(parts.source_ids)
    return edition


@transaction.atomic
def withdraw(article, *, by, reason):
    if not (reason or "").strip():
        raise ValidationError(_("Give a reason for withdrawing an article."))
    fresh = _locked(article)
    if fresh.current_edition is None:
        raise ValidationError(_("Only a published article can be withdrawn."))
    from_state = fresh.status
    fresh.status = Article.Status.WITHDRAWN
    fresh._transition = True
    fresh.save()
    with issuing():
        fresh.editions.filter(is_current=True).update(
            is_current=False, withdrawn_at=timezone.now(), withdrawn_by=by
        )
    audit.record(
        "withdraw",
        actor=by,
        article=fresh,
        from_state=from_state,
        to_state=fresh.status,
        reason=reason,
    )
    record_withdrawal(fresh, by=by, reason=reason.strip())
    _refresh(article, fresh)
    return article


@transaction.atomic
def schedule(article, *, at, by):
    if at is None or at <= timezone.now():
        raise ValidationError(_("Choose a publication time in the future."))
    fresh = _locked(article)
    if fresh.is_public:
        raise ValidationError(_("This article is already published; publish changes directly."))
    _refuse_unless_ready(fresh)
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
