"""Affiliate links: how editors mark them and how readers are told.

Convention (documented in the article body help text): give the Markdown link
the title "affiliate" (or "advertentie"), e.g.
    [Bekijk het product](https://winkel.example/product "affiliate")
The sanitizer keeps a link's title, so the mark survives into the stored HTML.
At publish time each such link gets rel="sponsored", loses the tooltip, and is
preceded by the commercial notice, so the notice sits at every link and not
only in the footer.
"""

import re

from django.utils.html import format_html

AFFILIATE_LINK = re.compile(
    r'<a\b(?P<attrs>[^>]*?)\s+title="(?:affiliate|advertentie)"(?P<rest>[^>]*)>', re.IGNORECASE
)
REL = re.compile(r'\s+rel="[^"]*"')
SPONSORED_REL = "sponsored nofollow noopener noreferrer"


def count_links(body_html):
    return len(AFFILIATE_LINK.findall(body_html or ""))


def mark_links(body_html, notice):
    """Put the notice before each affiliate link and mark the link as sponsored."""

    def replace(match):
        attrs = REL.sub("", match.group("attrs") + match.group("rest"))
        label = format_html('<span class="disclaimer disclaimer-inline">{}</span> ', notice)
        return f'{label}<a{attrs} rel="{SPONSORED_REL}">'

    return AFFILIATE_LINK.sub(replace, body_html or "")
