"""A medical reviewer's admin home says how many articles wait for their review, and which."""

import pytest
from django.urls import reverse

from blog.workflow import review
from tests.factories import make_approval, make_author, make_reviewer
from tests.test_workflow_review import covered_article

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")


@pytest.fixture
def reviewer():
    return make_reviewer("dokter")


def _submitted(editor, **kwargs):
    article, _claim = covered_article(**kwargs)
    review.submit(article, by=editor)
    return article


def test_the_home_counts_and_lists_what_waits_for_this_reviewer(client, reviewer, editor):
    waiting = _submitted(editor, title="Zink bij acne")
    own = _submitted(editor, title="Eigen stuk")
    own.authors.add(make_author(user=reviewer))  # an author may not review their own article
    done = _submitted(editor, title="Al beoordeeld")
    make_approval(done, by=make_reviewer("collega"))
    _submitted(reviewer, title="Zelf aangeboden")  # nor what they submitted themselves
    client.force_login(reviewer)
    page = client.get(HOME).content.decode()
    assert "1 artikel wacht op jouw medische beoordeling." in page
    assert reverse("admin:blog_article_review", args=[waiting.pk]) in page
    assert "Eigen stuk" not in page and "Al beoordeeld" not in page
    assert "Zelf aangeboden" not in page


def test_after_the_review_nothing_waits_any_more(client, reviewer, editor):
    article = _submitted(editor)
    make_approval(article, by=reviewer)
    client.force_login(reviewer)
    assert (
        "Er wacht geen artikel op jouw medische beoordeling." in client.get(HOME).content.decode()
    )


def test_a_resubmitted_published_article_waits_again(client, reviewer, editor):
    article = _submitted(editor, title="Opnieuw aangeboden")
    make_approval(article, by=reviewer)
    review.submit(article, by=editor)
    client.force_login(reviewer)
    assert "Opnieuw aangeboden" in client.get(HOME).content.decode()


def test_people_who_do_not_review_see_no_review_block(client, editor):
    _submitted(editor)
    client.force_login(editor)
    assert "medische beoordeling" not in client.get(HOME).content.decode()
