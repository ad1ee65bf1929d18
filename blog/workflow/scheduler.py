"""Publishing what is due: the body of `manage.py publish_scheduled`.

Safe to run from several servers at once. Each article is handled in its own
transaction that first locks its row and re-checks that it is still due:
PostgreSQL skips rows another scheduler holds (SKIP LOCKED); SQLite's
IMMEDIATE transactions let one writer in at a time, and the loser then finds
publish_at already cleared. Either way an article goes live once.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from audit.models import AuditEntry
from blog import publishing
from blog.models import Article
from blog.workflow import notify


@dataclass
class Outcome:
    published: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (article, problems)
    due: list = field(default_factory=list)


def due_articles(now=None):
    now = now or timezone.now()
    return (
        Article.objects.filter(publish_at__lte=now)
        .exclude(status=Article.Status.PUBLISHED)
        .order_by("publish_at", "pk")
    )


def publish_due(*, now=None, dry_run=False):
    """Publish every article whose moment has come, through the gate."""
    now = now or timezone.now()
    outcome = Outcome()
    for pk in list(due_articles(now).values_list("pk", flat=True)):
        if dry_run:
            outcome.due.append(Article.objects.get(pk=pk))
        else:
            _publish_one(pk, now, outcome)
    return outcome


def _claim_row(pk, now):
    """Lock the article if it is still due and nobody else holds it; None otherwise."""
    rows = due_articles(now).filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return rows.first()


def scheduled_by(article):
    entry = (
        AuditEntry.objects.filter(article=article, action="schedule")
        .select_related("actor")
        .first()
    )
    return entry.actor if entry else None


def _publish_one(pk, now, outcome):
    with transaction.atomic():
        article = _claim_row(pk, now)
        if article is None:
            return  # another scheduler published it, or it was unscheduled meanwhile
        by = scheduled_by(article)
        try:
            publishing.publish(article, by=by, scheduled=True)
        except ValidationError as refused:
            _keep_hidden(article, by, refused.messages)
            outcome.refused.append((article, refused.messages))
            return
        outcome.published.append(article)


def _keep_hidden(article, by, problems):
    """The gate failed at go-live: stop retrying, record why and tell the editor."""
    planned = article.publish_at
    Article.objects.filter(pk=article.pk).update(publish_at=None)
    article.publish_at = None
    audit.record(
        "schedule_failed",
        article=article,
        from_state=article.status,
        to_state=article.status,
        reason="\n".join(problems),
        data={"publish_at": planned.isoformat() if planned else ""},
    )
    transaction.on_commit(lambda: _notify_refused(article, by, planned, problems))


def _notify_refused(article, by, planned, problems):
    with notify.site_language():
        subject = _("Not published: %(title)s") % {"title": article.title}
        body = _(
            "“%(title)s” was scheduled for %(when)s but was not published: the publication gate rejected it at the time of publication. The article remains invisible to readers.\n\nFix these first:\n%(problems)s\n\nThen schedule it again: %(url)s"
        ) % {
            "title": article.title,
            "when": timezone.localtime(planned).strftime("%d-%m-%Y %H:%M"),
            "problems": "\n".join(f"- {p}" for p in problems),
            "url": notify.admin_url(article),
        }
    notify.send(subject, body, notify.addresses_for(by))
