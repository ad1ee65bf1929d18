"""The article admin: publishing through the gate, clear form errors, nothing typed lost."""

import io

import html5lib
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from blog.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_published_article,
    make_ready,
    make_staff,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:blog_article_changelist")
ADD = reverse("admin:blog_article_add")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def _change_url(article):
    return reverse("admin:blog_article_change", args=[article.pk])


def _form_data(response):
    """Every field of the rendered article form as the browser would submit it.

    Reading the page (rather than hard-coding fields) keeps these tests working
    while other features add inlines and fields to the same form.
    """
    # Decoded first: from bytes html5lib guesses windows-1252 and would garble "ë" on resubmit.
    tree = html5lib.parse(
        response.content.decode(), treebuilder="etree", namespaceHTMLElements=False
    )
    form = next(f for f in tree.iter("form") if f.get("id") == "article_form")
    data = {}
    for element in form.iter("input"):
        name, kind = element.get("name"), (element.get("type") or "text").lower()
        if not name or kind in {"submit", "button", "file", "image"}:
            continue
        if kind in {"checkbox", "radio"} and element.get("checked") is None:
            continue
        default = "on" if kind in {"checkbox", "radio"} else ""
        data.setdefault(name, []).append(element.get("value", default))
    for element in form.iter("textarea"):
        data[element.get("name")] = [(element.text or "").lstrip("\n")]
    for element in form.iter("select"):
        chosen = [o.get("value") for o in element.iter("option") if o.get("selected") is not None]
        if chosen:
            data[element.get("name")] = chosen
    return data


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _new_article_data(admin_client, **fields):
    data = _form_data(admin_client.get(ADD))
    author = make_author()
    data.update(
        title=["Nieuw artikel"], slug=["nieuw-artikel"], lead=["Een intro."],
        body=["Tekst zonder claims."], authors=[str(author.pk)], language=["nl"],
    )  # fmt: skip
    data.update({k: [v] if isinstance(v, str) else v for k, v in fields.items()})
    return data


def test_the_form_has_no_editable_status(admin_client):
    article = make_article()
    data = _form_data(admin_client.get(_change_url(article)))
    assert "status" not in data and "body_html" not in data
    data["status"] = ["published"]
    admin_client.post(_change_url(article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_save_and_publish_button_publishes_through_the_gate(admin_client):
    article = make_article(title="Klaar om te gaan")
    make_ready(article)
    data = _form_data(admin_client.get(_change_url(article)))
    response = admin_client.post(_change_url(article), {**data, "_publish": ["1"]}, follow=True)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert any("Gepubliceerd" in m for m in _messages(response))


def test_save_and_publish_reports_why_it_refused_and_keeps_the_saved_text(admin_client):
    article = make_article(title="Nog niet klaar")
    data = _form_data(admin_client.get(_change_url(article)))
    data["body"] = ["Zink helpt [[claim:zink-bestaat-niet]]."]
    response = admin_client.post(_change_url(article), {**data, "_publish": ["1"]}, follow=True)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.body == "Zink helpt [[claim:zink-bestaat-niet]]."
    errors = [m for m in _messages(response) if "Niet gepubliceerd" in m]
    assert errors and "zink-bestaat-niet" in errors[0]


def test_publishing_from_the_add_form_lands_on_the_new_articles_change_page(admin_client):
    data = _new_article_data(admin_client)
    response = admin_client.post(ADD, {**data, "_publish": ["1"]})
    article = Article.objects.get(slug="nieuw-artikel")
    assert response.status_code == 302
    assert response["Location"] == _change_url(article)


def test_bulk_action_publishes_ready_articles_and_reports_each_refusal(admin_client):
    ready = [make_article(title=f"Klaar {n}") for n in (1, 2)]
    for article in ready:
        make_ready(article)
    refused = make_article(title="Geweigerd stuk", body="Iets [[claim:onbekende-claim]].")
    response = admin_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [a.pk for a in [*ready, refused]]},
        follow=True,
    )
    assert Article.objects.published().count() == 2
    refused.refresh_from_db()
    assert refused.status == Article.Status.DRAFT
    messages = _messages(response)
    assert any("2 artikel(en) gepubliceerd" in m for m in messages)
    refusal = [m for m in messages if "Geweigerd stuk" in m]
    assert refusal and "onbekende-claim" in refusal[0]


def test_bulk_action_is_not_offered_without_publish_permission(client):
    client.force_login(make_staff(perms=["blog.change_article", "blog.view_article"]))
    response = client.get(CHANGELIST)
    assert "publish_selected" not in response.content.decode()


def test_oversize_body_is_a_form_error_and_everything_typed_stays(admin_client, settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "MAX_BODY_CHARS": 200_000}
    body = ("Heel lang. " * 18_200).strip()  # 200 199 characters
    data = _new_article_data(admin_client, title="Mijn lange verhaal", body=body)
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="nieuw-artikel").exists()
    errors = response.context["adminform"].form.errors["body"]
    assert f"{len(body)} tekens" in errors[0] and "200000" in errors[0]
    kept = _form_data(response)
    assert kept["title"] == ["Mijn lange verhaal"]
    assert kept["body"][0] == body
    assert kept["lead"] == ["Een intro."]


@pytest.mark.parametrize(
    "body", ["Kijk: ![](https://example.org/a.png)", 'Kijk: <img src="https://example.org/a.png">']
)
def test_image_without_alt_text_is_a_form_error_and_the_text_stays(admin_client, body):
    data = _new_article_data(admin_client, body=body)
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "alt-tekst" in response.context["adminform"].form.errors["body"][0]
    assert _form_data(response)["body"] == [body]


def test_hero_image_without_alt_text_is_a_form_error(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    data = _new_article_data(admin_client, hero_caption="Mijn bijschrift")
    data["hero_image"] = SimpleUploadedFile("a.png", buffer.getvalue(), "image/png")
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "alt-tekst" in response.context["adminform"].form.errors["hero_alt"][0]
    assert _form_data(response)["hero_caption"] == ["Mijn bijschrift"]


def test_a_published_slug_stays_editable_for_the_next_edition(admin_client, editor):
    # Slugs may change after publication (tests/test_edition_slugs.py): the old address
    # then redirects, so the field stays; it only stops following the title.
    article = make_published_article(by=editor, slug="vast-adres")
    data = _form_data(admin_client.get(_change_url(article)))
    data["slug"] = ["ander-adres"]
    admin_client.post(_change_url(article), data)
    article.refresh_from_db()
    assert article.slug == "ander-adres"
    assert article.current_edition.slug == "vast-adres"


def test_change_page_links_to_the_draft_preview(admin_client):
    article = make_article(slug="kijk-mee")
    text = admin_client.get(_change_url(article)).content.decode()
    assert 'href="/artikelen/kijk-mee/"' in text and "Bekijk concept" in text


def test_the_article_list_links_each_row_to_its_live_address_without_a_query_per_row(
    admin_client, editor
):
    url = reverse("admin:blog_article_changelist")
    make_published_article(by=editor)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    for n in range(5):
        make_published_article(by=editor, slug=f"rij-{n}")
    with CaptureQueriesContext(connection) as six:
        text = admin_client.get(url).content.decode()
    assert len(six) == len(one)
    assert all(f'href="/artikelen/rij-{n}/"' in text for n in range(5))
