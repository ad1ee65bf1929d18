"""Every payload in the shared XSS corpus comes out harmless.

The bulk goes straight through rendering.render_markdown (what is stored on
save); a sample is saved as body, title and lead, published, and checked in
the stored snapshot and on the served page.
"""

import pytest

from blog import rendering
from tests.factories import make_published_article
from tests.xss_corpus import load_payloads, page_findings, unsafe_findings

PAYLOADS = load_payloads()
# Every 13th payload, plus the last: spread across all corpus groups (A, B, C).
SERVED_SAMPLE = sorted({*range(0, len(PAYLOADS), 13), len(PAYLOADS) - 1})
TITLE_MAX = 200


def _for_database(text):
    # PostgreSQL text cannot hold NUL; the admin form refuses it before it gets this far.
    return text.replace("\x00", "\ufffd")


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=lambda i: f"line{i + 1}")
def test_rendered_payload_has_nothing_script_capable(index):
    html = rendering.render_markdown(PAYLOADS[index])
    assert unsafe_findings(html) == [], f"payload line {index + 1}: {PAYLOADS[index]!r}"


def test_the_checker_itself_catches_what_it_must():
    # A checker that finds nothing is worthless; prove it sees each kind of problem.
    assert unsafe_findings("<script>alert(1)</script>")
    assert unsafe_findings('<img src="x" onerror="alert(1)">')
    assert unsafe_findings('<p style="color:red">x</p>')
    assert unsafe_findings('<a href=" jav&#x09;ascript:alert(1)">x</a>')
    assert unsafe_findings('<svg><a xlink:href="javascript:alert(1)"></a></svg>')
    assert unsafe_findings('<a href="https://x.test" target="_blank">x</a>')
    assert unsafe_findings('<img src="data:image/svg+xml;base64,AAAA">')
    assert not unsafe_findings('<a href="https://x.test/" rel="nofollow">x</a><img src="/a.png">')


@pytest.fixture
def baseline_findings(db, client):
    """What the site's own chrome contributes (forms, meta, link tags): not the payload's."""
    article = make_published_article(title="Gewoon", lead="Gewoon.", body="Gewoon.")
    return sorted(page_findings(client.get(article.get_absolute_url()).content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize("index", SERVED_SAMPLE, ids=lambda i: f"line{i + 1}")
def test_published_payload_is_harmless_stored_and_served(index, client, baseline_findings):
    payload = _for_database(PAYLOADS[index])
    article = make_published_article(
        title=payload[:TITLE_MAX] or "x", lead=payload or "x", body=payload
    )
    article.refresh_from_db()
    assert unsafe_findings(article.body_html) == []
    assert unsafe_findings(article.current_edition.body_html) == []
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    served = sorted(page_findings(response.content.decode()))
    assert served == baseline_findings, (
        f"payload line {index + 1} added {set(served) - set(baseline_findings)}"
    )
