"""A reader posts a question or an experience, sees the thank-you and can withdraw it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from blog.models import AuditEntry, Comment
from tests.factories import (
    comment_post_data,
    make_article,
    make_comment,
    make_published_article,
    make_staff,
)

pytestmark = pytest.mark.django_db

THANKS = "Bedankt! Je bijdrage wordt gelezen door een moderator voordat hij verschijnt"


def post_url(article):
    return reverse("blog:comment_post", kwargs={"slug": article.slug})


@pytest.fixture
def article():
    return make_published_article(title="Kefir en eczeem")


def test_a_question_is_stored_pending_and_the_reader_gets_thanks_and_a_private_link(
    client, article
):
    response = client.post(
        post_url(article), comment_post_data(article, body="Werkt dit?"), follow=True
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.kind == Comment.Kind.COMMENT
    page = response.content.decode()
    assert THANKS in page
    assert comment.withdraw_token in page  # the private link, on screen
    assert "Werkt dit?" not in client.get(article.get_absolute_url()).content.decode()


def test_an_experience_stores_its_structured_fields_and_the_consent(client, article):
    client.post(post_url(article), comment_post_data(article, kind="experience"))
    comment = Comment.objects.get()
    assert (comment.kind, comment.condition, comment.tried_type, comment.outcome) == (
        "experience",
        "eczeem",
        "food",
        "better",
    )
    assert comment.consent_at is not None and comment.consent_version


def test_an_experience_without_consent_is_refused_and_keeps_what_was_typed(client, article):
    data = comment_post_data(article, kind="experience", body="Mijn verhaal over kefir.")
    del data["consent"]
    response = client.post(post_url(article), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Geef toestemming om je gezondheidservaring te publiceren" in page
    assert "Mijn verhaal over kefir." in page and 'value="kefir bij het ontbijt"' in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("condition", "Vul in om welke aandoening of klacht het gaat."),
        ("tried", "Vul in wat je hebt geprobeerd."),
        ("tried_type", "Kies wat voor middel het was."),
        ("duration", "Vul in hoe lang je het hebt geprobeerd."),
        ("outcome", "Kies wat er gebeurde."),
    ],
)
def test_each_missing_experience_field_gets_its_own_message(client, article, missing, message):
    response = client.post(
        post_url(article), comment_post_data(article, kind="experience", **{missing: ""})
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_name_is_required_and_email_is_optional(client, article):
    response = client.post(post_url(article), comment_post_data(article, name="  "))
    assert "Vul je naam in" in response.content.decode()
    response = client.post(post_url(article), comment_post_data(article, email=""))
    assert response.status_code == 302


def test_a_bad_email_address_gets_a_specific_error(client, article):
    response = client.post(post_url(article), comment_post_data(article, email="sanne@"))
    assert "Dit e-mailadres klopt niet" in response.content.decode()


def test_text_over_5000_characters_is_refused_with_its_length(client, article):
    response = client.post(post_url(article), comment_post_data(article, body="a" * 5001))
    assert response.status_code == 400
    assert "Je tekst is 5001 tekens; het maximum is 5000" in response.content.decode()
    assert not Comment.objects.exists()


def test_invisible_control_characters_are_dropped(client, article):
    client.post(post_url(article), comment_post_data(article, body="Hal\x00lo\u202e daar"))
    assert Comment.objects.get().body == "Hallo daar"


def test_withdraw_link_is_mailed_when_an_address_is_given(client, article):
    client.post(post_url(article), comment_post_data(article, email="sanne@example.test"))
    comment = Comment.objects.get()
    to_writer = [m for m in mail.outbox if m.to == ["sanne@example.test"]]
    assert len(to_writer) == 1 and comment.withdraw_token in to_writer[0].body


def test_withdrawing_removes_an_approved_item_from_the_article_at_once(client, article):
    comment = make_comment(article, status="approved", body="Zichtbare ervaring")
    assert "Zichtbare ervaring" in client.get(article.get_absolute_url()).content.decode()
    withdraw = reverse("blog:comment_withdraw", kwargs={"token": comment.withdraw_token})
    assert client.get(withdraw).status_code == 405  # a link preview must not withdraw
    response = client.post(withdraw, follow=True)
    assert "Je hebt deze bijdrage ingetrokken" in response.content.decode()
    assert "Zichtbare ervaring" not in client.get(article.get_absolute_url()).content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.WITHDRAWN
    entry = AuditEntry.objects.get(action="comment_withdraw", object_id=str(comment.pk))
    assert (entry.from_state, entry.to_state, entry.actor) == ("approved", "withdrawn", None)


def test_an_unknown_private_link_is_404(client):
    assert client.get(reverse("blog:comment_manage", kwargs={"token": "nope"})).status_code == 404


def test_a_closed_article_refuses_with_a_clear_message(client):
    article = make_published_article(comments_open=False, experiences_open=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Reageren en ervaringen delen is gesloten voor dit artikel." in page
    response = client.post(post_url(article), comment_post_data(article))
    assert response.status_code == 403
    assert "kun je geen vragen, reacties of ervaringen meer plaatsen" in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_experiences_refuse_an_experience_but_take_a_question(client):
    article = make_published_article(experiences_open=False)
    response = client.post(post_url(article), comment_post_data(article, kind="experience"))
    assert "Bij dit artikel staan ervaringen delen uit." in response.content.decode()
    assert client.post(post_url(article), comment_post_data(article)).status_code == 302


def test_an_unpublished_article_takes_no_submissions(client):
    draft = make_article()
    assert client.post(post_url(draft), comment_post_data(draft)).status_code == 404


def test_the_post_url_answers_get_with_405(client, article):
    assert client.get(post_url(article)).status_code == 405


def test_post_without_csrf_token_is_403(article):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(post_url(article), comment_post_data(article))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_article_page_form_posts_with_its_csrf_token(article):
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(article.get_absolute_url()).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = strict.post(
        post_url(article), {**comment_post_data(article), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_a_reply_hangs_under_an_approved_item_one_level_deep(client, article):
    question = make_comment(article, status="approved")
    client.post(post_url(article), comment_post_data(article, parent=question.pk))
    reply = Comment.objects.get(parent=question)
    reply.approve(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="reactie-{reply.pk}"' in page
    response = client.post(post_url(article), comment_post_data(article, parent=reply.pk))
    assert response.status_code == 400  # no replies to replies
    assert "niet (meer) zichtbaar" in response.content.decode()


def test_the_reply_link_preselects_the_item_in_the_form(client, article):
    question = make_comment(article, status="approved", name="Piet")
    page = client.get(article.get_absolute_url() + f"?reageer={question.pk}").content.decode()
    assert "Je antwoordt op Piet." in page
    assert f'name="parent" value="{question.pk}"' in page


def test_a_reply_to_a_pending_item_is_refused(client, article):
    pending = make_comment(article)
    response = client.post(post_url(article), comment_post_data(article, parent=pending.pk))
    assert response.status_code == 400
    assert not Comment.objects.filter(parent=pending).exists()


def test_staff_replies_are_marked_redactie_after_approval(client, article):
    question = make_comment(article, status="approved")
    client.force_login(make_staff(groups=["Editors"]))
    client.post(post_url(article), comment_post_data(article, parent=question.pk, name="Redactie"))
    reply = Comment.objects.get(parent=question)
    assert reply.is_editor_reply and reply.status == Comment.Status.PENDING
    reply.approve(by=None)
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="editor-label">Redactie</span>' in page
