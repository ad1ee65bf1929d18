"""Edits to a live article stay pending until publish() passes the gate on the new version."""

import pytest
from django.core.exceptions import ValidationError

from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_ready,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(editor):
    article = make_article(
        title="Vezels en darm", body="Vezels helpen waarschijnlijk [[claim:vezels]]."
    )
    make_citation(
        make_claim(article, key="vezels", statement="Vezels helpen de darm."),
        make_source(design="sr_rct"),
    )
    make_ready(article)
    article.publish(by=editor)
    return article


def public_article(client, article):
    """The article element of the public page (the rest carries per-request CSRF tokens)."""
    page = client.get(article.get_absolute_url()).content.decode()
    return page[page.index("<article") : page.index("</article>")]


def add_uncited_claim(article):
    article.body += "\n\nKurkuma vermindert eczeem waarschijnlijk [[claim:kurkuma]]."
    article.save()
    make_claim(article, key="kurkuma", statement="Kurkuma geneest eczeem.")


def test_an_uncited_claim_on_a_live_article_changes_nothing_for_readers(live, client, editor):
    before = public_article(client, live)
    add_uncited_claim(live)
    after = public_article(client, live)
    assert after == before
    assert "Kurkuma" not in after and "ref-kurkuma" not in after
    with pytest.raises(ValidationError) as refused:
        live.publish(by=editor)
    assert "'kurkuma'" in " ".join(refused.value.messages)
    assert public_article(client, live) == before


def test_admin_shows_pending_changes_with_the_readiness_of_the_new_version(live, admin_client):
    page = admin_client.get(article_change_url(live)).content.decode()
    assert "Gepubliceerd: lezers zien precies deze versie." in page
    add_uncited_claim(live)
    page = admin_client.get(article_change_url(live)).content.decode()
    panel = page[page.index('id="readiness"') :]
    assert "Wijzigingen nog niet gepubliceerd." in panel
    assert "Claim &#x27;kurkuma&#x27; heeft geen bruikbare ondersteunende bron" in panel


def test_editing_through_the_admin_keeps_the_live_page(live, admin_client, client):
    before = public_article(client, live)
    response = post_admin_form(
        admin_client,
        article_change_url(live),
        {
            "body": live.body + " Kurkuma vermindert eczeem waarschijnlijk [[claim:kurkuma]].",
            "claims-1-key": "kurkuma",
            "claims-1-statement": "Kurkuma geneest eczeem.",
            "claims-1-category": "efficacy",
        },
        _publish="1",
    )
    assert response.status_code == 302
    assert live.claims.filter(key="kurkuma").exists()  # the edit was saved …
    assert public_article(client, live) == before  # … not shown


def test_once_covered_the_change_is_published(live, client, editor):
    add_uncited_claim(live)
    make_citation(live.claims.get(key="kurkuma"), make_source(design="rct"))
    make_ready(live)
    live.publish(by=editor)
    page = client.get(live.get_absolute_url()).content.decode()
    assert 'href="#ref-kurkuma"' in page and "bewijs: matig" in page
