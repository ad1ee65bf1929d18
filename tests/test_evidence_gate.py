"""The gate through every entry point: each refuses an uncovered article and leaves it as it was."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from blog import publishing
from blog.models import Article
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import make_article, make_claim, make_published_article, make_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncovered():
    """Ready in every respect except one claim without a supporting citation."""
    article = make_article(title="Ongedekt", body="Zink geneest acne [[claim:zink-acne]].")
    make_ready(article)
    make_claim(article, key="zink-acne")
    return article


def state(article):
    fresh = Article.objects.get(pk=article.pk)
    return (
        fresh.status,
        list(fresh.editions.values_list("pk", "is_current", "body_html", "fingerprint")),
        fresh.publish_at,
        fresh.published_at,
    )


def assert_untouched(article, before):
    assert state(article) == before
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert not AuditEntry.objects.filter(article=article, action__startswith="publish").exists()


def test_publish_from_the_shell_refuses_with_every_problem(uncovered, editor):
    before = state(uncovered)
    uncovered.claims.create(key="tweede", statement="Nog een.", category="efficacy")
    with pytest.raises(ValidationError) as refused:
        uncovered.publish(by=editor)
    messages = " ".join(refused.value.messages)
    assert "'zink-acne'" in messages and "'tweede'" in messages
    assert_untouched(uncovered, before)


def test_admin_publish_button_refuses_and_keeps_the_draft(admin_client, uncovered):
    before = state(uncovered)
    response = post_admin_form(admin_client, article_change_url(uncovered), _publish="1")
    assert response.status_code == 302
    [message] = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert "Niet gepubliceerd" in message.message and "'zink-acne'" in message.message
    assert_untouched(uncovered, before)


def test_admin_publish_button_publishes_a_covered_article(admin_client):
    article = make_ready(make_article(body="Gewone tekst."))
    response = post_admin_form(admin_client, article_change_url(article), _publish="1")
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_admin_bulk_action_publishes_only_ready_articles_and_reports_the_rest(
    admin_client, uncovered
):
    ready = make_ready(make_article(title="Klaar"))
    before = state(uncovered)
    response = admin_client.post(
        reverse("admin:blog_article_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": [ready.pk, uncovered.pk],
        },
    )
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=ready.pk).exists()
    assert_untouched(uncovered, before)
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and "Ongedekt" in errors[0] and "'zink-acne'" in errors[0]


def test_save_with_a_status_change_is_refused(uncovered):
    before = state(uncovered)
    uncovered.status = Article.Status.PUBLISHED
    uncovered.published_at = timezone.now()
    with pytest.raises(ValidationError):
        uncovered.save()
    assert_untouched(uncovered, before)


def test_scheduling_an_uncovered_article_is_refused(uncovered, editor):
    before = state(uncovered)
    with pytest.raises(ValidationError) as refused:
        uncovered.schedule(at=timezone.now() + datetime.timedelta(hours=1), by=editor)
    assert "'zink-acne'" in " ".join(refused.value.messages)
    assert_untouched(uncovered, before)


def test_the_scheduler_refuses_at_go_live(uncovered, editor):
    # Scheduled while covered; the claim lost its citation before go-live.
    make_claim(uncovered, key="extra", category="opinion")
    Article.objects.filter(pk=uncovered.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    before = state(uncovered)
    with pytest.raises(ValidationError):
        publishing.publish(uncovered, by=None, scheduled=True)
    assert_untouched(uncovered, before)


def test_the_scheduler_command_publishes_the_ready_and_refuses_the_uncovered(uncovered):
    ready = make_ready(make_article(title="Klaar"))
    due = timezone.now() - datetime.timedelta(minutes=1)
    Article.objects.filter(pk__in=[ready.pk, uncovered.pk]).update(publish_at=due)
    before = state(uncovered)
    out, err = io.StringIO(), io.StringIO()
    call_command("publish_scheduled", stdout=out, stderr=err)
    assert Article.objects.published().filter(pk=ready.pk).exists()
    assert f"geweigerd: {uncovered.slug}" in err.getvalue() and "'zink-acne'" in err.getvalue()
    fresh = Article.objects.get(pk=uncovered.pk)
    assert (fresh.status, list(fresh.editions.values_list("pk"))) == before[:2]
    assert not Article.objects.published().filter(pk=uncovered.pk).exists()


def test_publishing_changes_to_a_live_article_goes_through_the_gate(editor):
    article = make_published_article(by=editor, body="Gewone tekst.")
    live = state(article)
    article.body = "Nieuwe zin [[claim:nieuw]]."
    article.save()
    make_claim(article, key="nieuw")
    with pytest.raises(ValidationError):
        article.publish(by=editor)
    assert state(article) == live
