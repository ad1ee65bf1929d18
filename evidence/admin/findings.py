"""The linter panel on the article's admin page and its one-click triage.

The panel reads the stored findings through the ArticleEvidence the readiness
panel already loaded, so a GET lints nothing and writes nothing. Each triage
button is a POST (with CSRF) to one of the article admin's views
(blog.admin.triage), which edit the article and come back with what happened or
why it was refused.

The panel sits inside the article's form, and forms cannot nest: every row's
controls belong to a small form rendered after the article form (the HTML
`form` attribute), so triage never submits, or loses, the article's fields.
static/evidence/js/linter-triage.js refuses a triage click while the article
form has unsaved changes.
"""

from django.urls import reverse
from django.utils.html import format_html

from evidence import linter, linting
from evidence.models import Dismissal

CONTEXT_CHARS = 90
DISMISS_REASONS = [c for c in Dismissal.Reason.choices if c[0] != Dismissal.Reason.WAIVER]


def _highlighted(body, finding):
    """The sentence in its surroundings, the sentence marked and its trigger words stressed."""
    before = body[max(0, finding.start - CONTEXT_CHARS) : finding.start]
    after = body[finding.end : finding.end + CONTEXT_CHARS]
    sentence = finding.sentence
    at = sentence.find(finding.match) if finding.match else -1
    if at < 0:
        marked = format_html("<mark>{}</mark>", sentence)
    else:
        marked = format_html(
            "<mark>{}<strong>{}</strong>{}</mark>",
            sentence[:at],
            finding.match,
            sentence[at + len(finding.match) :],
        )
    return format_html(
        '<span class="finding-around">{}{}</span>{}<span class="finding-around">{}{}</span>',
        "…" if finding.start > CONTEXT_CHARS else "",
        before,
        marked,
        after,
        "…" if finding.end + CONTEXT_CHARS < len(body) else "",
    )


def _row(body, row, index):
    finding = row.finding
    return {
        "id": f"lint-{index}",
        "finding": finding,
        "decision": row.decision,
        "context": _highlighted(body, finding),
        "can_mark": row.is_open and finding.category in linter.DISMISSABLE,
        "can_waive": row.is_open and finding.category in linter.WAIVABLE,
    }


def findings_panel(evidence):
    """What the linter panel shows: every finding, open ones first, in text order."""
    body = evidence.article.body or ""
    rows = sorted(evidence.lint_rows, key=lambda r: (not r.is_open, r.finding.start))
    article = evidence.article
    return {
        "rows": [_row(body, row, index) for index, row in enumerate(rows)],
        "open_blocking": sum(1 for row in rows if row.blocks),
        "warnings": sum(1 for row in rows if row.is_open and not row.finding.blocking),
        "decided": sum(1 for row in rows if not row.is_open),
        "body_hash": linting.body_hash(body),
        "dismiss_reasons": DISMISS_REASONS,
        "urls": {
            step: reverse(f"admin:blog_article_lint_{step}", args=[article.pk])
            for step in ("mark", "dismiss", "waive", "revoke")
        },
    }
