"""What readers see of an article, built once at publish time.

The public page serves the stored snapshot; staff previews build one on the
fly. The evidence parts (claim badges, references, disclaimers) come from
evidence.publication, the registry's public rendering API.
"""

import hashlib
import json

from django.template.loader import render_to_string
from django.utils import timezone, translation

from blog import rendering


def build_snapshot(article, *, at=None):
    """Return the public rendering of the article's working copy."""
    # Imported here: these modules import blog.models, which reach this module lazily.
    from blog.workflow.review import review_snapshot
    from evidence.publication import render_evidence
    from evidence.structured_data import medical_web_page

    at = at or timezone.now()
    with translation.override(article.language):
        evidence = render_evidence(article)
        authors = list(article.authors.all())
        review = review_snapshot(article)
        byline_html = render_to_string("blog/_byline.html", {"authors": authors})
        return {
            "title": article.title,
            "lead": article.lead,
            "body_html": evidence["body_html"],
            "search_text": " ".join(
                [article.title, article.lead, rendering.html_to_text(article.body_html)]
            ),
            "extras": {
                "byline_html": byline_html,
                "author_names": [a.name for a in authors],
                "summary_html": evidence["summary_html"],
                "references_html": evidence["references_html"],
                "disclaimers_html": evidence["disclaimers_html"],
                "disclaimers": evidence["disclaimers"],
                "citations": evidence["citations"],
                "hero": _hero(article),
                "topic": article.topic.name if article.topic_id else "",
                "topic_slug": article.topic.slug if article.topic_id else "",
                "tags": [{"name": t.name, "slug": t.slug} for t in article.tags.order_by("name")],
                "fingerprint": fingerprint(article, evidence),
                **review,
                "json_ld": medical_web_page(
                    article,
                    evidence["citations"],
                    authors=authors,
                    at=at,
                    review=review.get("review"),
                ),
            },
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
    from evidence.publication import render_evidence

    rendered = render_evidence(article, evidence)
    return fingerprint(article, rendered) != article.live_extras.get("fingerprint")
