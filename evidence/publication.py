"""The registry's public rendering: claim badges, references, summary, disclaimers.

Called by blog.snapshot at publish time (and for staff previews), never on the
public read path, once per site language: the labels and badges speak the
reader's language, while claims, sources and disclaimers (which qualify the
text) stay in the article's.
Everything inserted is escaped: templates autoescape, and the badges are built
with format_html.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from evidence import affiliates
from evidence.assessment import ArticleEvidence
from evidence.certainty import ORDER, Grade
from evidence.markers import replace_in_text
from evidence.models import Disclaimer

# How readers should read each grade (shown in the summary's explanation).
GRADE_MEANINGS = {
    Grade.HIGH: gettext_noop("New research is unlikely to change this."),
    Grade.MODERATE: gettext_noop("Probably correct, but new research may still change it."),
    Grade.LOW: gettext_noop("New research may change this considerably."),
    Grade.VERY_LOW: gettext_noop("Very uncertain; treat it as a first indication."),
    Grade.NO_HUMAN: gettext_noop(
        "Studied only in animals or in the lab; says little about humans."
    ),
    Grade.MIXED: gettext_noop("The best research contradicts the statement."),
}


def render_evidence(article, evidence=None, *, language=None):
    """The evidence parts of the article's public rendering.

    evidence: the article's ArticleEvidence when the caller has loaded it already.
    language: the readers' language of the labels and badges (default: the article's);
    claims, sources and disclaimers stay in the article's language.
    """
    language = language or article.language
    with translation.override(language):
        evidence = evidence or ArticleEvidence.load(article)
        shown = evidence.shown_disclaimers()
        chrome = _ChromeLanguage(article.language, language)
        return {
            "body_html": _body_html(article, evidence, chrome),
            "summary_html": _summary_html(article, evidence, shown, chrome),
            "references_html": _references_html(evidence, chrome),
            "disclaimers_html": _disclaimers_html(article, shown, chrome),
            "disclaimers": _disclaimer_record(shown),
            "citations": _citation_data(evidence),
        }


class _ChromeLanguage:
    """The readers' language of the rendering, and the lang attributes that mark it."""

    def __init__(self, content, readers):
        self.code = readers
        # Inside an article written in another language, label the chrome with its own.
        self.attribute = format_html(' lang="{}"', readers) if readers != content else ""
        self.content_attribute = format_html(' lang="{}"', content) if readers != content else ""


def badge_label(graded):
    if graded.claim.is_opinion:
        return _("opinion")
    if graded.grade == Grade.NONE:
        return _("evidence missing")
    return _("evidence: %(level)s") % {"level": Grade(graded.grade).label}


def badge_class(graded):
    return "opinion" if graded.claim.is_opinion else graded.grade


def _body_html(article, evidence, chrome):
    claims = evidence.claims_by_key
    seen = set()

    def badge(match):
        key = match.group(1)
        graded = claims.get(key)
        if graded is None:
            return format_html(
                '<span class="claim-badge claim-unknown"{}>{}</span>',
                chrome.attribute,
                _("unknown claim: %(key)s") % {"key": key},
            )
        anchor = format_html(' id="claim-{}"', key) if key not in seen else ""
        seen.add(key)
        return format_html(
            '<a class="claim-badge level-{}" href="#ref-{}"{}{} title="{}">{}</a>',
            badge_class(graded),
            key,
            anchor,
            chrome.attribute,
            graded.claim.statement,
            badge_label(graded),
        )

    body = replace_in_text(article.body_html, badge)
    if article.commercial_interest:
        # A short label at every affiliate link; the full text is in the summary and footer.
        body = affiliates.mark_links(body, _("Advertisement / paid partnership"))
    return body


def _summary_html(article, evidence, shown, chrome):
    commercial = [d for d, _reasons, _required in shown if d.kind == Disclaimer.Kind.COMMERCIAL]
    if not evidence.claims and not commercial:
        return ""
    return render_to_string(
        "evidence/publication/summary.html",
        {
            "counts": _grade_counts(evidence),
            "total": len(evidence.claims),
            "grades_used": _grades_used(evidence),
            # Disclaimers qualify the text, so they speak its language (marked as such).
            "commercial": [d.text_for(article.language) for d in commercial],
            "chrome": chrome,
        },
    )


def _grade_counts(evidence):
    order = [*ORDER, Grade.MIXED, Grade.NONE, "opinion"]
    counts = {}
    for graded in evidence.claims:
        slot = badge_class(graded)
        counts[slot] = counts.get(slot, 0) + 1
    labels = {"opinion": _("opinion"), Grade.NONE: _("without evidence")}
    return [
        {"grade": grade, "count": counts[grade], "label": labels.get(grade) or Grade(grade).label}
        for grade in order
        if counts.get(grade)
    ]


def _grades_used(evidence):
    used = {g.grade for g in evidence.claims if not g.claim.is_opinion}
    return [
        {"label": Grade(grade).label, "meaning": _(GRADE_MEANINGS[grade])}
        for grade in [*ORDER, Grade.MIXED]
        if grade in used
    ]


def _references_html(evidence, chrome):
    if not evidence.claims:
        return ""
    items = [
        {
            "graded": graded,
            "badge_label": badge_label(graded),
            "badge_class": badge_class(graded),
            "citations": list(graded.citations),
        }
        for graded in evidence.claims
    ]
    return render_to_string(
        "evidence/publication/references.html", {"items": items, "chrome": chrome}
    )


def _disclaimers_html(article, shown, chrome):
    """The disclaimers in the article's language: they qualify its text."""
    if not shown:
        return ""
    return render_to_string(
        "evidence/publication/disclaimers.html",
        {
            "disclaimers": [
                {"kind": d.kind, "text": d.text_for(article.language)}
                for d, _reasons, _required in shown
            ],
            "chrome": chrome,
        },
    )


def _disclaimer_record(shown):
    """Which disclaimers readers saw and why: stored with the snapshot."""
    return [
        {
            "id": d.pk,
            "slug": d.slug,
            "kind": d.kind,
            "title": d.title,
            "version": d.version,
            "required": required,
            "reasons": [str(r) for r in reasons],
        }
        for d, reasons, required in shown
    ]


def _citation_data(evidence):
    """One entry per cited source, for structured data and the integrity notice."""
    entries = {}
    for graded in evidence.claims:
        for citation in graded.citations:
            source = citation.source
            entry = entries.setdefault(
                source.pk,
                {
                    "source_id": source.pk,
                    "title": source.title,
                    "authors": source.authors,
                    "journal": source.journal,
                    "year": source.year,
                    "doi": source.doi or "",
                    "pmid": source.pmid or "",
                    "url": source.web_url,
                    "claims": [],
                },
            )
            if graded.key not in entry["claims"]:
                entry["claims"].append(graded.key)
    return list(entries.values())
