"""What readers see of an article, built once at publish time.

The public page serves the stored snapshot; staff previews build one on the
fly. The evidence parts (claim badges, references, disclaimers) come from
evidence.publication, the registry's public rendering API.

The reader-facing chrome (byline, review line, badges, evidence summary,
references) is rendered in every site language: the article's own at the top
level of the snapshot, the others under extras["localized"], so a page served in
English shows English labels around a Dutch text. The text itself, its claims,
sources and disclaimers stay in the article's language. reader_parts() picks the
set for the reader's language.
"""

import hashlib
import json

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from blog import rendering
from blog.workflow import review  # a module, not a name: review imports publishing → us
from evidence.assessment import ArticleEvidence
from evidence.publication import render_evidence
from evidence.structured_data import medical_web_page

# The parts rendered per language; everything else in a snapshot is language-neutral.
LOCALIZED_PARTS = (
    "body_html",
    "byline_html",
    "review_html",
    "summary_html",
    "references_html",
    "disclaimers_html",
)


def build_snapshot(article, *, at=None):
    """Return the public rendering of the article's working copy."""
    at = at or timezone.now()
    evidence = ArticleEvidence.load(article)
    authors = list(article.authors.all())
    chrome = {code: _chrome(article, evidence, authors, code) for code, _name in settings.LANGUAGES}
    own = chrome.get(article.language) or _chrome(article, evidence, authors, article.language)
    return {
        "title": article.title,
        "lead": article.lead,
        "body_html": own["body_html"],
        "search_text": " ".join(
            [article.title, article.lead, rendering.html_to_text(article.body_html)]
        ),
        "extras": {
            **{part: own[part] for part in LOCALIZED_PARTS if part != "body_html"},
            "localized": {
                code: {part: parts[part] for part in LOCALIZED_PARTS}
                for code, parts in chrome.items()
                if code != article.language
            },
            **_neutral_extras(article, own, authors, at),
        },
    }


def _chrome(article, evidence, authors, language):
    """The reader-facing parts in one language (plus the evidence data they came from)."""
    with translation.override(language):
        return {
            **render_evidence(article, evidence, language=language),
            **review.review_snapshot(article, evidence),
            "byline_html": render_to_string("blog/_byline.html", {"authors": authors}),
        }


def _neutral_extras(article, own, authors, at):
    return {
        "author_names": [a.name for a in authors],
        "disclaimers": own["disclaimers"],
        "citations": own["citations"],
        "hero": _hero(article),
        "topic": article.topic.name if article.topic_id else "",
        "topic_slug": article.topic.slug if article.topic_id else "",
        "tags": [{"name": t.name, "slug": t.slug} for t in article.tags.order_by("name")],
        "fingerprint": fingerprint(article, own),
        "review": own["review"],
        "json_ld": medical_web_page(
            article, own["citations"], authors=authors, at=at, review=own["review"]
        ),
    }


def reader_parts(title, lead, body_html, extras, language=None):
    """A snapshot as the templates read it, its chrome in the reader's language."""
    localized = (extras.get("localized") or {}).get(language or translation.get_language(), {})
    return {
        "title": title,
        "lead": lead,
        "body_html": body_html,
        **{key: value for key, value in extras.items() if key != "localized"},
        **localized,
    }


def _hero(article):
    if not article.hero_image:
        return None
    return {
        "url": article.hero_image.url,
        "alt": article.hero_alt,
        "caption": article.hero_caption,
        "credit": article.hero_credit,
        "licence": article.hero_licence,
    }


def fingerprint(article, evidence):
    """A digest of everything readers would see, to detect unpublished edits."""
    payload = json.dumps(
        [
            article.title,
            article.lead,
            article.body_html,
            evidence["body_html"],
            evidence["references_html"],
            evidence["disclaimers_html"],
            sorted(str(a.pk) for a in article.authors.all()),
            _hero(article),
            article.topic_id,
            sorted(tag.name for tag in article.tags.all()),  # uses prefetched tags
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def has_pending_changes(article, evidence=None):
    """True when a published article's working copy differs from what readers see.

    evidence: the article's ArticleEvidence when the caller has loaded it already.
    """
    if not article.is_public:
        return False
    rendered = render_evidence(article, evidence)
    return fingerprint(article, rendered) != article.live_extras.get("fingerprint")
