"""The audit log view: filterable, read-only, and each role sees only the objects it may see."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import make_comment, make_published_article, make_staff

pytestmark = pytest.mark.django_db

LIST = reverse("admin:audit_auditentry_changelist")

ROLES = {
    "superuser": lambda: User.objects.create_superuser("baas", "baas@example.test", "pw"),
    "editor": lambda: make_staff(groups=["Editors"]),
    "medical reviewer": lambda: make_staff(groups=["Medical reviewers"]),
    "moderator": lambda: make_staff(groups=["Moderators"]),
    "staff without a role": lambda: make_staff(),
}


@pytest.fixture
def history(editor):
    """An article publication and a comment moderation, each with its audit entry."""
    article = make_published_article(by=editor, title="Vezels en de darm")
    moderator = make_staff("mod", groups=["Moderators"])
    make_comment(article, status="approved", by=moderator, body="Goede vraag!")
    return article


@pytest.mark.parametrize(
    ("role", "sees_articles", "sees_moderation"),
    [
        ("superuser", True, True),
        ("editor", True, True),  # editors read reader submissions to answer them
        ("medical reviewer", True, False),
        ("moderator", False, True),
    ],
)
def test_each_role_sees_only_entries_about_objects_it_may_view(
    client, history, role, sees_articles, sees_moderation
):
    client.force_login(ROLES[role]())
    response = client.get(LIST)
    assert response.status_code == 200
    shown = {entry.action for entry in response.context["cl"].result_list}
    assert ("publish" in shown) is sees_articles
    assert ("comment_approve" in shown) is sees_moderation


def test_staff_without_a_role_cannot_open_the_log(client, history):
    client.force_login(ROLES["staff without a role"]())
    assert client.get(LIST).status_code == 403


def test_a_hidden_entry_cannot_be_opened_by_its_address(client, history):
    client.force_login(ROLES["moderator"]())
    entry = AuditEntry.objects.get(action="publish")
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_log_filters_by_action_user_and_article(client, history, editor):
    other = make_published_article(by=make_staff("iemand"), title="Ander artikel")
    client.force_login(ROLES["superuser"]())

    def shown(**params):
        return list(client.get(LIST, params).context["cl"].result_list)

    by_action = shown(action="publish")
    assert {e.action for e in by_action} == {"publish"} and len(by_action) == 2
    by_actor = shown(actor__id__exact=editor.pk)
    assert by_actor and {e.actor for e in by_actor} == {editor}
    by_article = shown(article__id__exact=other.pk)
    assert by_article and {e.article_id for e in by_article} == {other.pk}


def test_entries_are_read_only_even_for_superusers(client, history):
    client.force_login(ROLES["superuser"]())
    entry = AuditEntry.objects.get(action="publish")
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(url, {"action": "vervalst"})
    entry.refresh_from_db()
    assert entry.action == "publish"
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403


@pytest.mark.parametrize(("role", "may_delete"), [("superuser", True), ("editor", False)])
def test_only_superusers_may_delete_entries(client, history, role, may_delete):
    client.force_login(ROLES[role]())
    entry = AuditEntry.objects.get(action="publish")
    client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert AuditEntry.objects.filter(pk=entry.pk).exists() is not may_delete
