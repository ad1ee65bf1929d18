"""Revisions: one per recorded edit (claims and citations included), claim-aware diffs, revert.

Which paths record a revision, and that a plain save() records none: test_revisions_recorded.py.
"""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Revision
from blog.workflow import diffs, revisions
from evidence.models import Citation, Disclaimer, Source
from tests.factories import (
    make_approval,
    make_article,
    make_citation,
    make_claim,
    make_published_article,
    make_source,
)

pytestmark = pytest.mark.django_db


def numbers(article):
    return list(article.revisions.order_by("number").values_list("number", flat=True))


def test_recording_a_change_stores_a_revision_and_recording_no_change_does_not():
    article = make_article(title="Eerste")
    start = revisions.current_revision(article).number
    assert revisions.record_revision(article).number == start
    article.title = "Tweede"
    article.save()
    revisions.record_revision(article)
    newest = revisions.latest(article)
    assert newest.number == start + 1 and newest.data["fields"]["title"] == "Tweede"


def test_revision_holds_claims_with_their_citations():
    article = make_article(body="Tekst [[claim:zink]].")
    claim = make_claim(article, key="zink", statement="Zink helpt.")
    make_citation(claim, make_source(title="Zinkstudie"))
    data = revisions.current_revision(article).data
    [stored] = data["claims"]
    assert stored["key"] == "zink" and stored["fields"]["statement"] == "Zink helpt."
    assert stored["citations"][0]["source_title"].startswith("Zinkstudie")
    assert stored["level"] == "moderate"


def admin_post_data(article, **overrides):
    data = {
        "title": article.title,
        "slug": article.slug,
        "language": article.language,
        "lead": article.lead,
        "body": article.body,
        "authors": [a.pk for a in article.authors.all()],
        "topic": "",
        "tags": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "hero_licence": "",
        "comments_open": "on",
        "experiences_open": "on",
        "review_due": "",
        "base_revision": revisions.latest_number(article),
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "attached_disclaimers-TOTAL_FORMS": "0",
        "attached_disclaimers-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_save_with_a_new_inline_claim_makes_one_revision_with_the_claim(client):
    admin = User.objects.create_superuser("baas", "baas@example.test", "pw")
    client.force_login(admin)
    article = make_article(body="Tekst.")
    before = revisions.latest_number(article)
    response = client.post(
        reverse("admin:blog_article_change", args=[article.pk]),
        admin_post_data(
            article,
            body="Tekst [[claim:vezels]].",
            **{
                "claims-TOTAL_FORMS": "1",
                "claims-0-key": "vezels",
                "claims-0-statement": "Vezels voeden darmbacteriën.",
                "claims-0-category": "mechanism",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert numbers(article)[-1] == before + 1
    newest = revisions.latest(article)
    assert [c["key"] for c in newest.data["claims"]] == ["vezels"]
    assert newest.created_by == admin


def test_editing_only_a_citation_on_the_claim_page_makes_a_revision(client):
    client.force_login(User.objects.create_superuser("baas", "baas@example.test", "pw"))
    article = make_article(body="Tekst [[claim:zink]].")
    claim = make_claim(article, key="zink")
    citation = make_citation(claim)
    before = revisions.current_revision(article).number
    Citation.objects.filter(pk=citation.pk).update(locator="tabel 2")
    client.post(
        reverse("admin:evidence_claim_change", args=[claim.pk]),
        {
            "article": article.pk,
            "key": "zink",
            "statement": claim.statement,
            "category": claim.category,
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": citation.pk,
            "citations-0-claim": claim.pk,
            "citations-0-source": citation.source_id,
            "citations-0-role": "supports",
            "citations-0-locator": "tabel 3",
            "citations-0-quote": "",
            "citations-0-level_override": "",
            "citations-0-override_reason": "",
            "citations-0-override_explanation": "",
        },
    )
    newest = revisions.latest(article)
    assert newest.number == before + 1
    assert newest.data["claims"][0]["citations"][0]["fields"]["locator"] == "tabel 3"


def build_two_revisions():
    """An old and a new revision differing in every way the summary speaks about."""
    article = make_article(body="Regel een.\nRegel twee [[claim:zink]].")
    zink = make_claim(article, key="zink", statement="Zink helpt.")
    old_source = make_source(title="Oude studie", design=Source.Design.SYSTEMATIC_REVIEW_RCTS)
    make_citation(zink, old_source)
    make_claim(article, key="weg", statement="Deze claim verdwijnt.", category="opinion")
    old = revisions.current_revision(article)
    zink.citations.all().delete()
    make_citation(zink, make_source(title="Nieuwe studie", design=Source.Design.COHORT))
    article.claims.filter(key="weg").delete()
    make_claim(article, key="nieuw", statement="Een nieuwe bewering.", category="opinion")
    disclaimer = Disclaimer.objects.create(
        kind="general", title="Geen advies", text_nl="Geen medisch advies.", text_en="No advice."
    )
    article.attached_disclaimers.create(disclaimer=disclaimer)
    article.body = "Regel een.\nRegel twee, herschreven [[claim:zink]]."
    article.save()
    return article, old, revisions.record_revision(article)


def test_claim_aware_summary_names_every_kind_of_change():
    _article, old, new = build_two_revisions()
    summary = "\n".join(diffs.compare(old, new).summary)
    assert "Claim toegevoegd: 'nieuw'" in summary
    assert "Claim verwijderd: 'weg'" in summary
    assert "Zekerheid van claim 'zink': hoog → laag" in summary
    assert "Bronnen gewisseld bij claim 'zink'" in summary
    assert "Oude studie" in summary and "Nieuwe studie" in summary
    assert "Disclaimer toegevoegd: Geen advies" in summary


def test_compare_page_shows_text_side_by_side_and_the_summary(client, editor):
    article, old, new = build_two_revisions()
    client.force_login(editor)
    response = client.get(
        reverse("admin:blog_article_compare", args=[article.pk]),
        {"from": old.number, "to": new.number},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="diff"' in body and "herschreven" in body
    assert "Bronnen gewisseld" in body


def test_compare_escapes_what_editors_typed(client, editor):
    article = make_article(body="Veilig.")
    old = revisions.current_revision(article)
    article.body = "<script>alert(1)</script>"
    article.save()
    revisions.record_revision(article)
    client.force_login(editor)
    body = client.get(
        reverse("admin:blog_article_compare", args=[article.pk]),
        {"from": old.number, "to": revisions.latest_number(article)},
    ).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_history_lists_who_changed_what(client, editor):
    article = make_article(title="Oud")
    revisions.record_revision(article)
    article.title = "Nieuw"
    article.save()
    revisions.record_revision(article, by=editor)
    client.force_login(editor)
    body = client.get(reverse("admin:blog_article_versions", args=[article.pk])).content.decode()
    assert "editor" in body and "titel" in body.lower()


def test_revert_restores_text_and_claims_as_a_new_revision_keeping_history(client, editor):
    article, old, new = build_two_revisions()
    client.force_login(editor)
    response = client.post(reverse("admin:blog_article_revert", args=[article.pk, old.number]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert "herschreven" not in article.body
    assert sorted(article.claims.values_list("key", flat=True)) == ["weg", "zink"]
    assert article.claims.get(key="zink").citations.get().source.title == "Oude studie"
    assert not article.attached_disclaimers.exists()
    newest = revisions.latest(article)
    assert newest.number == new.number + 1 and str(old.number) in newest.note
    assert Revision.objects.filter(pk__in=[old.pk, new.pk]).count() == 2
    assert diffs.compare(old, newest).summary == []
    assert article.audit_entries.filter(action="revert", actor=editor).exists()


def test_revert_brings_back_each_attached_disclaimers_note(client, editor):
    article = make_article(body="Zink helpt mogelijk.")
    disclaimer = Disclaimer.objects.create(
        kind="general", title="Geen advies", text_nl="Geen medisch advies.", text_en="No advice."
    )
    attachment = article.attached_disclaimers.create(
        disclaimer=disclaimer, note="Vanwege de dosis."
    )
    old = revisions.record_revision(article, by=editor)
    attachment.note = "Andere reden."
    attachment.save()
    revisions.record_revision(article, by=editor)
    client.force_login(editor)
    response = client.post(reverse("admin:blog_article_revert", args=[article.pk, old.number]))
    assert response.status_code == 302
    assert article.attached_disclaimers.get().note == "Vanwege de dosis."
    assert diffs.compare(old, revisions.latest(article)).summary == []


def test_revert_asks_for_confirmation_first_and_shows_what_changes(client, editor):
    article, old, new = build_two_revisions()
    client.force_login(editor)
    url = reverse("admin:blog_article_revert", args=[article.pk, old.number])
    versions = client.get(reverse("admin:blog_article_versions", args=[article.pk])).content
    assert url.encode() in versions  # the list's button leads to the question, not the deed
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Ja, zet versie {old.number} terug" in body and 'method="post"' in body
    assert "herschreven" in body  # what the restore takes away, shown before it happens
    assert revisions.latest(article).number == new.number  # nothing restored yet


def test_revert_of_a_published_article_stays_pending_until_publish(client, editor):
    article = make_published_article(by=editor, title="Live titel")
    first = revisions.latest(article)
    article.title = "Tweede titel"
    article.save()
    make_approval(article)  # a new title needs a new review
    article.publish(by=editor)
    revisions.revert(article, to=first, by=editor)
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Tweede titel" in body


def test_article_page_never_reads_revisions(client, editor):
    article = make_published_article(by=editor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert not [
        q
        for q in queries.captured_queries
        if "blog_revision" in q["sql"] or "blog_review" in q["sql"]
    ]
