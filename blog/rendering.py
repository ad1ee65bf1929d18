"""Markdown → sanitized HTML. The only module that calls Markdown or bleach.

Everything runs when an article is saved or published; the read path serves
the stored result. Sanitizing always happens after Markdown, because Markdown
passes raw HTML through and its extensions can add attributes.

Claim markers ([[claim:key]]) pass through as plain text: Markdown has no
syntax for double brackets without a link definition, and the sanitizer only
touches markup. evidence.publication replaces them at publish time.

Rendering is bounded for any input: Python-Markdown (and, far less, bleach) can
take minutes on some inputs (runs of brackets, emphasis or entities, deep
nesting), so every render runs under a hard time limit in blog.deadline's helper
process. Before that, source_problems() refuses what is certain to be slow or
unreadable (nesting and runs of open brackets beyond set limits) with an error the
editor can act on.
"""

import html
import logging
import re
import threading
import xml.etree.ElementTree as etree
from functools import partial
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.conf import settings
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

from blog.deadline import DeadlineExceeded, call_with_deadline

logger = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br code dd del div dl dt em figcaption figure h2 h3 h4 h5 h6 hr i img "
    "ins li ol p pre span strong sub sup table tbody td tfoot th thead tr ul".split()
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
CALLOUTS = {"weetje": "💡 Weetje", "onderzoek": "🔍 Onderzoek", "letop": "⚠️ Let op"}
# Names editors may know from other Markdown tools, mapped onto our three boxes.
CALLOUT_ALIASES = {
    "tip": "weetje",
    "note": "weetje",
    "info": "weetje",
    "hint": "weetje",
    "research": "onderzoek",
    "studie": "onderzoek",
    "onderzoeken": "onderzoek",
    "warning": "letop",
    "caution": "letop",
    "danger": "letop",
    "attention": "letop",
    "let-op": "letop",
    "let_op": "letop",
    "waarschuwing": "letop",
    "pasop": "letop",
}
ALLOWED_CLASSES = {"admonition", "admonition-title", "toc", *CALLOUTS}
ANCHOR_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")
# Ids the site's own templates and the evidence/comment partials use; a heading
# that slugifies to one of these gets a suffix so in-page links stay unambiguous.
RESERVED_IDS = frozenset(
    "main inhoud content bronnen referenties references reacties comments disclaimers "
    "samenvatting summary ervaringen experiences correcties".split()
)
RESERVED_ID_PREFIXES = ("gc-", "ref-", "claim-", "comment-", "reactie-", "source-", "bron-")
MAX_ANCHOR_LENGTH = 60
EXTERNAL_REL = "nofollow noopener noreferrer"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


def heading_anchor(value, separator):
    """A stable, ASCII, non-colliding id for a heading ('Wat is eczeem?' → 'wat-is-eczeem')."""
    slug = slugify(value, separator)[:MAX_ANCHOR_LENGTH].strip("-_") or "kop"
    if not slug[0].isalnum():
        slug = f"kop-{slug}"
    if slug in RESERVED_IDS or slug.startswith(RESERVED_ID_PREFIXES):
        slug = f"{slug}-kop"
    return slug


def _allowed_attribute(tag, name, value):
    if tag == "a":
        return name in {"href", "title"}
    if tag == "abbr":
        return name == "title"
    if tag == "img":
        return name in {"src", "alt", "title", "width", "height"} or (
            name == "loading" and value == "lazy"
        )
    if tag in {"th", "td"}:
        return name == "align" and value in {"left", "right", "center"}
    if name == "class" and tag in {"div", "p"}:
        return all(part in ALLOWED_CLASSES for part in value.split())
    if name == "id" and tag in HEADINGS:
        return bool(ANCHOR_ID.match(value))
    return False


def _rel_for_external_links(site_netloc, attrs, new=False):
    href = attrs.get((None, "href"), "")
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"} and parts.netloc != site_netloc:
        attrs[(None, "rel")] = EXTERNAL_REL
    else:
        attrs.pop((None, "rel"), None)
    attrs.pop((None, "target"), None)
    return attrs


def _new_cleaner(site_netloc):
    external = partial(_rel_for_external_links, site_netloc)
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
        filters=[partial(LinkifyFilter, callbacks=[external], skip_tags={"pre", "code"})],
    )


# bleach's Cleaner keeps parser state between calls: one per thread (and site).
_local = threading.local()


def _cleaner(site_netloc):
    cleaners = _local.__dict__.setdefault("cleaners", {})
    if site_netloc not in cleaners:
        cleaners[site_netloc] = _new_cleaner(site_netloc)
    return cleaners[site_netloc]


def _site_netloc():
    return urlsplit(settings.SITE_URL).netloc


class _TopLevelHeadings(Treeprocessor):
    """The article title is the page's only h1, so a '#' heading in the body becomes h2."""

    def run(self, root):
        for heading in root.iter("h1"):
            heading.tag = "h2"


class _Callouts(Treeprocessor):
    """Map '!!! tip' and friends onto our three boxes and give each its Dutch title."""

    def run(self, root):
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "admonition" not in classes:
                continue
            written = next((c for c in classes if c != "admonition"), "")
            kind = _callout_kind(written)
            div.set("class", f"admonition {kind}" if kind else "admonition")
            title = div.find("p")
            if kind and title is not None and title.get("class") == "admonition-title":
                # Python-Markdown's default title is the type name; an editor's own title stays.
                if (title.text or "").strip().lower() == written.lower():
                    title.text = CALLOUTS[kind]


def _callout_kind(name):
    name = name.lower()
    return name if name in CALLOUTS else CALLOUT_ALIASES.get(name)


class _Figures(Treeprocessor):
    """A paragraph holding only an image with a title becomes a figure with caption."""

    def run(self, root):
        for image in root.iter("img"):
            image.set("loading", "lazy")
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
        md.treeprocessors.register(_TopLevelHeadings(md), "top_level_headings", 6)
        md.treeprocessors.register(_Callouts(md), "callouts", 5)
        md.treeprocessors.register(_Figures(md), "figures", 4)


def _markdown():
    return markdown.Markdown(
        extensions=[
            "tables",
            "admonition",
            "sane_lists",
            "fenced_code",
            "toc",
            _HealthBlogExtension(),
        ],
        extension_configs={
            "toc": {"slugify": heading_anchor, "toc_depth": "2-4"},
            "tables": {"use_align_attribute": True},
        },
        output_format="html",
    )


def render_markdown(text):
    """Markdown source → safe HTML, in bounded time. Never raises: a save must not crash."""
    try:
        return _bounded_markdown(text or "")
    except DeadlineExceeded:
        logger.warning(
            "Markdown took longer than %s s to render; storing the text escaped",
            render_seconds(text or ""),
        )
        return sanitize_html(_escaped_block(text))


def sanitize_html(raw):
    return _cleaner(_site_netloc()).clean(raw)


def render_seconds(text):
    """The hard limit on rendering `text`: a base plus an allowance per 1,000 characters.

    Ordinary Markdown renders in time proportional to its length; the inputs that stall
    Python-Markdown grow much faster than that, so a linear budget stops exactly those.
    """
    gutcheck = settings.GUTCHECK
    per_thousand = gutcheck.get("RENDER_SECONDS_PER_1000_CHARS", 0.025)
    return round(gutcheck.get("RENDER_SECONDS", 1) + per_thousand * len(text) / 1000, 1)


def _bounded_markdown(text):
    """Rendered HTML, or DeadlineExceeded. Remembers the thread's last result, because a
    form checks the body (source_problems) just before the model saves the same body."""
    key = (text, _site_netloc())
    last = getattr(_local, "last_markdown", None)
    if last is not None and last[0] == key:
        return last[1]
    rendered, crashed = call_with_deadline(
        _markdown_to_html, *key, seconds=render_seconds(text), preload=(__name__,)
    )
    if crashed:
        logger.warning("Markdown could not render; storing the text escaped")
    _local.last_markdown = (key, rendered)
    return rendered


def _markdown_to_html(text, site_netloc):
    """(safe HTML, whether the parser crashed). Runs in the deadline helper process."""
    crashed = False
    try:
        raw = _markdown().convert(text)
    except Exception:  # noqa: BLE001 (a parser crash on pathological input, e.g. deep nesting)
        crashed, raw = True, _escaped_block(text)
    return _cleaner(site_netloc).clean(raw), crashed


def _escaped_block(text):
    return f"<pre>{html.escape(text or '')}</pre>"


def html_to_text(fragment):
    """Plain text of stored HTML, for search indexes and feed summaries."""
    text = bleach.clean(fragment or "", tags=set(), strip=True, strip_comments=True)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


class _ImageAltCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.missing = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.missing += 1


def images_without_alt(fragment):
    """How many images in rendered HTML lack a description (Markdown, reference or raw <img>)."""
    counter = _ImageAltCounter()
    counter.feed(fragment or "")
    counter.close()
    return counter.missing


def source_problems(text):
    """Editorial problems in Markdown source that a form must report before saving.

    Returns [(code, params)]: at most one problem, the one to fix first.
    """
    text = text or ""
    limit = settings.GUTCHECK["MAX_BODY_CHARS"]
    if len(text) > limit:
        return [("too_long", {"limit": limit, "length": len(text)})]
    problem = structure_problem(text)
    if problem is not None:
        return [problem]
    try:
        rendered = _bounded_markdown(text)
    except DeadlineExceeded:
        return [("too_complex", {"seconds": render_seconds(text)})]
    missing = images_without_alt(rendered)
    if missing:
        return [("image_without_alt", {"count": missing})]
    return []


# Limits on structure, checked in linear time before rendering. Real articles stay far
# below them; beyond them Python-Markdown slows down sharply and readers lose the thread.
MAX_NESTING = 20
MAX_OPEN_BRACKETS = 20
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_QUOTE_MARKS = re.compile(r"(?:[ \t]*>)+")
_BRACKET_TOKEN = re.compile(r"\\.|\[|\]|\n[ \t]*(?=\n)")


def structure_problem(text):
    """(code, params) for the first place the text nests or opens brackets beyond the limits."""
    return _nesting_problem(text) or _open_bracket_problem(text)


def _nesting_problem(text):
    html_depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        html_depth = _html_depth_after(line, html_depth)
        quotes = _QUOTE_MARKS.match(line)
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        for kind, depth in (
            ("html", html_depth),
            ("quote", quotes.group(0).count(">") if quotes else 0),
            ("indent", indent // 4),
        ):
            if depth > MAX_NESTING:
                return "too_deep", {"kind": kind, "line": number, "limit": MAX_NESTING}
    return None


def _html_depth_after(line, depth):
    for tag in _HTML_TAG.finditer(line):
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif name not in VOID_ELEMENTS and not self_closing:
            depth += 1
        if depth > MAX_NESTING:
            break
    return depth


def _open_bracket_problem(text):
    """Square brackets opened and not (yet) closed within one paragraph."""
    open_count = 0
    for token in _BRACKET_TOKEN.finditer(text):
        value = token.group(0)
        if value == "[":
            open_count += 1
        elif value == "]":
            open_count = max(0, open_count - 1)
        elif value.startswith("\n"):
            open_count = 0  # a blank line ends the paragraph
        if open_count > MAX_OPEN_BRACKETS:
            line = text.count("\n", 0, token.start()) + 1
            return "open_brackets", {"line": line, "limit": MAX_OPEN_BRACKETS}
    return None


# Reader comments: plain text, never Markdown or HTML.
READER_LINK_REL = "nofollow ugc noopener noreferrer"
_READER_URL = bleach.linkifier.build_url_re(protocols=["http", "https"])
_TYPED_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n+")


def _reader_link(attrs, new=False):
    """Link only what the reader typed as an http(s) URL; readers' links earn no trust."""
    href = attrs.get((None, "href"), "")
    if urlsplit(href).scheme not in {"http", "https"} or not _TYPED_WEB_URL.match(
        attrs.get("_text", "")
    ):
        return None
    attrs[(None, "rel")] = READER_LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


def render_plain_text(text):
    """Reader text → HTML: escaped first, then http(s) URLs linked, blank lines → paragraphs.

    Bounded like Markdown; should linking ever overrun, the text is shown without links.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    try:
        return call_with_deadline(
            _plain_text_to_html, text, seconds=render_seconds(text), preload=(__name__,)
        )
    except DeadlineExceeded:
        logger.warning("Linking a reader's text took too long; stored without links")
        return _paragraphs(html.escape(text))


def _plain_text_to_html(text):
    linker = bleach.linkifier.Linker(
        callbacks=[_reader_link], url_re=_READER_URL, parse_email=False
    )
    return _paragraphs(linker.linkify(html.escape(text)))


def _paragraphs(escaped):
    paragraphs = (part.strip().replace("\n", "<br>\n") for part in _BLANK_LINE.split(escaped))
    return "\n".join(f"<p>{part}</p>" for part in paragraphs if part)
