"""What editors can write in Markdown, and what the renderer refuses to pass on."""

import html5lib
import pytest

from blog import rendering


def _tree(markdown_text):
    html = rendering.render_markdown(markdown_text)
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def _find(markdown_text, tag):
    return list(_tree(markdown_text).iter(tag))


def test_headings_get_stable_readable_anchors():
    headings = _find("## Wat is eczeem?\n\n### Één oorzaak\n\n## Wat is eczeem?", "h2")
    assert [h.get("id") for h in headings] == ["wat-is-eczeem", "wat-is-eczeem_1"]
    assert _find("### Één oorzaak", "h3")[0].get("id") == "een-oorzaak"
    # Rendering the same text twice gives the same anchors: links into articles keep working.
    assert rendering.render_markdown("## Vezels") == rendering.render_markdown("## Vezels")


def test_a_level_one_heading_becomes_h2_because_the_title_is_the_page_h1():
    assert not _find("# Kop", "h1")
    assert _find("# Kop", "h2")[0].text == "Kop"


def test_heading_anchor_never_collides_with_the_site_own_ids():
    assert _find("## Main", "h2")[0].get("id") == "main-kop"
    assert _find("## Bronnen", "h2")[0].get("id") == "bronnen-kop"
    assert _find("## 💡", "h2")[0].get("id") == "kop"


def test_lists_tables_blockquotes():
    text = "- een\n- twee\n\n1. eerst\n2. dan\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> citaat"
    root = _tree(text)
    assert len(list(root.iter("li"))) == 4
    cells = list(root.iter("td"))
    assert [c.get("align") for c in cells] == ["left", "right"]
    assert next(root.iter("blockquote")).find("p").text == "citaat"


def test_image_with_title_becomes_figure_with_caption():
    figure = _find('![Een darm](https://example.org/darm.png "Zo ziet het eruit")', "figure")[0]
    image = figure.find("img")
    assert image.get("alt") == "Een darm"
    assert image.get("src") == "https://example.org/darm.png"
    assert figure.find("figcaption").text == "Zo ziet het eruit"


def test_inline_image_without_title_stays_an_image():
    assert not _find("Tekst ![logo](/static/logo.png) tekst", "figure")
    assert _find("Tekst ![logo](/static/logo.png) tekst", "img")[0].get("alt") == "logo"


@pytest.mark.parametrize(
    ("written", "kind", "title"),
    [
        ("weetje", "weetje", "💡 Weetje"),
        ("onderzoek", "onderzoek", "🔍 Onderzoek"),
        ("letop", "letop", "⚠️ Let op"),
        ("tip", "weetje", "💡 Weetje"),
        ("warning", "letop", "⚠️ Let op"),
    ],
)
def test_callouts_get_their_class_and_dutch_title(written, kind, title):
    box = _find(f"!!! {written}\n    Binnen de box.", "div")[0]
    assert box.get("class") == f"admonition {kind}"
    paragraphs = box.findall("p")
    assert paragraphs[0].text == title
    assert paragraphs[1].text == "Binnen de box."


def test_callout_keeps_the_editors_own_title():
    box = _find('!!! letop "Niet zelf doen"\n    Tekst.', "div")[0]
    assert box.findall("p")[0].text == "Niet zelf doen"


def test_unknown_callout_type_renders_as_neutral_box():
    box = _find("!!! raar\n    Tekst.", "div")[0]
    assert box.get("class") == "admonition"


def test_external_links_get_nofollow_noopener_internal_links_do_not(settings):
    settings.SITE_URL = "https://gutcheck.example"
    links = _find(
        "[ext](https://nhg.org/) [int](/artikelen/x/) [own](https://gutcheck.example/a/) "
        "[mail](mailto:redactie@example.org)",
        "a",
    )
    rels = {a.text: a.get("rel") for a in links}
    assert rels == {
        "ext": "nofollow noopener noreferrer",
        "int": None,
        "own": None,
        "mail": None,
    }


def test_bare_urls_become_links_but_not_inside_code():
    assert _find("Zie https://thuisarts.nl/eczeem voor meer.", "a")[0].get("href") == (
        "https://thuisarts.nl/eczeem"
    )
    assert not _find("`https://example.org`", "a")


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"]
)
def test_links_outside_http_https_mailto_lose_their_href(href):
    link = _find(f"[klik]({href})", "a")[0]
    assert link.get("href") is None


@pytest.mark.parametrize(
    "raw",
    [
        '<p style="color:red">x</p>',
        '<div onclick="x()">x</div>',
        "<iframe src=https://example.org></iframe>",
        "<form action=/x><input></form>",
        "<svg><circle r=1 /></svg>",
        "<math><mi>x</mi></math>",
        "<style>p{}</style>",
        '<a href="https://example.org" target="_blank">x</a>',
    ],
)
def test_raw_html_loses_dangerous_tags_and_attributes(raw):
    root = _tree(raw)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in {"iframe", "form", "input", "svg", "math", "style"}
        assert not {"style", "onclick", "target"} & set(element.attrib)


def test_claim_markers_survive_as_plain_text():
    for text in [
        "Probiotica kunnen acne verminderen [[claim:probiotica-acne]].",
        "!!! onderzoek\n    Zink helpt misschien [[claim:zink-2]].",
        "- Vezels [[claim:vezels]]\n- Water [[claim:water-1]]",
        "| a |\n|---|\n| Koffie [[claim:koffie]] |",
    ]:
        html = rendering.render_markdown(text)
        for key in ["probiotica-acne", "zink-2", "vezels", "water-1", "koffie"]:
            if f"[[claim:{key}]]" in text:
                assert f"[[claim:{key}]]" in html


@pytest.mark.parametrize(
    "text",
    [
        "> " * 2000 + "diep",
        "[" * 5000,
        "- " * 3000,
        "\x00\x01\x02 rare tekens \ufffe",
        "```\nniet gesloten",
        "| kapotte | tabel\n|---\n| x",
        "",
    ],
)
def test_invalid_or_pathological_markdown_never_raises(text):
    assert isinstance(rendering.render_markdown(text), str)


def test_source_problems_report_oversize_and_images_without_alt(settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "MAX_BODY_CHARS": 50}
    assert rendering.source_problems("x" * 51) == [("too_long", {"limit": 50, "length": 51})]
    assert rendering.source_problems("![](a.png)") == [("image_without_alt", {"count": 1})]
    assert rendering.source_problems('<img src="/a.png">') == [("image_without_alt", {"count": 1})]
    assert rendering.source_problems("![ok](a.png)") == []


def test_html_to_text_strips_markup_for_search_and_summaries():
    assert rendering.html_to_text("<p>Een <b>vet</b> &amp; woord</p>\n<p>twee</p>") == (
        "Een vet & woord twee"
    )
