"""The moderation queue in the admin and the transitions behind it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from comments import notify
from comments.models import Comment, ModerationWord
from tests.factories import (
    comment_post_data,
    make_comment,
    make_published_article,
    make_staff,
)

pytestmark = pytest.mark.django_db

QUEUE = "admin:comments_comment_changelist"


@pytest.fixture
def moderator():
    return make_staff("moderator", groups=["Moderators"], email="mod@example.test")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def decide_url(comment, decision):
    return reverse("admin:comments_comment_decide", args=[comment.pk, decision])


def audit_for(comment):
    return AuditEntry.objects.filter(
        object_id=str(comment.pk), content_type__model="comment"
    ).order_by("id")


# Transitions -----------------------------------------------------------------------------


def test_each_transition_writes_who_when_from_to_and_why(moderator):
    comment = make_comment()
    comment.approve(by=moderator)
    comment.reject(by=moderator, reason="Toch persoonlijk medisch advies")
    comment.mark_spam(by=moderator)
    rows = list(
        audit_for(comment).values_list("action", "actor", "from_state", "to_state", "reason")
    )
    assert rows == [
        ("comment_approve", moderator.pk, "pending", "approved", ""),
        ("comment_reject", moderator.pk, "approved", "rejected", "Toch persoonlijk medisch advies"),
        ("comment_spam", moderator.pk, "rejected", "spam", ""),
    ]
    comment.refresh_from_db()
    assert comment.moderated_by == moderator and comment.moderated_at is not None


def test_reject_needs_a_reason(moderator):
    comment = make_comment()
    with pytest.raises(ValidationError, match="Geef een reden op"):
        comment.reject(by=moderator, reason="  ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_withdrawn_item_cannot_be_moderated_back(moderator):
    comment = make_comment(status="withdrawn")
    with pytest.raises(ValidationError, match="ingetrokken"):
        comment.approve(by=moderator)


# The queue ---------------------------------------------------------------------------------


def _queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(QUEUE)).status_code == 200
    return len(queries)


def test_the_queue_links_each_item_to_its_live_article_without_a_query_per_row(
    moderator_client,
):
    make_comment(make_published_article(), body="eerste")
    moderator_client.get(reverse(QUEUE))  # the first request of a session costs one more
    one = _queue_queries(moderator_client)
    for n in range(5):
        make_comment(make_published_article(), body=f"nog een {n}")
    page = moderator_client.get(reverse(QUEUE)).content.decode()
    assert page.count('href="/artikelen/') >= 6
    assert _queue_queries(moderator_client) == one


def test_the_queue_opens_on_waiting_items_newest_first(moderator_client):
    article = make_published_article()
    old = make_comment(article, body="oudste wachtende")
    old.created_at = timezone.now() - timedelta(hours=2)
    old.save()
    make_comment(article, body="nieuwste wachtende")
    make_comment(article, status="approved", body="al goedgekeurd")
    page = moderator_client.get(reverse(QUEUE)).content.decode()
    assert page.index("nieuwste wachtende") < page.index("oudste wachtende")
    assert "al goedgekeurd" not in page
    page = moderator_client.get(reverse(QUEUE) + "?status=all").content.decode()
    assert "al goedgekeurd" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?kind__exact=experience", "een ervaring", "een vraag"),
        ("?signaal=dose", "neem 500 mg", "een vraag"),
        ("?signaal=none", "een vraag", "neem 500 mg"),
    ],
)
def test_the_queue_filters_by_kind_and_hold_reason(client, moderator_client, query, shown, hidden):
    article = make_published_article()
    client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, body="Ik neem 500 mg"),
    )
    make_comment(article, body="een vraag")
    make_comment(article, kind="experience", body="een ervaring")
    page = moderator_client.get(reverse(QUEUE) + query).content.decode()
    assert shown in page and hidden not in page


def test_the_queue_filters_by_article(moderator_client):
    first, second = make_published_article(), make_published_article()
    make_comment(first, body="bij het eerste")
    make_comment(second, body="bij het tweede")
    page = moderator_client.get(reverse(QUEUE) + f"?article__id__exact={first.pk}").content
    assert b"bij het eerste" in page and b"bij het tweede" not in page


def test_the_queue_shows_why_an_item_was_held(client, moderator_client):
    article = make_published_article()
    client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, body="Stop met je medicatie en neem 500 mg."),
    )
    page = moderator_client.get(reverse(QUEUE)).content.decode()
    assert "advies om met medicatie te stoppen: Stop met je medicatie" in page
    assert "dosering genoemd: 500 mg" in page


def test_the_email_address_is_not_shown_to_moderators(moderator_client):
    comment = make_comment(email="lezer.prive@example.test")
    for url in (reverse(QUEUE), reverse("admin:comments_comment_change", args=[comment.pk])):
        assert "lezer.prive" not in moderator_client.get(url).content.decode()


def test_bulk_approve_and_spam(moderator_client, moderator):
    first, second = make_comment(), make_comment()
    moderator_client.post(
        reverse(QUEUE), {"action": "approve_selected", "_selected_action": [first.pk, second.pk]}
    )
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    # Actions apply to the list as filtered, like the form posting from "alle".
    moderator_client.post(
        reverse(QUEUE) + "?status=all", {"action": "spam_selected", "_selected_action": [first.pk]}
    )
    first.refresh_from_db()
    assert first.status == "spam" and first.moderated_by == moderator


def test_bulk_reject_asks_for_a_reason_first(moderator_client):
    comment = make_comment(body="af te wijzen")
    selection = {"action": "reject_selected", "_selected_action": [comment.pk]}
    page = moderator_client.post(reverse(QUEUE), selection).content.decode()
    assert "af te wijzen" in page and 'name="reject_reason"' in page
    comment.refresh_from_db()
    assert comment.status == "pending"
    page = moderator_client.post(
        reverse(QUEUE), {**selection, "confirm_reject": "1", "reject_reason": ""}
    ).content.decode()
    assert "Geef een reden op" in page
    moderator_client.post(
        reverse(QUEUE), {**selection, "confirm_reject": "1", "reject_reason": "Reclame of verkoop"}
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == ("rejected", "Reclame of verkoop")


def test_per_item_buttons_decide_by_post_and_refuse_get(moderator_client):
    comment = make_comment()
    assert moderator_client.get(decide_url(comment, "approve")).status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"
    response = moderator_client.post(decide_url(comment, "approve"))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_per_item_reject_without_reason_reports_the_error(moderator_client):
    comment = make_comment()
    response = moderator_client.post(decide_url(comment, "reject"), {"reason": ""}, follow=True)
    assert "Geef een reden op om een bijdrage af te wijzen." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_redacting_changes_what_readers_see_and_keeps_the_original_in_the_audit(
    client, moderator_client, moderator
):
    comment = make_comment(status="approved", body="Ik ben Jan de Vries uit Zwolle.")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    moderator_client.post(
        url,
        {
            "name": comment.name,
            "body": "Ik ben Jan uit [plaats].",
            "condition": "",
            "tried": "",
            "duration": "",
            "redaction_reason": "achternaam en woonplaats",
        },
    )
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Ik ben Jan uit [plaats]." in page and "de Vries" not in page
    entry = audit_for(comment).get(action="comment_redact")
    assert entry.actor == moderator and entry.reason == "achternaam en woonplaats"
    assert entry.data["original"]["body"] == "Ik ben Jan de Vries uit Zwolle."


def test_the_admin_index_shows_how_many_items_wait(moderator_client):
    make_comment()
    make_comment()
    make_comment(status="approved")
    page = moderator_client.get(reverse("admin:index")).content.decode()
    assert "2 bijdragen wachten op moderatie." in page


def test_moderators_are_mailed_at_most_once_per_interval(client, moderator, settings):
    settings.GUTCHECK_COMMENTS = {"NOTIFY_EVERY_MINUTES": 15}
    article = make_published_article()
    url = reverse("comments:post", kwargs={"slug": article.slug})
    client.post(url, comment_post_data(article, email="lezer@example.test"))
    client.post(url, comment_post_data(article))
    alerts = [m for m in mail.outbox if m.to == ["mod@example.test"]]
    assert len(alerts) == 1 and "1 bijdrage wacht op moderatie" in alerts[0].subject
    assert "lezer@example.test" not in alerts[0].body
    later = timezone.now() + timedelta(minutes=16)
    assert notify.alert_moderators(now=later) is True
    assert "2 bijdragen wachten" in mail.outbox[-1].subject


def test_an_item_filed_as_spam_by_the_block_list_does_not_alert(client, moderator):
    ModerationWord.objects.create(phrase="casino", action="block")
    article = make_published_article()
    client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, body="Beste casino ooit"),
    )
    assert Comment.objects.get().status == "spam"
    assert not [m for m in mail.outbox if m.to == ["mod@example.test"]]
    assert audit_for(Comment.objects.get()).get().to_state == "spam"


def test_moderators_maintain_the_word_lists(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_moderationword_add"),
        {"phrase": "  Wonder  Middel ", "action": "hold", "note": ""},
    )
    assert response.status_code == 302

    assert ModerationWord.objects.get().phrase == "wonder middel"
