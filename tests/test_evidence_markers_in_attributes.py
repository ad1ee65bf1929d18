"""Claim markers become badges only in the text, never inside an element's attributes.

The attack: ![Foto [[claim:k]] x](https://example.org/x.png) put the badge markup inside
the image's alt attribute, so the badge's class, href and title became attributes of the
editor's element. Nothing ran, but safety hung on the exact shape of the badge.
"""

import html5lib
import pytest

from evidence.markers import replace_in_text
from evidence.models import Claim
from evidence.publication import render_evidence
from tests.factories import make_article, make_citation, make_claim

pytestmark = pytest.mark.django_db

BODIES = [
    "Tekst [[claim:k]].\n\n![Foto [[claim:k]] x](https://example.org/x.png)",
    # A caption is text: a marker there may become a badge; the image's title may not.
    'Tekst [[claim:k]].\n\n![Foto](https://example.org/x.png "Onderschrift [[claim:k]]")',
    "Tekst [[claim:k]] en [een link](https://example.org/?q=[[claim:k]]).",
    'Tekst [[claim:k]] en [een link](https://example.org/ "titel [[claim:k]]").',
    'Tekst [[claim:k]].\n\n<abbr title="[[claim:k]]">GRADE</abbr>',
]


def _rendered(body):
    article = make_article(body=body)
    claim = make_claim(article, key="k", category=Claim.Category.EFFICACY)
    make_citation(claim)
    return render_evidence(article)["body_html"]


@pytest.mark.parametrize("body", BODIES)
def test_no_attribute_carries_badge_markup_and_elements_keep_their_attributes(body):
    html = _rendered(body)
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    badges = [a for a in tree.iter("a") if "claim-badge" in (a.get("class") or "")]
    assert badges and {badge.get("href") for badge in badges} == {"#ref-k"}
    for element in tree.iter():
        if element in badges or not isinstance(element.tag, str):
            continue
        assert "class" not in element.attrib or element.tag in {"div", "p"}, element.attrib
        for value in element.attrib.values():
            assert "claim-badge" not in value and "<" not in value, element.attrib


def test_replacing_in_text_leaves_tags_alone():
    html = '<p title="[[claim:a]]">x [[claim:a]] <img alt="[[claim:a]]"> y</p>'
    replaced = replace_in_text(html, lambda match: f"<b>{match.group(1)}</b>")
    assert replaced == '<p title="[[claim:a]]">x <b>a</b> <img alt="[[claim:a]]"> y</p>'
