"""A slug may change after publication: links keep working and feed ids never change.

A new slug, typed or restored by a revert, takes effect at the next publish(); from
then on the old address answers 301 to the new one.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blog.workflow import revisions
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import make_article, make_published_article, make_ready

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _url(slug):
    return reverse("blog:article", args=[slug])


def _rss_items(client):
    root = ET.fromstring(client.get(reverse("feed-rss")).content)
    return [(item.findtext("guid"), item.findtext("link")) for item in root.iter("item")]


def _atom_ids(client):
    root = ET.fromstring(client.get(reverse("feed-atom")).content)
    return [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]


def _sitemap(client):
    return client.get(reverse("sitemap")).content.decode()


def _rename(article, slug):
    article.slug = slug
    article.save()
    make_ready(article)  # a new slug is a change the review must cover


def test_a_new_slug_waits_for_publish_then_the_old_address_redirects(client, editor):
    article = make_published_article(by=editor, slug="oud-adres")
    guids_before, atom_before = _rss_items(client), _atom_ids(client)
    _rename(article, "nieuw-adres")

    assert client.get(_url("oud-adres")).status_code == 200
    pending = client.get(_url("nieuw-adres"))  # e.g. a comment form's redirect
    assert pending.status_code == 302 and pending["Location"] == _url("oud-adres")
    assert "nieuw-adres" not in _sitemap(client)
    assert "nieuw-adres" not in client.get(reverse("feed-rss")).content.decode()

    article.publish(by=editor)
    moved = client.get(_url("oud-adres"))
    assert moved.status_code == 301 and moved["Location"] == _url("nieuw-adres")
    assert client.get(_url("nieuw-adres")).status_code == 200
    assert "nieuw-adres" in _sitemap(client) and "oud-adres" not in _sitemap(client)
    ((guid, link),) = _rss_items(client)
    assert link.endswith(_url("nieuw-adres"))
    assert [guid] == [g for g, _link in guids_before]  # the feed's id of the item is unchanged
    assert _atom_ids(client) == atom_before


def test_every_earlier_address_redirects_to_the_current_one(client, editor):
    article = make_published_article(by=editor, slug="eerste")
    for slug in ("tweede", "derde"):
        _rename(article, slug)
        article.publish(by=editor)
    for old in ("eerste", "tweede"):
        response = client.get(_url(old))
        assert response.status_code == 301 and response["Location"] == _url("derde")


def test_a_withdrawn_articles_old_address_does_not_redirect(client, editor):
    article = make_published_article(by=editor, slug="eerste")
    _rename(article, "tweede")
    article.publish(by=editor)
    article.withdraw(by=editor, reason="Fout.")
    assert client.get(_url("eerste")).status_code == 404
    assert client.get(_url("tweede")).status_code == 410


def test_revert_to_a_version_with_another_slug_touches_nothing_live(client, editor):
    article = make_published_article(by=editor, slug="eerste", title="Eerste titel")
    first = revisions.latest(article)
    _rename(article, "tweede")
    article.title = "Tweede titel"
    article.save()
    make_ready(article)
    article.publish(by=editor)
    sitemap, rss = _sitemap(client), _rss_items(client)
    count = article.revisions.count()

    revisions.revert(article, to=first, by=editor)

    assert article.revisions.count() == count + 1  # a new working revision…
    article.refresh_from_db()
    assert article.slug == "eerste"  # …with the old slug in the working copy
    page = client.get(_url("tweede"))  # …while readers keep the live address and text
    assert page.status_code == 200 and "Tweede titel" in page.content.decode()
    assert client.get(_url("eerste"))["Location"] == _url("tweede")  # still the old address
    assert (_sitemap(client), _rss_items(client)) == (sitemap, rss)

    make_ready(article)
    article.publish(by=editor)
    assert client.get(_url("tweede"))["Location"] == _url("eerste")
    assert "Eerste titel" in client.get(_url("eerste")).content.decode()


def test_a_slug_another_published_article_answers_to_cannot_be_taken(editor):
    make_published_article(by=editor, slug="bezet")
    other = make_published_article(by=editor, slug="vrij")
    other.slug = "bezet-niet"
    other.save()
    # The working slugs differ, but "bezet" is still a live address: taking it is refused.
    late = make_article(slug="later")
    late.slug = "bezet"
    with pytest.raises(ValidationError) as refused:
        late.full_clean()
    assert "slug" in refused.value.message_dict


def test_an_editor_changes_a_published_slug_in_the_admin_and_it_goes_live_at_publish(
    admin_client, client, editor
):
    article = make_published_article(by=editor, slug="oud-adres")
    response = post_admin_form(admin_client, article_change_url(article), {"slug": "nieuw-adres"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "nieuw-adres"
    assert client.get(_url("oud-adres")).status_code == 200
    make_ready(article)
    article.publish(by=editor)
    assert client.get(_url("oud-adres"))["Location"] == _url("nieuw-adres")
