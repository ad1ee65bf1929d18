"""A reader posts a question or an experience, sees the thank-you and can withdraw it."""

import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from comments import antispam
from comments.models import Comment
from tests.factories import (
    comment_post_data,
    make_article,
    make_comment,
    make_published_article,
    make_staff,
    post_comment,
)

pytestmark = pytest.mark.django_db

THANKS = "Bedankt! Je bijdrage wordt gelezen door een moderator voordat hij verschijnt"


def post_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


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
    post_comment(client, article, comment_post_data(article, kind="experience"))
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
    response = post_comment(client, article, data)
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
    response = post_comment(
        client, article, comment_post_data(article, kind="experience", **{missing: ""})
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_name_is_required_and_email_is_optional(client, article):
    response = post_comment(client, article, comment_post_data(article, name="  "))
    assert "Vul je naam in" in response.content.decode()
    response = post_comment(client, article, comment_post_data(article, email=""))
    assert response.status_code == 302


def test_a_bad_email_address_gets_a_specific_error(client, article):
    response = post_comment(client, article, comment_post_data(article, email="sanne@"))
    assert "Dit e-mailadres klopt niet" in response.content.decode()


def test_text_over_5000_characters_is_refused_with_its_length(client, article):
    response = post_comment(client, article, comment_post_data(article, body="a" * 5001))
    assert response.status_code == 400
    assert "Je tekst is 5001 tekens; het maximum is 5000" in response.content.decode()
    assert not Comment.objects.exists()


def test_invisible_control_characters_are_dropped(client, article):
    post_comment(client, article, comment_post_data(article, body="Hal\x00lo\u202e daar"))
    assert Comment.objects.get().body == "Hallo daar"


def test_withdraw_link_is_mailed_when_an_address_is_given(client, article):
    post_comment(client, article, comment_post_data(article, email="sanne@example.test"))
    comment = Comment.objects.get()
    to_writer = [m for m in mail.outbox if m.to == ["sanne@example.test"]]
    assert len(to_writer) == 1 and comment.withdraw_token in to_writer[0].body


def test_withdrawing_removes_an_approved_item_from_the_article_at_once(client, article):
    comment = make_comment(article, status="approved", body="Zichtbare ervaring")
    assert "Zichtbare ervaring" in client.get(article.get_absolute_url()).content.decode()
    withdraw = reverse("comments:withdraw", kwargs={"token": comment.withdraw_token})
    assert client.get(withdraw).status_code == 405  # a link preview must not withdraw
    response = client.post(withdraw, follow=True)
    assert "Je hebt deze bijdrage ingetrokken" in response.content.decode()
    assert "Zichtbare ervaring" not in client.get(article.get_absolute_url()).content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.WITHDRAWN
    entry = AuditEntry.objects.get(action="comment_withdraw", object_id=str(comment.pk))
    assert (entry.from_state, entry.to_state, entry.actor) == ("approved", "withdrawn", None)


def test_an_unknown_private_link_is_404(client):
    assert client.get(reverse("comments:manage", kwargs={"token": "nope"})).status_code == 404


def test_a_closed_article_refuses_with_a_clear_message(client):
    article = make_published_article(comments_open=False, experiences_open=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Reageren en ervaringen delen is gesloten voor dit artikel." in page
    response = post_comment(client, article, comment_post_data(article))
    assert response.status_code == 403
    assert "kun je geen vragen, reacties of ervaringen meer plaatsen" in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_experiences_refuse_an_experience_but_take_a_question(client):
    article = make_published_article(experiences_open=False)
    response = post_comment(client, article, comment_post_data(article, kind="experience"))
    assert "Bij dit artikel staan ervaringen delen uit." in response.content.decode()
    assert post_comment(client, article, comment_post_data(article)).status_code == 302


def test_an_unpublished_article_takes_no_submissions(client):
    draft = make_article()
    assert post_comment(client, draft, comment_post_data(draft)).status_code == 404


def test_a_refused_post_redirects_to_a_page_showing_that_attempt(client, article):
    """POST/redirect/GET: Back and Reload after a refused post never re-send the form."""
    data = comment_post_data(article, kind="experience", body="Mijn verhaal.")
    del data["consent"]
    response = client.post(post_url(article), data)
    assert response.status_code == 303 and response["Location"] == post_url(article)
    for _ in range(2):  # a reload shows the same attempt again
        page = client.get(post_url(article))
        assert page.status_code == 400
        assert (
            "Geef toestemming" in page.content.decode() and "Mijn verhaal." in page.content.decode()
        )
    assert not Comment.objects.exists()


def test_the_shown_attempt_keeps_the_errors_it_had_when_it_was_sent(client, article):
    """A too-fast post still says so when its page is opened later, and can then be re-sent."""
    token = antispam.issue_form_token(article)
    client.post(post_url(article), comment_post_data(article, started=token, body="Snel"))
    with mock.patch("time.time", return_value=time.time() + 30):
        page = client.get(post_url(article)).content.decode()
        assert "Je verstuurde het formulier erg snel" in page
        assert f'value="{token}"' in page  # the same form, which may be sent once read over
        response = client.post(post_url(article), comment_post_data(article, started=token))
    assert response.status_code == 302
    assert client.get(post_url(article))["Location"].endswith("#reactieformulier")


def test_the_form_page_without_an_attempt_leads_to_the_articles_form(client, article):
    response = client.get(post_url(article))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url() + "#reactieformulier"


def test_an_attempt_is_forgotten_when_the_form_has_expired(client, article):
    data = comment_post_data(article, body="Vergeten tekst")
    del data["name"]
    client.post(post_url(article), data)
    with mock.patch("time.time", return_value=time.time() + 3 * 3600):
        assert client.get(post_url(article)).status_code == 302


def test_an_attempt_belongs_to_the_reader_who_sent_it(client, article):
    data = comment_post_data(article, body="Alleen voor mij")
    del data["name"]
    client.post(post_url(article), data)
    assert Client().get(post_url(article)).status_code == 302


def test_the_thank_you_page_shows_the_experience_as_it_was_sent(client, article):
    response = post_comment(client, article, comment_post_data(article, kind="experience"))
    page = client.get(response["Location"]).content.decode()
    for shown in ["eczeem", "kefir bij het ontbijt (voeding)", "6 weken", "beter"]:
        assert shown in page, shown


@pytest.mark.parametrize("refused", [False, True])
def test_private_pages_keep_the_link_from_other_sites_but_let_csrf_see_the_origin(
    client, article, refused
):
    """no-referrer would make the browser send 'Origin: null' and Django's CSRF check refuse."""
    data = comment_post_data(article, name="" if refused else "Sanne")
    first = client.post(post_url(article), data)
    page = client.get(first["Location"])
    for response in (first, page):
        assert response["Referrer-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]


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
    post_comment(client, article, comment_post_data(article, parent=question.pk))
    reply = Comment.objects.get(parent=question)
    reply.approve(by=None)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="reactie-{reply.pk}"' in page
    response = post_comment(client, article, comment_post_data(article, parent=reply.pk))
    assert response.status_code == 400  # no replies to replies
    assert "niet (meer) zichtbaar" in response.content.decode()


def test_the_reply_link_preselects_the_item_in_the_form(client, article):
    question = make_comment(article, status="approved", name="Piet")
    page = client.get(article.get_absolute_url() + f"?reageer={question.pk}").content.decode()
    assert "Je antwoordt op Piet." in page
    assert f'name="parent" value="{question.pk}"' in page


def test_a_reply_to_a_pending_item_is_refused(client, article):
    pending = make_comment(article)
    response = post_comment(client, article, comment_post_data(article, parent=pending.pk))
    assert response.status_code == 400
    assert not Comment.objects.filter(parent=pending).exists()


def test_staff_replies_are_marked_redactie_after_approval(client, article):
    question = make_comment(article, status="approved")
    client.force_login(make_staff(groups=["Editors"]))
    post_comment(client, article, comment_post_data(article, parent=question.pk, name="Redactie"))
    reply = Comment.objects.get(parent=question)
    assert reply.is_editor_reply and reply.status == Comment.Status.PENDING
    reply.approve(by=None)
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="editor-label">Redactie</span>' in page
