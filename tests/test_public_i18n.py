"""Dutch by default, English after the reader switches."""

import html5lib
import pytest
from django.urls import reverse

from tests.factories import make_published_article

pytestmark = pytest.mark.django_db


def _lang(response):
    tree = html5lib.parse(response.content, treebuilder="etree", namespaceHTMLElements=False)
    return tree.get("lang")


def _switch(client, language, next_url="/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_site_is_dutch_by_default(client):
    response = client.get(reverse("blog:home"))
    assert _lang(response) == "nl"
    assert "Naar de inhoud" in response.content.decode()


def test_switching_to_english_changes_the_page_language_and_returns_to_the_page(client, editor):
    article = make_published_article(by=editor)
    response = _switch(client, "en", article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    page = client.get(article.get_absolute_url())
    assert _lang(page) == "en"
    # Django's own catalogue is compiled: a date on the page uses the English month name.
    month_en = article.published_at.strftime("%B")
    assert month_en in page.content.decode()
    assert 'value="en" lang="en" aria-pressed="true"' in page.content.decode()


def test_admin_follows_the_chosen_language(client):
    assert "Gebruikersnaam" in client.get("/admin/login/").content.decode()
    _switch(client, "en")
    assert "Username" in client.get("/admin/login/").content.decode()
    _switch(client, "nl")
    assert "Gebruikersnaam" in client.get("/admin/login/").content.decode()


def test_browser_preference_for_english_is_honoured(client):
    response = client.get(reverse("blog:home"), headers={"accept-language": "en-GB,en;q=0.9"})
    assert _lang(response) == "en"


def test_unsupported_browser_language_falls_back_to_dutch(client):
    response = client.get(reverse("blog:home"), headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert _lang(response) == "nl"


def test_every_page_offers_the_switch_back_to_the_same_page(client):
    text = client.get(reverse("blog:article_list") + "?page=1").content.decode()
    assert f'action="{reverse("set_language")}"' in text
    assert 'name="next" type="hidden" value="/artikelen/?page=1"' in text
