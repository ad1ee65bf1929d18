"""The whole public surface, swept: a pending edit of every kind shows nowhere until publish().

A live article gets an unpublished change of its text, title, lead, slug, tags,
topic, authors, hero image, claims, citations and disclaimers. Every public page
(home, list, detail, tag, topic, author, source index and pages, search, RSS, Atom,
sitemap) keeps showing the published edition; after publish() every page shows the
new one. What belongs to a shared record (an author's name, a tag's or topic's name,
a source's integrity notice) shows on the next request, without a publish.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from taggit.models import Tag

from evidence.models import ArticleDisclaimer, Disclaimer, Source
from tests.factories import (
    make_article,
    make_author,
    make_citation,
    make_claim,
    make_ready,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db

MARK = "ZWX"  # in every piece of pending text, so one absent word proves it all absent


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 18), (20, 90, 80)).save(buffer, "PNG")
    return SimpleUploadedFile("held.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def world(editor):
    old = {
        "topic": make_topic(name="Oud onderwerp", slug="oud-onderwerp"),
        "author": make_author(name="Oude Auteur", slug="oude-auteur"),
        "source": make_source(title="Oude bron"),
    }
    new = {
        "topic": make_topic(name="Nieuw onderwerp", slug="nieuw-onderwerp"),
        "author": make_author(name="Nieuwe Auteur", slug="nieuwe-auteur"),
        "source": make_source(title="Nieuwe bron"),
        "cited": make_source(title="Extra bron"),
    }
    article = make_article(
        title="Oude titel",
        slug="oud-slug",
        lead="Oude lead.",
        body="Oude tekst [[claim:oud]].",
        topic=old["topic"],
        authors=[old["author"]],
        tags=["oudtag"],
    )
    make_citation(make_claim(article, key="oud", statement="Oude claim."), old["source"])
    make_ready(article)
    article.publish(by=editor)
    return article, old, new


def _pending_edit_of_every_kind(article, new, editor):
    article.title = f"Nieuwe titel {MARK}"
    article.lead = f"Nieuwe lead {MARK}."
    article.body = f"Nieuwe tekst {MARK} [[claim:oud]] en [[claim:nieuw]]."
    article.slug = "nieuw-slug"
    article.topic = new["topic"]
    article.hero_image = _png()
    article.hero_alt = f"Beeld {MARK}"
    article.hero_caption = f"Bijschrift {MARK}"
    article.hero_credit = f"Fotograaf {MARK}"
    article.hero_licence = f"CC-{MARK}"
    article.save()
    article.tags.set(["nieuwtag"])
    article.authors.set([new["author"]])
    claim = make_claim(article, key="nieuw", statement=f"Nieuwe claim {MARK}.")
    make_citation(claim, new["source"])
    make_citation(article.claims.get(key="oud"), new["cited"], locator=f"p. {MARK}")
    disclaimer = Disclaimer.objects.create(
        slug="extra",
        kind=Disclaimer.Kind.GENERAL,
        title="Extra",
        text_nl=f"Extra waarschuwing {MARK}.",
        text_en=f"Extra warning {MARK}.",
    )
    ArticleDisclaimer.objects.create(article=article, disclaimer=disclaimer, added_by=editor)
    make_ready(article)


def _surface(article, old, new):
    """{name: url} of every public page that could show the article or its parts."""
    return {
        "home": reverse("blog:home"),
        "list": reverse("blog:article_list"),
        "detail": reverse("blog:article", args=["oud-slug"]),
        "topics": reverse("blog:topic_list"),
        "old tag": reverse("blog:tag", args=["oudtag"]),
        "new tag": reverse("blog:tag", args=["nieuwtag"]),
        "old topic": old["topic"].get_absolute_url(),
        "new topic": new["topic"].get_absolute_url(),
        "old author": old["author"].get_absolute_url(),
        "new author": new["author"].get_absolute_url(),
        "source index": reverse("blog:sources"),
        "source old": _source_url(old["source"]),
        "source new": _source_url(new["source"]),
        "source cited": _source_url(new["cited"]),
        "rss": reverse("feed-rss"),
        "atom": reverse("feed-atom"),
        "sitemap": reverse("sitemap"),
    }


def _source_url(source):
    return reverse("blog:source", args=[source.pk])


def _read(client, urls):
    pages = {}
    for name, url in urls.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    return pages


def _search(client, word):
    return client.get(reverse("blog:search"), {"q": word}).context["page"].paginator.count


def test_no_pending_edit_shows_anywhere_until_publish_then_all_of_it_does(client, editor, world):
    article, old, new = world
    _pending_edit_of_every_kind(article, new, editor)
    urls = _surface(article, old, new)

    before = _read(client, urls)
    for name, page in before.items():
        assert MARK not in page, name
        assert "nieuw-slug" not in page and "held" not in page, name
    for name in ("home", "list", "old tag", "old topic", "old author", "source old", "rss",
                 "atom"):  # fmt: skip
        assert "Oude titel" in before[name], name
    for name in ("new tag", "new topic", "new author", "source new", "source cited"):
        assert "Oude titel" not in before[name], name
    assert "Nieuwe Auteur" not in before["detail"] and "Nieuw onderwerp" not in before["detail"]
    assert "nieuwtag" not in before["detail"] and "Nieuw onderwerp" not in before["home"]
    assert (
        "Nieuwe bron" not in before["source index"] and "Extra bron" not in before["source index"]
    )
    assert "oud-slug" in before["sitemap"] and "nieuw-onderwerp" not in before["sitemap"]
    assert (_search(client, MARK), _search(client, "Oude titel")) == (0, 1)

    article.publish(by=editor)
    urls["detail"] = reverse("blog:article", args=["nieuw-slug"])
    after = _read(client, urls)
    detail = after["detail"]
    for text in ("Nieuwe titel", "Nieuwe lead", "Nieuwe tekst", "Bijschrift", "Fotograaf",
                 "CC-", "Extra waarschuwing", "Nieuwe Auteur", "Nieuw onderwerp", "nieuwtag",
                 "Nieuwe bron", "Extra bron"):  # fmt: skip
        assert text in detail, text
    assert "Oude titel" not in detail and "Oude Auteur" not in detail and "oudtag" not in detail
    for name in ("home", "list", "new tag", "new topic", "new author", "source new",
                 "source cited", "source old", "rss", "atom"):  # fmt: skip
        assert f"Nieuwe titel {MARK}" in after[name], name
    for name in ("old tag", "old topic", "old author"):
        assert "titel" not in after[name], name
    assert "Nieuwe bron" in after["source index"] and "Extra bron" in after["source index"]
    assert "nieuw-slug" in after["sitemap"] and "oud-slug" not in after["sitemap"]
    assert "nieuw-onderwerp" in after["sitemap"] and "oud-onderwerp" not in after["sitemap"]
    assert (_search(client, MARK), _search(client, "Oude titel")) == (1, 0)
    assert client.get(reverse("blog:article", args=["oud-slug"])).status_code == 301


def test_shared_records_show_as_they_are_now_without_a_publish(client, editor, world):
    article, old, _new = world
    old["author"].name, old["author"].credentials = "Hernoemde Auteur", "huisarts"
    old["author"].save()
    old["topic"].name = "Hernoemd onderwerp"
    old["topic"].save()
    Tag.objects.filter(name="oudtag").update(name="hernoemdetag")
    old["source"].set_integrity(Source.Integrity.RETRACTED, "Ingetrokken.", by=editor)
    article.comments_open = article.experiences_open = False
    article.save()

    detail = client.get(reverse("blog:article", args=["oud-slug"])).content.decode()
    assert "Hernoemde Auteur" in detail and "huisarts" in detail
    assert "Hernoemd onderwerp" in detail and "hernoemdetag" in detail
    assert "ingetrokken" in detail.lower()
    assert 'id="reactieformulier"' not in detail
    home = client.get(reverse("blog:home")).content.decode()
    assert "Hernoemde Auteur" in home and "Hernoemd onderwerp" in home
    rss = client.get(reverse("feed-rss")).content.decode()
    assert "Hernoemde Auteur" in rss and "hernoemdetag" in rss


def test_each_publish_adds_an_edition_recording_who_when_and_under_which_review(editor, world):
    article, _old, _new = world
    first = article.current_edition
    article.lead = "Betere lead."
    article.save()
    make_ready(article)
    approval = article.reviews.filter(decision="approved").first()  # the newest
    article.publish(by=editor)
    second = article.current_edition
    assert (second.number, second.published_by, second.review) == (2, editor, approval)
    assert second.first_published_at == first.first_published_at < second.published_at
    first.refresh_from_db()
    assert not first.is_current and first.lead == "Oude lead."  # the record stays
