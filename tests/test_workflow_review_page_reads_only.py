"""Opening the medical review page (a GET) changes nothing; acting on it (a POST) may.

The page shows the working copy as the revision it would become. A reviewer's approval
then applies to exactly what they were shown, even if someone saved in between.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Review
from blog.workflow import review, revisions
from tests.factories import make_reviewer
from tests.test_workflow_review import covered_article

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _url(article):
    return reverse("admin:blog_article_review", args=[article.pk])


def _hidden(page):
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', page.content.decode()).group(1)
        for name in ("revision", "content")
    }


def test_opening_the_review_page_writes_nothing(client):
    article, _claim = covered_article()  # revision 1 has no claims yet: the page shows 2
    before = list(article.revisions.values_list("number", flat=True))
    client.force_login(make_reviewer("dokter"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(_url(article))
    assert page.status_code == 200 and "Zink vermindert acne mogelijk." in page.content.decode()
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    writes = [sql for sql in writes if "django_session" not in sql]
    assert writes == []
    assert list(article.revisions.values_list("number", flat=True)) == before == [1]
    assert _hidden(page)["revision"] == "2"  # shown as the version it will become


def test_opening_it_twice_leaves_the_history_as_it_was(client):
    article, _claim = covered_article()
    client.force_login(make_reviewer("dokter"))
    client.get(_url(article))
    client.get(_url(article))
    assert list(article.revisions.values_list("number", flat=True)) == [1]


def test_approving_what_was_shown_records_that_version_and_approves_it(client):
    article, _claim = covered_article()
    client.force_login(make_reviewer("dokter"))
    shown = _hidden(client.get(_url(article)))
    response = client.post(_url(article), {**shown, "decision": "approve", "comment": "Klopt."})
    assert response.status_code == 302
    approval = review.current_approval(article)
    assert approval.revision.number == 2 and approval.comment == "Klopt."


def test_a_version_saved_by_someone_else_meanwhile_is_not_approved_unseen(client):
    article, claim = covered_article()
    client.force_login(make_reviewer("dokter"))
    shown = _hidden(client.get(_url(article)))  # version 2, not stored yet
    claim.statement = "Zink geneest acne."
    claim.save()
    revisions.record_revision(article)  # an editor's save stores *that* as version 2
    response = client.post(_url(article), {**shown, "decision": "approve", "comment": "Prima"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is door iemand anders opgeslagen terwijl je beoordeelde" in page
    assert not Review.objects.filter(decision=Review.Decision.APPROVED).exists()


@pytest.mark.parametrize(
    "name",
    [
        "change", "submit", "review", "schedule", "withdraw", "correct", "previews",
        "versions", "compare",
    ],
)  # fmt: skip
def test_no_article_admin_page_writes_on_a_get(client, name):
    article, _claim = covered_article()
    client.force_login(User.objects.create_superuser("baas", "baas@example.test", "pw"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"admin:blog_article_{name}", args=[article.pk]))
    assert response.status_code in (200, 302)
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert [sql for sql in writes if "django_session" not in sql] == [], name
