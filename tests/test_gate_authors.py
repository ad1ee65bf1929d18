"""One gate: the author rule is a registered check, and every entry point refuses with it."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from evidence.readiness import readiness
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import make_article, make_ready

pytestmark = pytest.mark.django_db

NO_AUTHOR = "Het artikel heeft geen auteur"


@pytest.fixture
def authorless():
    """Ready in every respect (its review covers having no author) except the author."""
    return make_ready(make_article(title="Zonder auteur", authors=[]))


def _not_public(article):
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.get(pk=article.pk).status != Article.Status.PUBLISHED


def test_readiness_lists_the_missing_author(authorless):
    [problem] = readiness(authorless)
    assert problem.code == "no_author"
    assert problem.message.startswith(NO_AUTHOR)
    assert problem.admin_url.endswith("#id_authors")


def test_an_article_with_an_author_has_no_author_problem():
    article = make_ready(make_article())
    assert readiness(article) == []


def test_publish_refuses_with_the_author_problem(authorless, editor):
    with pytest.raises(ValidationError) as refused:
        authorless.publish(by=editor)
    assert [m for m in refused.value.messages if NO_AUTHOR in m]
    _not_public(authorless)


def test_schedule_refuses_with_the_author_problem(authorless, editor):
    with pytest.raises(ValidationError) as refused:
        authorless.schedule(at=timezone.now() + datetime.timedelta(hours=1), by=editor)
    assert NO_AUTHOR in " ".join(refused.value.messages)
    assert Article.objects.get(pk=authorless.pk).publish_at is None


def test_admin_publish_button_refuses_with_the_author_problem(admin_client, authorless):
    response = post_admin_form(admin_client, article_change_url(authorless), _publish="1")
    assert response.status_code == 302
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and NO_AUTHOR in errors[0]
    _not_public(authorless)


def test_admin_bulk_action_refuses_with_the_author_problem(admin_client, authorless):
    response = admin_client.post(
        reverse("admin:blog_article_changelist"),
        {"action": "publish_selected", "_selected_action": [authorless.pk]},
    )
    assert response.status_code == 302
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and NO_AUTHOR in errors[0]
    _not_public(authorless)


def test_the_scheduler_refuses_with_the_author_problem(authorless):
    due = timezone.now() - datetime.timedelta(minutes=1)
    Article.objects.filter(pk=authorless.pk).update(publish_at=due)
    err = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=err)
    assert f"geweigerd: {authorless.slug}" in err.getvalue() and NO_AUTHOR in err.getvalue()
    _not_public(authorless)


def test_the_readiness_panel_lists_the_author_problem_once(admin_client, authorless):
    page = admin_client.get(article_change_url(authorless)).content.decode()
    assert page.count(NO_AUTHOR) == 1
    assert 'class="problem problem-no_author"' in page
