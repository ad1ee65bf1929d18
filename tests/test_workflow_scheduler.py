"""Scheduled publishing: on time, through the gate again, and once however many run it."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from blog.models import Article
from blog.workflow.scheduler import publish_due
from tests.factories import make_article, make_claim, make_ready, make_staff

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrency needs row locks with SKIP LOCKED (PostgreSQL); SQLite runs the "
    "sequential idempotency test instead",
)


def scheduled_article(editor, *, minutes=2, **kwargs):
    article = make_ready(make_article(**kwargs))
    article.schedule(at=timezone.now() + datetime.timedelta(minutes=minutes), by=editor)
    return article


def later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def is_public(article):
    return Article.objects.published().filter(pk=article.pk).exists()


def test_scheduled_article_stays_hidden_until_its_time_and_then_goes_live(editor, client):
    article = scheduled_article(editor, minutes=2)
    assert publish_due().published == []
    assert not is_public(article)
    assert client.get(article.get_absolute_url()).status_code == 404

    outcome = publish_due(now=later(3))
    assert outcome.published == [article]
    assert is_public(article)
    assert client.get(article.get_absolute_url()).status_code == 200
    entry = AuditEntry.objects.get(article=article, action="publish_scheduled")
    assert entry.actor == editor  # published in the name of whoever scheduled it


def test_gate_failing_at_go_live_keeps_it_hidden_and_tells_the_editor(
    editor, django_capture_on_commit_callbacks
):
    article = scheduled_article(editor, minutes=1, body="Tekst.")
    article.body = "Tekst met een nieuwe claim [[claim:nieuw]]."
    article.save()  # an edit after scheduling: unknown marker and a stale review
    with django_capture_on_commit_callbacks(execute=True):
        outcome = publish_due(now=later(2))
    assert [a for a, _problems in outcome.refused] == [article]
    assert not is_public(article)
    article.refresh_from_db()
    assert article.publish_at is None  # not retried every minute
    entry = AuditEntry.objects.get(article=article, action="schedule_failed")
    assert "nieuw" in entry.reason
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "Niet gepubliceerd" in message.subject and "[[claim:nieuw]]" in message.body


def test_running_twice_publishes_once(editor):
    article = scheduled_article(editor)
    first = publish_due(now=later(5))
    second = publish_due(now=later(6))
    assert first.published == [article] and second.published == []
    assert AuditEntry.objects.filter(article=article, action="publish_scheduled").count() == 1


def test_dry_run_lists_due_articles_and_changes_nothing(editor):
    article = scheduled_article(editor, minutes=1, slug="klaar-voor-publicatie")
    Article.objects.filter(pk=article.pk).update(publish_at=later(-1))
    out = io.StringIO()
    call_command("publish_scheduled", "--dry-run", stdout=out)
    assert "klaar-voor-publicatie" in out.getvalue()
    assert not is_public(article)


def test_command_publishes_what_is_due(editor):
    article = scheduled_article(editor, slug="nu-live")
    Article.objects.filter(pk=article.pk).update(publish_at=later(-1))
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "gepubliceerd: nu-live" in out.getvalue()
    assert is_public(article)


def test_schedule_runs_the_gate_now(editor):
    article = make_article(body="Claim zonder bron [[claim:los]].")
    make_claim(article, key="los")
    with pytest.raises(ValidationError):
        article.schedule(at=later(10), by=editor)
    article.refresh_from_db()
    assert article.publish_at is None


class TestScheduleAdmin:
    def test_past_moment_gets_a_clear_error_and_keeps_the_input(self, client, editor):
        article = make_ready(make_article())
        client.force_login(editor)
        past = timezone.localtime(later(-60)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(
            reverse("admin:blog_article_schedule", args=[article.pk]), {"publish_at": past}
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "ligt in het verleden" in body and past in body
        article.refresh_from_db()
        assert article.publish_at is None

    def test_future_moment_schedules_and_unschedule_clears_it(self, client, editor):
        article = make_ready(make_article())
        client.force_login(editor)
        future = timezone.localtime(later(120)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(
            reverse("admin:blog_article_schedule", args=[article.pk]), {"publish_at": future}
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert timezone.localtime(article.publish_at).strftime("%Y-%m-%dT%H:%M") == future
        client.post(reverse("admin:blog_article_unschedule", args=[article.pk]))
        article.refresh_from_db()
        assert article.publish_at is None

    def test_gate_problems_show_on_the_schedule_form(self, client, editor):
        article = make_article(body="[[claim:onbekend]]")
        client.force_login(editor)
        future = timezone.localtime(later(120)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(
            reverse("admin:blog_article_schedule", args=[article.pk]), {"publish_at": future}
        )
        assert "onbekend" in response.content.decode()

    def test_editor_without_publish_permission_gets_403(self, client):
        writer = make_staff(perms=["blog.change_article", "blog.view_article"])
        client.force_login(writer)
        article = make_article()
        url = reverse("admin:blog_article_schedule", args=[article.pk])
        assert client.get(url).status_code == 403


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_running_at_once_publish_each_article_once(editor):
    articles = [scheduled_article(editor, minutes=1) for _ in range(8)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(publish_at=later(-1))
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(publish_due())
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    published = [a.pk for outcome in results for a in outcome.published]
    assert sorted(published) == sorted(a.pk for a in articles)
    assert AuditEntry.objects.filter(action="publish_scheduled").count() == len(articles)


def test_a_dry_run_with_nothing_due_says_so():
    out = io.StringIO()
    call_command("publish_scheduled", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Niets te doen: er is geen artikel gepland voor nu of eerder."


def test_cron_runs_with_nothing_due_stay_silent():
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert out.getvalue() == ""
