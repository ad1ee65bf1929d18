"""Reader submissions with cure wording are held with that reason, by the article linter."""

import pytest
from django.urls import reverse

from comments.models import Comment, Flag
from comments.moderation import flag_lines
from tests.factories import comment_post_data, make_published_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_published_article()


def _send(client, article, **fields):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    return client.post(url, comment_post_data(article, **fields))


def test_an_experience_saying_it_cures_acne_is_held_with_that_reason(client, article):
    _send(
        client, article, kind="experience", body="Echt waar, dit geneest je acne binnen een maand!"
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert Flag.CURE_CLAIM in comment.flag_codes and comment.score > 0
    [line] = [line for line in flag_lines(comment) if "acne" in line]
    assert "dit geneest je acne binnen een maand!" in line


def test_an_ordinary_experience_raises_no_claim_signal(client, article):
    _send(client, article, kind="experience", body="Ik merkte na zes weken minder jeuk.")
    assert Flag.CURE_CLAIM not in Comment.objects.get().flag_codes


def test_the_moderation_queue_can_filter_on_the_reason(admin_client, client, article):
    _send(client, article, body="Kurkuma geneest psoriasis, geloof me.")
    _send(client, article, body="Bedankt voor het artikel!")
    page = admin_client.get(reverse("admin:comments_comment_changelist") + "?signaal=cure_claim")
    assert page.status_code == 200
    assert page.context["cl"].result_count == 1
