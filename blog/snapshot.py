"""What readers see of an article, rendered once at publish time into an edition.

The public pages serve the stored edition (blog.models.Edition); staff previews
build a snapshot on the fly. The evidence parts (claim badges, references,
disclaimers) come from evidence.publication, the registry's public rendering API.
The byline is not frozen: authors' names and credentials are shared records, shown
as they are now.

The reader-facing chrome (review line, badges, evidence summary, references) is rendered in every site language: the article's own at the top
level of the edition, the others under its `localized` column, so a page served in
English shows English labels around a Dutch text. The text itself, its claims,
sources and disclaimers stay in the article's language. reader_parts() picks the
set for the reader's language.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation

from blog import rendering
from blog.workflow import review  # a module, not a name: review imports publishing → us
from evidence.assessment import ArticleEvidence
from evidence.publication import render_evidence
from evidence.structured_data import medical_web_page

# The parts rendered per language; everything else in an edition is language-neutral.
LOCALIZED_PARTS = (
    "body_html",
    "review_html",
    "summary_html",
    "references_html",
    "disclaimers_html",
)


@dataclass
class Snapshot:
    """An edition not yet written: its columns and the shared records it points to."""

    fields: dict
    topic: object
    tags: list
    authors: list
    source_ids: list
    review: object  # the approval it is published under, or None

    def reader_parts(self, language=None):
        return reader_parts(
            self.fields, topic=self.topic, tags=self.tags, authors=self.authors, language=language
        )


def build_snapshot(article, *, at=None):
    """Render the article's working copy as an edition would show it."""
    at = at or timezone.now()
    evidence = ArticleEvidence.load(article)
    authors = list(article.authors.all())
    chrome = {code: _chrome(article, evidence, code) for code, _name in settings.LANGUAGES}
    own = chrome.get(article.language) or _chrome(article, evidence, article.language)
    cited = {entry["source_id"] for entry in own["citations"] if "source_id" in entry}
    return Snapshot(
        fields={**_text(article, own, chrome), **_records(article, own, authors, at)},
        topic=article.topic,
        tags=list(article.tags.order_by("name")),
        authors=authors,
        source_ids=sorted(cited),
        review=review.ReviewState.of(evidence).approval,
    )


def _text(article, own, chrome):
    """What readers read: the text and its chrome in the article's and every other language."""
    return {
        "title": article.title,
        "slug": article.slug,
        "language": article.language,
        "lead": article.lead,
        **{part: own[part] for part in LOCALIZED_PARTS},
        "search_text": " ".join(
            [article.title, article.lead, rendering.html_to_text(article.body_html)]
        ),
        "localized": {
            code: {part: parts[part] for part in LOCALIZED_PARTS}
            for code, parts in chrome.items()
            if code != article.language
        },
        "hero": _hero(article),
    }


def _records(article, own, authors, at):
    """What the page was built from: citations, disclaimers shown and why, review, JSON-LD."""
    return {
        "citations": own["citations"],
        "disclaimers": own["disclaimers"],
        "reviewer": own["review"],
        "fingerprint": fingerprint(article, own),
        "json_ld": medical_web_page(
            _AtWorkingSlug(article), own["citations"], authors=authors, at=at, review=own["review"]
        ),
    }


class _AtWorkingSlug:
    """The article as its next edition shows it: at the working slug, not the live one."""

    def __init__(self, article):
        self._article = article

    def __getattr__(self, name):
        return getattr(self._article, name)

    def get_absolute_url(self):
        return self._article.working_url()


def _chrome(article, evidence, language):
    """The reader-facing parts in one language (plus the evidence data they came from)."""
    with translation.override(language):
        return {
            **render_evidence(article, evidence, language=language),
            **review.review_snapshot(article, evidence),
        }


# The edition's columns a page reads (the rest is the record: who, when, which review).
READER_FIELDS = (
    "title",
    "slug",
    "language",
    "lead",
    *LOCALIZED_PARTS,
    "json_ld",
    "hero",
    "localized",
    "citations",
    "disclaimers",
    "reviewer",
)


def reader_parts(fields, *, topic, tags, authors, language=None):
    """An edition as the templates read it, its chrome in the reader's language.

    topic, tags and authors are the shared records themselves, so their names,
    credentials and descriptions show as they are now.
    """
    localized = (fields.get("localized") or {}).get(language or translation.get_language(), {})
    return {
        **{key: value for key, value in fields.items() if key != "localized"},
        **localized,
        "topic": topic,
        "tags": tags,
        "authors": authors,
    }


def edition_parts(edition, language=None):
    """What readers see of a stored edition (no rendering on this path)."""
    return {
        **reader_parts(
            {name: getattr(edition, name) for name in READER_FIELDS},
            topic=edition.topic,
            tags=sorted(edition.tags.all(), key=lambda tag: tag.name),
            authors=list(edition.authors.all()),
            language=language,
        ),
        "first_published_at": edition.first_published_at,
        "published_at": edition.published_at,
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
    """True when a published article's working copy differs from its current edition.

    evidence: the article's ArticleEvidence when the caller has loaded it already.
    """
    edition = article.current_edition
    if edition is None:
        return False
    if article.slug != edition.slug:
        return True
    return fingerprint(article, render_evidence(article, evidence)) != edition.fingerprint
