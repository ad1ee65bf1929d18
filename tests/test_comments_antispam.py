"""Anti-spam without third parties: honeypot, signed timestamp, rate limit, duplicates, signals."""

import time

import pytest
from django.urls import reverse

from comments import antispam
from comments.models import Comment, ModerationWord
from tests.factories import comment_post_data, make_published_article, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_published_article()


def post(client, article, **overrides):
    return post_comment(
        client, article, comment_post_data(article, **overrides), REMOTE_ADDR="203.0.113.7"
    )


def test_a_filled_honeypot_stores_nothing_and_says_why(client, article):
    response = post(client, article, website="http://spam.example", body="Mijn tekst")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit formulier lijkt automatisch ingevuld" in page and "Mijn tekst" in page
    assert not Comment.objects.exists()


def test_a_form_sent_within_three_seconds_is_refused_and_keeps_the_text(client, article):
    token = antispam.issue_form_token(article)  # opened just now
    response = post(client, article, started=token, body="Snel getypt")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Je verstuurde het formulier erg snel" in page and "Snel getypt" in page
    assert not Comment.objects.exists()


def test_a_form_older_than_two_hours_is_refused_and_renewed(client, article):
    stale = antispam.issue_form_token(article, issued_at=time.time() - 3 * 3600)
    response = post(client, article, started=stale, body="Oude tekst")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit formulier stond te lang open" in page and "Oude tekst" in page
    assert stale not in page  # a fresh token, so resending the re-shown form works


def test_the_time_limits_come_from_settings(client, article, settings):
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 0}
    assert post(client, article, started=antispam.issue_form_token(article)).status_code == 302


@pytest.mark.parametrize("started", ["", "forged-value", "eyJhIjoxfQ:1abc:bad-signature"])
def test_a_missing_or_forged_timestamp_is_refused(client, article, started):
    response = post(client, article, started=started)
    assert response.status_code == 400
    assert "Het formulier is onvolledig aangekomen" in response.content.decode()


def test_a_timestamp_from_another_article_is_refused(client, article):
    other = make_published_article()
    token = antispam.issue_form_token(other, issued_at=time.time() - 60)
    response = post(client, article, started=token)
    assert "hoort bij een ander artikel" in response.content.decode()


def test_the_sixth_post_within_ten_minutes_gets_a_readable_429(client, article):
    for n in range(5):
        assert post(client, article, body=f"Bericht {n}").status_code == 302
    response = post(client, article, body="Nummer zes")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Even wachten, alsjeblieft." in page and "Nummer zes" in page
    assert response["Retry-After"] == "600"
    assert Comment.objects.count() == 5


def test_the_rate_limit_counts_per_address(client, article):
    for n in range(5):
        post(client, article, body=f"Bericht {n}")
    other = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article),
        REMOTE_ADDR="198.51.100.1",
    )
    assert other.status_code == 302


def test_the_rate_limit_is_configurable(client, article, settings):
    settings.GUTCHECK_COMMENTS = {"RATE_LIMIT": 1}
    assert post(client, article, body="Een").status_code == 302
    assert post(client, article, body="Twee").status_code == 429


def test_sending_the_same_submission_twice_stores_one_item(client, article):
    data = comment_post_data(article, body="Dubbel geklikt")
    url = reverse("comments:post", kwargs={"slug": article.slug})
    first = client.post(url, data, REMOTE_ADDR="203.0.113.7")
    second = client.post(url, data, REMOTE_ADDR="203.0.113.7")
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_same_text_from_another_address_is_not_collapsed(client, article):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    for address in ["203.0.113.7", "198.51.100.1"]:  # two readers, each with their own form
        data = comment_post_data(article, name="Sanne", body="Veelgestelde vraag")
        client.post(url, data, REMOTE_ADDR=address)
    assert Comment.objects.count() == 2


def test_the_address_is_stored_only_as_a_keyed_hash(client, article):
    post(client, article)
    stored = Comment.objects.get().ip_hash
    assert stored and "203.0.113.7" not in stored
    assert len(stored) == 64


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Ik neem 500 mg per dag.", "dose"),
        ("Elke dag 10 g inuline en 2000 IE vitamine D.", "dose"),
        ("Bestel het via https://www.bol.com/nl/p/wonderpoeder/123", "shop_link"),
        ("Kijk op https://superhuid-shop.example/product/zalf", "shop_link"),
        ("Met kortingscode HUID10 krijg je korting.", "shop_link"),
        ("Stop met je medicatie, dat is allemaal chemie.", "stop_medication"),
        ("Ik ben gestopt met mijn hormoonzalf en het ging beter.", "stop_medication"),
        ("Laat je medicijnen gewoon staan.", "stop_medication"),
        ("Soms wil ik niet meer leven door de jeuk.", "crisis"),
        ("Ik denk aan zelfmoord.", "crisis"),
        ("Zie https://a.example/ en https://b.example/", "links"),
    ],
)
def test_health_signals_are_flagged_for_the_moderator(client, article, text, flag):
    post(client, article, body=text)
    comment = Comment.objects.get()
    assert flag in comment.flag_codes
    assert comment.score > 0
    assert comment.status == Comment.Status.PENDING  # flagged, never decided automatically


def test_an_ordinary_question_carries_no_signal(client, article):
    post(client, article, body="Is kefir ook goed voor kinderen? Zie https://www.thuisarts.nl")
    comment = Comment.objects.get()
    assert comment.flag_codes == [] and comment.score == 0


def test_a_hold_word_flags_and_a_block_word_files_as_spam(client, article):
    ModerationWord.objects.create(phrase="Wondermiddel", action=ModerationWord.Action.HOLD)
    ModerationWord.objects.create(phrase="casino bonus", action=ModerationWord.Action.BLOCK)
    post(client, article, body="Dit wondermiddel hielp mij.")
    post(client, article, body="Gratis CASINO   bonus hier")
    held, blocked = Comment.objects.order_by("id")
    assert held.status == "pending" and "hold_word" in held.flag_codes
    assert blocked.status == "spam" and "block_word" in blocked.flag_codes


def test_word_lists_match_whole_words_only():
    comment = Comment(name="x", body="Ik doe aan pilates.", condition="", tried="", duration="")
    words = [ModerationWord(phrase="pil", action=ModerationWord.Action.HOLD)]
    assert antispam.assess(comment, words=words).codes == []


def test_a_higher_score_never_publishes(client, article):
    post(
        client,
        article,
        body="Stop met je medicatie! 500 mg via https://shop.example/p/1 "
        "en https://shop.example/p/2",
    )
    comment = Comment.objects.get()
    assert comment.score >= 8 and comment.status == Comment.Status.PENDING
