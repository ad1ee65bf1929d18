"""Every payload of the shared XSS corpus, posted by a reader, approved and served: harmless.

Each payload goes through the real form (as the text, and cut to size as the name and the
experience fields), is approved by a moderator and then read back from the article page,
parsed by an HTML5 parser the way a browser would.
"""

from collections import Counter

import html5lib
import pytest
from django.urls import reverse

from blog import rendering
from comments.models import Comment
from tests.factories import comment_post_data, make_published_article, post_comment
from tests.xss_corpus import findings_in_tree, load_payloads, page_findings, unsafe_findings

pytestmark = pytest.mark.django_db

PAYLOADS = load_payloads()


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.GUTCHECK_COMMENTS = {"RATE_LIMIT": 10_000}


def _fields(payload, kind):
    fields = {"body": payload, "name": payload[:80]}
    if kind == "experience":
        fields.update(
            kind=kind, condition=payload[:120], tried=payload[:200], duration=payload[:80]
        )
    return fields


def _post_every_payload(client, article, kind):
    url = reverse("comments:post", kwargs={"slug": article.slug})
    refused = []
    for number, payload in enumerate(PAYLOADS, start=1):
        response = client.post(url, comment_post_data(article, **_fields(payload, kind)))
        if response.status_code != 302:
            refused.append((number, response.status_code))
    return refused


def _comment_lists(document):
    root = html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=False)
    return [
        element
        for element in root.iter()
        if element.tag == "ol" and "comment-list" in element.get("class", "")
    ]


@pytest.mark.parametrize("kind", ["comment", "experience"])
def test_every_payload_posted_approved_and_served_is_harmless(client, kind):
    article = make_published_article()
    chrome = Counter(page_findings(client.get(article.get_absolute_url()).content.decode()))

    # Only a payload that is nothing but invisible characters may be refused (empty text).
    refused = _post_every_payload(client, article, kind)
    assert all(status == 400 for _, status in refused)
    assert len(refused) <= 2, refused
    comments = list(Comment.objects.filter(article=article))
    for comment in comments:
        comment.approve(by=None)
        assert unsafe_findings(comment.body_html) == [], comment.body

    page = client.get(article.get_absolute_url()).content.decode()
    lists = _comment_lists(page)
    shown = sum(len(list(ol)) for ol in lists)
    assert shown == len(comments) >= len(PAYLOADS) - 2
    for ol in lists:
        assert findings_in_tree(ol) == []
    assert Counter(page_findings(page)) == chrome  # nothing beyond the site's own form and head


def test_payloads_in_a_refused_form_are_shown_back_harmlessly(client):
    article = make_published_article()
    benign = post_comment(client, article, comment_post_data(article, website="x"))
    assert benign.status_code == 400
    chrome = Counter(page_findings(benign.content.decode()))
    for payload in PAYLOADS[::7]:
        page = post_comment(
            client,
            article,
            comment_post_data(article, website="x", **_fields(payload, "experience")),
        ).content.decode()
        assert Counter(page_findings(page)) == chrome, payload


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: f"{len(p)}ch")
def test_the_plain_text_renderer_alone(payload):
    assert unsafe_findings(rendering.render_plain_text(payload)) == []


def test_links_are_http_only_and_carry_the_reader_rel():
    html = rendering.render_plain_text(
        "Zie https://example.com/a?b=1 en javascript:alert(1) en ftp://x.org/ en www.x.org"
    )
    root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    links = [a for a in root.iter() if a.tag == "a"]
    assert [a.get("href") for a in links] == ["https://example.com/a?b=1"]
    assert links[0].get("rel") == "nofollow ugc noopener noreferrer"


def test_markup_is_shown_as_text_not_interpreted():
    html = rendering.render_plain_text("<b>vet</b> & **ster**\n\nnieuwe alinea\nregel")
    assert html == ("<p>&lt;b&gt;vet&lt;/b&gt; &amp; **ster**</p>\n<p>nieuwe alinea<br>\nregel</p>")
