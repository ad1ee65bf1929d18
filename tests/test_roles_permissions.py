"""The three roles exist after migrate and each can do exactly its job."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEntry
from blog import roles
from comments.models import Comment
from tests.factories import (
    make_comment,
    make_published_article,
    make_source,
    make_staff,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLE_USERS = {
    "anonymous": None,
    "reader": lambda: make_user(),
    "editor": lambda: make_staff(groups=["Editors"]),
    "medical reviewer": lambda: make_staff(groups=["Medical reviewers"]),
    "moderator": lambda: make_staff(groups=["Moderators"]),
    "superuser": lambda: make_user(is_staff=True, is_superuser=True),
}

# role → (view queue, approve, reject, edit article, edit source). 302 for anonymous and
# readers is the admin's redirect to its login page; the decisions below check the effect.
MATRIX = {
    "anonymous": (302, 302, 302, 302, 302),
    "reader": (302, 302, 302, 302, 302),
    "editor": (200, 403, 403, 200, 200),
    "medical reviewer": (403, 403, 403, 403, 403),
    "moderator": (200, 302, 302, 403, 403),
    "superuser": (200, 302, 302, 200, 200),
}
ALLOWED_TO_DECIDE = {"moderator", "superuser"}


def _client_for(client, role):
    factory = ROLE_USERS[role]
    if factory is not None:
        client.force_login(factory())
    return client


def _attempts(client):
    article = make_published_article()
    source = make_source()
    to_approve, to_reject = make_comment(article), make_comment(article)
    statuses = (
        client.get(reverse("admin:comments_comment_changelist")).status_code,
        client.post(
            reverse("admin:comments_comment_decide", args=[to_approve.pk, "approve"])
        ).status_code,
        client.post(
            reverse("admin:comments_comment_decide", args=[to_reject.pk, "reject"]),
            {"reason": "Reclame"},
        ).status_code,
        # An empty edit: a permitted user gets the form back with errors, others are refused.
        client.post(reverse("admin:blog_article_change", args=[article.pk]), {}).status_code,
        client.post(reverse("admin:evidence_source_change", args=[source.pk]), {}).status_code,
    )
    return statuses, to_approve, to_reject


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(client, role):
    statuses, to_approve, to_reject = _attempts(_client_for(client, role))
    assert statuses == MATRIX[role]
    to_approve.refresh_from_db()
    to_reject.refresh_from_db()
    decided = role in ALLOWED_TO_DECIDE
    assert (to_approve.status == Comment.Status.APPROVED) is decided
    assert (to_reject.status == Comment.Status.REJECTED) is decided


def test_an_editor_who_is_also_a_moderator_may_approve(client):
    client.force_login(make_staff(groups=["Editors", "Moderators"]))
    comment = make_comment()
    client.post(reverse("admin:comments_comment_decide", args=[comment.pk, "approve"]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_editors_see_submissions_read_only(client):
    client.force_login(make_staff(groups=["Editors"]))
    comment = make_comment(body="Originele vraag")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "x", "body": "Overschreven"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Originele vraag"


@pytest.mark.parametrize("role", ["editor", "medical reviewer", "moderator"])
def test_only_superusers_delete_audit_history(client, role):
    entry = AuditEntry.objects.create(action="publish")
    _client_for(client, role)
    url = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(url, {"post": "yes"}).status_code in (403, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_superuser_may_delete_audit_history(client):
    entry = AuditEntry.objects.create(action="publish")
    _client_for(client, "superuser")
    client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()


def _codenames(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_the_groups_exist_after_migrate_with_the_rules_applied():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    editors, reviewers, moderators = (
        _codenames(r) for r in (roles.EDITORS, roles.MEDICAL_REVIEWERS, roles.MODERATORS)
    )
    assert {
        "blog.change_article",
        "blog.publish_article",
        "evidence.change_source",
        "evidence.change_claim",
        "evidence.change_citation",
    } <= editors
    assert "comments.moderate_comment" not in editors and "comments.change_comment" not in editors
    assert {"blog.review_article", "blog.view_article", "evidence.view_source"} <= reviewers
    assert not {
        p
        for p in reviewers
        if p.split(".")[1].startswith(("change_", "delete_")) and not p.endswith("_review")
    }
    assert {"comments.moderate_comment", "comments.change_comment"} <= moderators
    assert not {p for p in moderators if p.startswith("evidence.") or p.endswith("_article")}
    everyone = editors | reviewers | moderators
    assert "audit.delete_auditentry" not in everyone and "comments.delete_comment" not in everyone


def test_setup_roles_is_idempotent_and_restores_exactly_the_rules(capsys):
    moderators = Group.objects.get(name=roles.MODERATORS)
    before = _codenames(roles.MODERATORS)
    moderators.permissions.clear()
    call_command("setup_roles")
    call_command("setup_roles")
    assert _codenames(roles.MODERATORS) == before
    assert "De rollen zijn bijgewerkt." in capsys.readouterr().out
