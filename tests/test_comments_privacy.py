"""GDPR erasure and access, retention, and the email address never leaking into output."""

import json
import logging
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from comments.models import Comment
from tests.factories import comment_post_data, make_comment, make_published_article

pytestmark = pytest.mark.django_db

EMAIL = "anna.jansen@example.test"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def annas_items():
    article = make_published_article()
    question = make_comment(article, status="approved", email=EMAIL, body="Annas vraag")
    experience = make_comment(
        article, kind="experience", email=EMAIL.upper(), body="Annas ervaring"
    )
    reply = make_comment(article, parent=question, status="approved", body="Antwoord erop")
    other = make_comment(article, status="approved", email="ander@example.test")
    return question, experience, reply, other


def test_erase_removes_all_of_one_persons_items_and_says_so_without_the_address(annas_items):
    question, experience, reply, other = annas_items
    question.redact(by=None, body="Annas vraag (ingekort)")
    out, err = run("erase_commenter", EMAIL)
    assert "2 bijdrage(n) van deze persoon gewist. Plaatshouders" in out
    assert EMAIL not in out + err and "anna" not in (out + err).lower()
    assert set(Comment.objects.all()) == {question, reply, other}  # the question is a placeholder
    assert "Anna" not in json.dumps(list(Comment.objects.values()), default=str)
    # The audit keeps who decided what, but no copy of the erased text.
    assert not AuditEntry.objects.filter(
        object_id=str(question.pk), data__has_key="original"
    ).exists()
    assert "Annas vraag" not in json.dumps(
        list(AuditEntry.objects.values("data", "reason", "object_repr"))
    )


def test_erase_dry_run_changes_nothing_and_reports_what_the_real_run_does(annas_items):
    out, _ = run("erase_commenter", EMAIL, "--dry-run")
    assert "2 bijdrage(n) van deze persoon zouden worden gewist." in out
    assert Comment.objects.count() == 4


def test_erase_with_nothing_found_exits_1_with_a_sentence():
    with pytest.raises(CommandError, match="Geen bijdragen gevonden") as failure:
        call_command("erase_commenter", "niemand@example.test")
    assert failure.value.returncode == 1
    assert "niemand" not in str(failure.value)


def test_an_invalid_address_exits_2_without_repeating_it():
    with pytest.raises(CommandError) as failure:
        call_command("erase_commenter", "geen-adres")
    assert failure.value.returncode == 2 and "geen-adres" not in str(failure.value)


def test_export_gives_the_persons_data_as_json_without_the_address(annas_items):
    out, err = run("export_commenter", EMAIL)
    data = json.loads(out)
    assert {item["text"] for item in data["items"]} == {"Annas vraag", "Annas ervaring"}
    experience = next(i for i in data["items"] if i["kind"] == "experience")
    assert experience["experience"]["condition"] == "eczeem" and experience["consent_at"]
    assert EMAIL not in out.lower() + err and "@" not in out


def test_export_to_a_file(annas_items, tmp_path):
    target = tmp_path / "inzage.json"
    out, _ = run("export_commenter", EMAIL, "--output", str(target))
    assert "2 bijdrage(n) geëxporteerd" in out and EMAIL not in out
    assert len(json.loads(target.read_text())["items"]) == 2


def test_export_with_nothing_found_exits_1():
    with pytest.raises(CommandError) as failure:
        call_command("export_commenter", "niemand@example.test")
    assert failure.value.returncode == 1


def test_purge_deletes_old_spam_rejected_and_withdrawn_only():
    article = make_published_article()
    long_ago = timezone.now() - timedelta(days=100)
    old = [make_comment(article, status=s) for s in ("spam", "rejected", "withdrawn")]
    Comment.objects.filter(pk__in=[c.pk for c in old]).update(moderated_at=long_ago)
    recent_spam = make_comment(article, status="spam")
    old_approved = make_comment(article, status="approved")
    old_pending = make_comment(article)
    Comment.objects.filter(pk__in=[old_approved.pk, old_pending.pk]).update(
        moderated_at=long_ago, created_at=long_ago
    )
    out, _ = run("purge_moderated", "--days", "90")
    assert "3 bijdrage(n) verwijderd" in out
    assert set(Comment.objects.all()) == {recent_spam, old_approved, old_pending}


def test_purge_takes_its_default_from_settings(settings):
    settings.GUTCHECK_COMMENTS = {"RETENTION_DAYS": 5}
    spam = make_comment(status="spam")
    Comment.objects.filter(pk=spam.pk).update(moderated_at=timezone.now() - timedelta(days=6))
    out, _ = run("purge_moderated")
    assert "ouder dan 5 dagen" in out and not Comment.objects.exists()


def test_purge_refuses_zero_days():
    with pytest.raises(CommandError) as failure:
        call_command("purge_moderated", "--days", "0")
    assert failure.value.returncode == 2


def test_the_address_stays_out_of_logs_and_moderator_mail(client, caplog, mailoutbox):
    article = make_published_article()
    caplog.set_level(logging.DEBUG)
    client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, email=EMAIL),
    )
    assert EMAIL not in caplog.text
    for message in mailoutbox:
        if message.to != [EMAIL]:
            assert EMAIL not in message.body + message.subject


def test_consent_is_recorded_with_time_and_text_version(client, settings):
    settings.GUTCHECK_COMMENTS = {"CONSENT_VERSION": "2030-7"}
    article = make_published_article()
    client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, kind="experience"),
    )
    comment = Comment.objects.get()
    assert comment.consent_version == "2030-7"
    assert timezone.now() - comment.consent_at < timedelta(minutes=1)


def test_a_mail_outage_keeps_the_submission_and_logs_no_address(client, caplog, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({EMAIL: (550, b"unknown user")})

    monkeypatch.setattr("comments.notify.send_mail", refuse)
    article = make_published_article()
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_post_data(article, email=EMAIL),
    )
    assert response.status_code == 302 and Comment.objects.count() == 1
    assert "Could not send comment mail" in caplog.text and EMAIL not in caplog.text
