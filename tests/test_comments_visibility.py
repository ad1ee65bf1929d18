"""Readers see approved contributions only, experiences under their disclaimer, never an email."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from evidence.models import Disclaimer
from tests.factories import make_comment, make_published_article, make_source, make_topic

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["pending", "rejected", "spam", "withdrawn"]


def public_urls(article, source):
    tag = article.tags.first()
    return [
        reverse("blog:home"),
        reverse("blog:article_list"),
        article.get_absolute_url(),
        reverse("blog:tag", kwargs={"slug": tag.slug}),
        reverse("blog:topic", kwargs={"slug": article.topic.slug}),
        reverse("blog:author", kwargs={"slug": article.authors.get().slug}),
        reverse("blog:source", kwargs={"pk": source.pk}),
        reverse("blog:search") + "?q=Artikel",
        reverse("blog:search") + "?q=geheim",
        reverse("feed-rss"),
        reverse("feed-atom"),
        reverse("sitemap"),
    ]


def test_only_approved_items_appear_on_any_public_page_or_count(client):
    article = make_published_article(topic=make_topic(), tags=["kefir"])
    source = make_source()
    make_comment(article, status="approved", name="Zichtbare Zus", body="zichtbaartekst")
    for state in HIDDEN_STATES:
        make_comment(article, status=state, name=f"Naam{state}", body=f"geheim{state}")
        make_comment(
            article,
            status=state,
            kind="experience",
            name=f"Ervaring{state}",
            body=f"geheimervaring{state}",
        )
    pages = {url: client.get(url).content.decode() for url in public_urls(article, source)}
    for url, page in pages.items():
        for state in HIDDEN_STATES:
            for secret in (f"geheim{state}", f"Naam{state}", f"geheimervaring{state}"):
                assert secret not in page, f"{secret} leaks on {url}"
    detail = pages[article.get_absolute_url()]
    assert "zichtbaartekst" in detail and "Zichtbare Zus" in detail
    assert "1 vraag of reactie" in detail
    assert 'id="ervaringen"' not in detail  # no hidden experience is counted or listed


def test_replies_under_an_item_that_is_no_longer_approved_disappear_with_it(client):
    article = make_published_article()
    question = make_comment(article, status="approved", body="De vraag")
    make_comment(article, parent=question, status="approved", body="Het antwoord")
    question.reject(by=None, reason="Toch medisch advies")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "De vraag" not in page and "Het antwoord" not in page


def test_experiences_show_under_the_fallback_disclaimer(client):
    Disclaimer.objects.filter(kind="experience").delete()
    article = make_published_article()
    make_comment(article, status="approved", kind="experience", body="Mijn verhaal")
    page = client.get(article.get_absolute_url()).content.decode()
    section = page.split('id="ervaringen"')[1]
    assert section.index(
        "Persoonlijke ervaring — niet representatief en geen medisch advies"
    ) < section.index("Mijn verhaal")


def test_experiences_prefer_the_registry_disclaimer_text(client):
    Disclaimer.objects.filter(kind="experience").delete()
    Disclaimer.objects.create(
        kind="experience",
        slug="ervaring-test",
        title="Ervaring",
        text_nl="Eigen redactietekst bij ervaringen.",
        text_en="Own text.",
    )
    article = make_published_article()
    make_comment(article, status="approved", kind="experience")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Eigen redactietekst bij ervaringen." in page


def test_the_email_address_is_never_in_the_page(client):
    article = make_published_article()
    make_comment(article, status="approved", email="geheim.adres@example.test")
    make_comment(article, status="approved", kind="experience", email="ander@example.test")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "geheim.adres" not in page and "ander@example" not in page


def _page_queries(client, article):
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_comment_list_costs_the_same_queries_for_one_or_forty_items(client):
    article = make_published_article()
    make_comment(article, status="approved")
    make_comment(article, status="approved", kind="experience")
    few = _page_queries(client, article)
    for _ in range(12):
        parent = make_comment(article, status="approved")
        make_comment(article, status="approved", kind="experience")
        make_comment(article, parent=parent, status="approved")
    assert Comment.objects.public().count() == 38
    assert _page_queries(client, article) == few


def test_the_article_page_without_contributions_invites_the_first(client):
    article = make_published_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Nog geen vragen of ervaringen." in page
    assert 'id="reactieformulier"' in page


def test_the_article_page_shows_exactly_the_public_contributions(client):
    """One definition of 'public': the page lists what Comment.objects.public() returns."""
    article = make_published_article()
    for state in ["approved", *HIDDEN_STATES]:
        question = make_comment(article, status="approved", body=f"vraag{state}")
        for reply_state in ("approved", "pending"):
            make_comment(
                article, parent=question, status=reply_state, body=f"antw{state}{reply_state}"
            )
        if state != "approved":
            Comment.objects.filter(pk=question.pk).update(status=state)
    page = client.get(article.get_absolute_url()).content.decode()
    public = set(Comment.objects.filter(article=article).public().values_list("body", flat=True))
    assert public == {"vraagapproved", "antwapprovedapproved"}
    for body in Comment.objects.filter(article=article).values_list("body", flat=True):
        assert (body in page) == (body in public), body
