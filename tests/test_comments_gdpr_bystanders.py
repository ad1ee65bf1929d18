"""The GDPR commands touch exactly the data they name; other readers' replies survive.

An erasure or purge removes the named person's (or the expired) submissions. A reply
another reader wrote under one of them is that reader's own: it stays, under a
placeholder parent that holds nothing of the removed person. Every dry run reports
exactly what the real run then does.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.display import approved_thread
from comments.models import Comment
from tests.factories import make_comment, make_published_article

pytestmark = pytest.mark.django_db

NOOR = "noor@example.test"
SEM = "sem@example.test"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.fixture
def thread():
    """Noor asks; Sem (his own address) and an editor answer; Noor also answers elsewhere."""
    article = make_published_article()
    question = make_comment(
        article, status="approved", email=NOOR, name="Noor", body="Helpt kefir?", kind="experience"
    )
    sems_reply = make_comment(
        article, parent=question, status="approved", email=SEM, name="Sem", body="Bij mij wel."
    )
    editors_reply = make_comment(
        article, parent=question, status="approved", body="Zie de bronnen."
    )
    other = make_comment(article, status="approved", email=SEM, name="Sem", body="Eigen vraag.")
    noors_reply = make_comment(article, parent=other, status="approved", email=NOOR, body="Ja!")
    return article, question, sems_reply, editors_reply, other, noors_reply


def test_erasing_one_reader_keeps_another_readers_reply_under_a_placeholder(thread):
    article, question, sems_reply, editors_reply, other, noors_reply = thread
    run("erase_commenter", NOOR)
    assert set(Comment.objects.all()) == {question, sems_reply, editors_reply, other}
    placeholder = Comment.objects.get(pk=question.pk)
    assert (placeholder.name, placeholder.body) == ("[verwijderd]", "[verwijderd]")
    assert placeholder.email == "" and placeholder.ip_hash == "" and placeholder.condition == ""
    assert placeholder.withdraw_token != question.withdraw_token  # the old private link is dead
    assert Comment.objects.get(pk=sems_reply.pk).body == "Bij mij wel."
    experiences, comments = approved_thread(article)
    shown = {c.pk: [r.pk for r in c.shown_replies] for c in experiences + comments}
    assert shown[question.pk] == [sems_reply.pk, editors_reply.pk]


def test_an_erased_placeholder_shows_on_the_article_with_the_replies_under_it(client, thread):
    article, question, sems_reply, *_rest = thread
    run("erase_commenter", NOOR)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "[verwijderd]" in page and "Bij mij wel." in page and "Helpt kefir?" not in page


def test_erase_dry_run_reports_exactly_what_the_real_run_does(thread):
    planned = run("erase_commenter", NOOR, "--dry-run")
    assert Comment.objects.count() == 5
    done = run("erase_commenter", NOOR)
    assert _numbers(planned) == _numbers(done) == [2, 1]
    assert Comment.objects.count() == 4


def test_erasing_twice_finds_nothing_of_the_person_the_second_time(thread):
    run("erase_commenter", NOOR)
    assert not Comment.objects.by_email(NOOR).exists()


@pytest.fixture
def old_rejected_with_an_approved_reply():
    article = make_published_article()
    rejected = make_comment(article, status="approved", body="Eerst goedgekeurd")
    reply = make_comment(article, parent=rejected, status="approved", email=SEM, body="Antwoord")
    rejected.reject(by=None, reason="Bevat reclame")
    spam = make_comment(article, status="spam")
    long_ago = timezone.now() - timedelta(days=100)
    Comment.objects.filter(pk__in=[rejected.pk, spam.pk]).update(moderated_at=long_ago)
    return rejected, reply, spam


def test_purge_keeps_an_approved_reply_under_a_placeholder(old_rejected_with_an_approved_reply):
    rejected, reply, spam = old_rejected_with_an_approved_reply
    run("purge_moderated", "--days", "90")
    assert set(Comment.objects.all()) == {rejected, reply}
    assert Comment.objects.get(pk=rejected.pk).body == "[verwijderd]"
    kept = Comment.objects.get(pk=reply.pk)
    assert (kept.status, kept.body, kept.email) == ("approved", "Antwoord", SEM)


def test_purge_dry_run_counts_what_the_real_run_removes(old_rejected_with_an_approved_reply):
    planned = run("purge_moderated", "--days", "90", "--dry-run")
    done = run("purge_moderated", "--days", "90")
    assert _numbers(planned) == _numbers(done) == [2, 90, 1]


def test_a_placeholder_is_not_purged_again_on_the_next_run(old_rejected_with_an_approved_reply):
    run("purge_moderated", "--days", "90")
    assert _numbers(run("purge_moderated", "--days", "90")) == [0, 90, 0]
