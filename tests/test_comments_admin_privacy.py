"""A reader's e-mail, IP hash and withdraw token cannot be read out of the admin by anyone.

The attack: add ?email__startswith=n to the moderation queue and watch the result count,
letter by letter, until the address is spelled out. Every role tries it here.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from comments.admin import CommentAdmin
from comments.models import PRIVATE_FIELDS
from tests.factories import make_comment, make_published_article, make_staff

pytestmark = pytest.mark.django_db

EMAIL = "noor@example.test"
QUEUE = reverse("admin:comments_comment_changelist")
ROLES = {
    "moderator": lambda: make_staff(groups=["Moderators"]),
    "editor": lambda: make_staff(groups=["Editors"]),
    "superuser": lambda: User.objects.create_superuser("baas", "baas@example.test", "pw"),
}


@pytest.fixture
def noors_comment():
    return make_comment(make_published_article(), email=EMAIL, body="Helpt kefir?")


def _probes(comment):
    return {
        "email__startswith": "n",
        "email": EMAIL,
        "email__iexact": EMAIL.upper(),
        "email__isnull": "False",
        "ip_hash__startswith": "a",
        "withdraw_token__startswith": comment.withdraw_token[:2],
        "withdraw_token": comment.withdraw_token,
        "dedupe_key__startswith": comment.dedupe_key[:2] if comment.dedupe_key else "0",
        "parent__email__startswith": "n",
        "replies__email__startswith": "n",
        "article__comments__email__startswith": "n",
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_role_can_filter_the_queue_on_private_fields(client, role, noors_comment):
    client.force_login(ROLES[role]())
    assert client.get(QUEUE + "?status=all").status_code == 200
    for lookup, value in _probes(noors_comment).items():
        response = client.get(QUEUE, {"status": "all", lookup: value})
        assert response.status_code == 400, lookup


@pytest.mark.parametrize("role", ROLES)
def test_no_role_finds_a_submission_by_searching_for_its_address(client, role, noors_comment):
    client.force_login(ROLES[role]())
    for query in [EMAIL, "noor@", noors_comment.withdraw_token]:
        response = client.get(QUEUE, {"status": "all", "q": query})
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0, query


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_page_shows_the_address_or_the_token(client, role, noors_comment):
    client.force_login(ROLES[role]())
    pages = [
        QUEUE + "?status=all",
        reverse("admin:comments_comment_change", args=[noors_comment.pk]),
        reverse("admin:audit_auditentry_changelist"),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert EMAIL not in page and noors_comment.withdraw_token not in page, url


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_other_admins_refuse_lookups_through_to_reader_addresses(client, role, noors_comment):
    client.force_login(ROLES[role]())
    for url in [
        reverse("admin:blog_article_changelist") + "?comments__email__startswith=n",
        reverse("admin:audit_auditentry_changelist") + "?article__comments__email__startswith=n",
    ]:
        assert client.get(url).status_code == 400, url


def _filter_name(list_filter):
    if isinstance(list_filter, str):
        return list_filter
    if isinstance(list_filter, tuple):
        return list_filter[0]
    return list_filter.parameter_name


def test_the_queue_declares_no_private_field_anywhere():
    declared = [
        *CommentAdmin.search_fields,
        *CommentAdmin.list_display,
        *CommentAdmin.ordering,
        *map(_filter_name, CommentAdmin.list_filter),
        *[name for _title, options in CommentAdmin.fieldsets for name in options["fields"]],
    ]
    assert not {str(name).lstrip("-") for name in declared} & set(PRIVATE_FIELDS)
