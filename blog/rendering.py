"""Markdown → sanitized HTML. The only module that calls Markdown or bleach.

Everything runs when an article is saved or published; the read path serves
the stored result. Sanitizing always happens after Markdown, because Markdown
passes raw HTML through and its extensions can add attributes.
"""

import html
import logging
import re
import xml.etree.ElementTree as etree
from functools import partial
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.conf import settings
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

logger = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
CALLOUTS = {"weetje": "💡 Weetje", "onderzoek": "🔍 Onderzoek", "letop": "⚠️ Let op"}
ALLOWED_CLASSES = {"admonition", "admonition-title", *CALLOUTS}
ANCHOR_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")
EXTERNAL_REL = "nofollow noopener noreferrer"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


def _allowed_attribute(tag, name, value):
    if name in {"href", "title"} and tag in {"a", "abbr", "img"}:
        return True
    if tag == "img":
        return name in {"src", "alt", "width", "height"}
    if tag in {"th", "td"}:
        return name == "align" and value in {"left", "right", "center"}
    if name == "class" and tag in {"div", "p"}:
        return all(part in ALLOWED_CLASSES for part in value.split())
    if name == "id" and tag in HEADINGS:
        return bool(ANCHOR_ID.match(value))
    return False


def _rel_for_external_links(attrs, new=False):
    href = attrs.get((None, "href"), "")
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"} and parts.netloc != urlsplit(settings.SITE_URL).netloc:
        attrs[(None, "rel")] = EXTERNAL_REL
    else:
        attrs.pop((None, "rel"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=False,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_rel_for_external_links], skip_tags={"pre", "code"})],
)


class _CalloutTitles(Treeprocessor):
    """Give '!!! weetje' boxes their Dutch title when the editor wrote none."""

    def run(self, root):
        for div in root.iter("div"):
            kinds = set(div.get("class", "").split()) & set(CALLOUTS)
            title = div.find("p")
            if kinds and title is not None and title.get("class") == "admonition-title":
                kind = kinds.pop()
                if (title.text or "").strip() == kind.capitalize():
                    title.text = CALLOUTS[kind]


class _Figures(Treeprocessor):
    """A paragraph holding only an image with a title becomes a figure with caption."""

    def run(self, root):
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                image = child[0] if child.tag == "p" and len(child) == 1 else None
                if image is None or image.tag != "img" or not image.get("title"):
                    continue
                if (child.text or "").strip() or (image.tail or "").strip():
                    continue
                figure = etree.Element("figure")
                image.tail = None
                figure.append(image)
                etree.SubElement(figure, "figcaption").text = image.attrib.pop("title")
                parent.remove(child)
                parent.insert(index, figure)


class _HealthBlogExtension(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_CalloutTitles(md), "callout_titles", 5)
        md.treeprocessors.register(_Figures(md), "figures", 4)


def _markdown():
    return markdown.Markdown(
        extensions=["tables", "admonition", "sane_lists", "fenced_code", "toc",
                    _HealthBlogExtension()],
        extension_configs={
            "toc": {"baselevel": 2, "slugify": slugify, "toc_depth": "2-4"},
            "tables": {"use_align_attribute": True},
        },
        output_format="html",
    )


def render_markdown(text):
    """Markdown source → safe HTML. Never raises: a save must not crash on odd input."""
    try:
        raw = _markdown().convert(text or "")
    except Exception:  # noqa: BLE001 (a parser crash on pathological input, e.g. deep nesting)
        logger.warning("Markdown could not render; storing the text escaped", exc_info=True)
        raw = "<pre>%s</pre>" % html.escape(text or "")
    return sanitize_html(raw)


def sanitize_html(raw):
    return _cleaner.clean(raw)


def html_to_text(fragment):
    """Plain text of stored HTML, for search indexes and feed summaries."""
    text = bleach.clean(fragment or "", tags=set(), strip=True, strip_comments=True)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def source_problems(text):
    """Editorial problems in Markdown source that a form must report before saving."""
    problems = []
    limit = settings.GUTCHECK["MAX_BODY_CHARS"]
    if len(text or "") > limit:
        problems.append(
            ("too_long", {"limit": limit, "length": len(text)})
        )
    if IMAGE_WITHOUT_ALT.search(text or ""):
        problems.append(("image_without_alt", {}))
    return problems
