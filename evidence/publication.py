"""The registry's public rendering: claim badges, references, disclaimers.

Called by blog.snapshot at publish time (and for staff previews), never on the
public read path.
"""

from evidence.markers import MARKER


def render_evidence(article):
    return {
        "body_html": MARKER.sub("", article.body_html),
        "summary_html": "",
        "references_html": "",
        "disclaimers_html": "",
        "disclaimers": [],
        "citations": [],
    }
