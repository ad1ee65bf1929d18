"""Revisions: what an article (with its claims and citations) looked like after each save.

A revision is JSON, read through the ORM relations article.claims and
claim.citations, so the evidence models need no knowledge of revisions.
Identical saves do not create a new revision, so a publish or a save without
edits leaves the history alone.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile

from blog.models import Article
from blog.models.workflow import Revision

# The article fields an editor changes; state and timestamps belong to the audit log.
ARTICLE_FIELDS = (
    "title", "slug", "language", "lead", "body", "topic", "hero_image", "hero_alt",
    "hero_caption", "hero_credit", "hero_licence", "comments_open", "experiences_open",
    "commercial_interest", "review_due",
)


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _editable_values(obj, skip=()):
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable or field.name in skip:
            continue
        values[field.name] = _plain(field.value_from_object(obj))
    return values


def _claim_level(claim):
    """The claim's certainty as the evidence registry computes it, when it offers that."""
    try:
        from evidence import certainty

        level = certainty.claim_level(claim)
    except (ImportError, AttributeError, TypeError):
        return ""
    return str(getattr(level, "value", level) or "")


def _citation_data(citation):
    return {
        "fields": _editable_values(citation, skip={"claim"}),
        "source_title": str(citation.source),
    }


def _claims_data(article):
    claims = article.claims.prefetch_related("citations__source").order_by("key")
    return [
        {
            "key": claim.key,
            "fields": _editable_values(claim, skip={"article", "key"}),
            "level": _claim_level(claim),
            "citations": [_citation_data(c) for c in claim.citations.all()],
        }
        for claim in claims
    ]


def _disclaimers_data(article):
    attached = getattr(article, "attached_disclaimers", None)
    if attached is None:
        return []
    return sorted(
        ({"id": a.disclaimer_id, "title": str(a.disclaimer)}
         for a in attached.select_related("disclaimer")),
        key=lambda item: item["id"],
    )


def serialize(article):
    """Everything a revision keeps, as plain JSON values."""
    fields = {name: _plain(article._meta.get_field(name).value_from_object(article))
              for name in ARTICLE_FIELDS}
    data = {
        "fields": fields,
        "authors": [{"id": a.pk, "name": a.name} for a in article.authors.order_by("pk")],
        "tags": sorted(article.tags.names()),
        "claims": _claims_data(article),
        "disclaimers": _disclaimers_data(article),
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def content_hash_of(data):
    """The medical content a review vouches for: body, claims and their citations."""
    claims = [
        {"key": c["key"], "fields": c["fields"], "citations": [x["fields"] for x in c["citations"]]}
        for c in data["claims"]
    ]
    return _digest({"body": data["fields"]["body"], "claims": claims})


def current_content_hash(article):
    return content_hash_of(serialize(article))


def latest(article):
    return article.revisions.order_by("-number").first()


def latest_number(article):
    revision = latest(article)
    return revision.number if revision else 0


def record_revision(article, *, by=None, note=""):
    """Store the article as it is now, unless the newest revision already says the same."""
    if article.pk is None:
        return None
    data = serialize(article)
    data_hash = _digest(data)
    with transaction.atomic():
        # The row lock gives concurrent saves of one article distinct numbers.
        Article.objects.select_for_update().filter(pk=article.pk).first()
        newest = latest(article)
        if newest is not None and newest.data_hash == data_hash and not note:
            return newest
        return Revision.objects.create(
            article=article,
            number=(newest.number + 1) if newest else 1,
            created_by=by if getattr(by, "pk", None) else None,
            data=data,
            data_hash=data_hash,
            content_hash=content_hash_of(data),
            note=note,
        )


def current_revision(article, *, by=None):
    """The revision that matches the article right now (recorded if it is missing)."""
    return record_revision(article, by=by)
