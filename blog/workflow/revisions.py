"""Revisions: what an article (with its claims and citations) looked like after each save.

A revision is JSON, read through the ORM relations article.claims and
claim.citations, so the evidence models need no knowledge of revisions.
Identical saves do not create a new revision, so a publish or a save without
edits leaves the history alone.
"""

import hashlib
import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

import audit
from blog.models import Article
from blog.models.workflow import Revision
from blog.workflow.fingerprint import content_hash_of
from evidence import certainty

# The article fields an editor changes; state and timestamps belong to the audit log.
ARTICLE_FIELDS = (
    "title",
    "slug",
    "language",
    "lead",
    "body",
    "topic",
    "hero_image",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "hero_licence",
    "comments_open",
    "experiences_open",
    "commercial_interest",
    "review_due",
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
    """The claim's certainty as the evidence registry computes it."""
    level = certainty.claim_level(claim)
    return str(getattr(level, "value", level) or "")


def _citation_data(citation):
    return {
        "fields": _editable_values(citation, skip={"claim"}),
        "level": citation.level,  # as stored at the citation's last save, adjustment included
        "source_title": str(citation.source),
    }


def _claims_data(claims):
    """Claims sorted by key, each with its citations in the order they were added."""
    return [
        {
            "key": claim.key,
            "fields": _editable_values(claim, skip={"article", "key"}),
            "level": _claim_level(claim),
            "citations": [
                _citation_data(c) for c in sorted(claim.citations.all(), key=lambda c: c.pk)
            ],
        }
        for claim in sorted(claims, key=lambda claim: claim.key)
    ]


def _load_claims(article):
    return list(article.claims.prefetch_related("citations__source"))


def _load_attachments(article):
    attached = getattr(article, "attached_disclaimers", None) if article.pk else None
    return list(attached.select_related("disclaimer")) if attached is not None else []


def _disclaimers_data(attachments):
    return sorted(
        ({"id": a.disclaimer_id, "title": str(a.disclaimer), "note": a.note} for a in attachments),
        key=lambda item: item["id"],
    )


def _decisions_data(decisions):
    """The editors' dismissals and waivers of linter findings, in a stable order."""
    return sorted(
        (
            {
                "category": d.category,
                "sentence_hash": d.sentence_hash,
                "sentence": d.sentence,
                "reason": d.reason,
                "note": d.note,
            }
            for d in decisions
        ),
        key=lambda item: (item["sentence_hash"], item["category"]),
    )


def _load_decisions(article):
    decisions = getattr(article, "lint_dismissals", None) if article.pk else None
    return list(decisions.all()) if decisions is not None else []


def _authors_data(article):
    # .all() and sorted here, not order_by(): the change page has the authors prefetched.
    authors = sorted(article.authors.all(), key=lambda a: a.pk) if article.pk else []
    return [{"id": a.pk, "name": a.name} for a in authors]


def _tags(article):
    return sorted(article.tags.all(), key=lambda tag: tag.name) if article.pk else []


def serialize(article, *, claims=None, decisions=None, attachments=None):
    """Everything a revision keeps, as plain JSON values.

    claims (citations and sources prefetched), decisions (the linter dismissals) and
    attachments (disclaimers selected): the article's rows when the caller has loaded them.
    """
    fields = {
        name: _plain(article._meta.get_field(name).value_from_object(article))
        for name in ARTICLE_FIELDS
    }
    if claims is None:
        claims = _load_claims(article) if article.pk else []
    tags = _tags(article)
    data = {
        "fields": fields,
        "authors": _authors_data(article),
        "tags": [tag.name for tag in tags],
        # Which tags, apart from their names: renaming a tag is not an edit of the article.
        "tag_ids": sorted(tag.pk for tag in tags),
        "claims": _claims_data(claims),
        "disclaimers": _disclaimers_data(
            _load_attachments(article) if attachments is None else attachments
        ),
    }
    decisions = _decisions_data(_load_decisions(article) if decisions is None else decisions)
    if decisions:  # left out when empty, so revisions made before dismissals existed still match
        data["lint_decisions"] = decisions
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def latest(article):
    return article.revisions.order_by("-number").first()


def latest_locked(article):
    """The newest revision, read after locking the article's row until the transaction ends.

    Saves of one article then take turns: whoever holds the lock records their revision
    before anyone else reads "the newest". Call it inside the transaction that saves.
    """
    Article.objects.select_for_update().filter(pk=article.pk).first()
    return latest(article)


def latest_number(article):
    revision = latest(article)
    return revision.number if revision else 0


def record_revision(article, *, by=None, note=""):
    """Store the article as it is now, unless the newest revision already says the same.

    Every path that edits an article calls this once its edit is complete (claims and
    disclaimers included); nothing records a revision behind a plain save().
    """
    if article.pk is None:
        return None
    data = serialize(article)
    data_hash = _digest(data)
    with transaction.atomic():
        # The row lock gives concurrent saves of one article distinct numbers.
        newest = latest_locked(article)
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


def working_revision(article):
    """The revision matching the article right now, without writing anything (for a GET).

    The stored newest one when it says the same, else an unsaved Revision numbered as the
    next, which current_revision() records when someone acts on it.
    """
    data = serialize(article)
    data_hash = _digest(data)
    newest = latest(article)
    if newest is not None and newest.data_hash == data_hash:
        return newest
    return Revision(
        article=article,
        number=(newest.number + 1) if newest else 1,
        data=data,
        data_hash=data_hash,
        content_hash=content_hash_of(data),
    )


def _assign(obj, values):
    """Set stored field values back on a model instance, skipping fields that no longer exist."""
    for name, value in values.items():
        try:
            model_field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        setattr(obj, model_field.attname if model_field.is_relation else name, value)


def _restore_article(article, data):
    fields = {k: v for k, v in data["fields"].items() if k != "review_due"}
    slug = fields.get("slug")
    if Article.objects.exclude(pk=article.pk).filter(slug=slug).exists():
        raise ValidationError(
            _(
                "This version cannot be restored: the slug “%(slug)s” now belongs to another article."
            )
            % {"slug": slug}
        )
    _assign(article, fields)
    article.save()
    author_ids = [a["id"] for a in data["authors"]]
    article.authors.set(article.authors.model.objects.filter(pk__in=author_ids))
    article.tags.set(data["tags"], clear=True)


def _restore_claims(article, stored):
    """Make the article's claims and citations match the stored ones; returns skipped sources."""
    wanted = {item["key"]: item for item in stored}
    current = {claim.key: claim for claim in article.claims.all()}
    for key, claim in current.items():
        if key not in wanted:
            claim.delete()
    skipped = []
    for key, item in wanted.items():
        claim = current.get(key) or article.claims.model(article=article, key=key)
        _assign(claim, item["fields"])
        claim.save()
        claim.citations.all().delete()
        for stored_citation in item["citations"]:
            citation = claim.citations.model(claim=claim)
            _assign(citation, stored_citation["fields"])
            if not citation.source_id or not _source_exists(citation):
                skipped.append(stored_citation["source_title"])
                continue
            citation.save()
    return skipped


def _source_exists(citation):
    source_model = citation._meta.get_field("source").related_model
    return source_model.objects.filter(pk=citation.source_id).exists()


def _restore_disclaimers(article, stored, by):
    """Attach exactly the stored disclaimers, each with its stored note (the review covers it)."""
    attached = getattr(article, "attached_disclaimers", None)
    if attached is None:
        return
    stored_by_id = {item["id"]: item for item in stored}
    attached.exclude(disclaimer_id__in=stored_by_id).delete()
    for attachment in attached.all():
        note = stored_by_id[attachment.disclaimer_id].get("note", attachment.note)
        if attachment.note != note:
            attachment.note = note
            attachment.save(update_fields=["note"])
    present = set(attached.values_list("disclaimer_id", flat=True))
    disclaimer_model = attached.model._meta.get_field("disclaimer").related_model
    for disclaimer in disclaimer_model.objects.filter(pk__in=set(stored_by_id) - present):
        note = stored_by_id[disclaimer.pk].get("note") or ""
        attached.create(disclaimer=disclaimer, added_by=by, note=note)


@transaction.atomic
def revert(article, *, to, by):
    """Bring back an older revision as a new revision; history is never deleted.

    Returns (new revision, titles of cited sources that no longer exist).
    """
    if to.article_id != article.pk:
        raise ValidationError(_("This version belongs to a different article."))
    _restore_article(article, to.data)
    skipped = _restore_claims(article, to.data["claims"])
    _restore_disclaimers(article, to.data.get("disclaimers", []), by)
    revision = record_revision(
        article, by=by, note=_("Restored to version %(n)s") % {"n": to.number}
    )
    audit.record(
        "revert",
        actor=by,
        article=article,
        from_state=article.status,
        to_state=article.status,
        data={"to": to.number, "revision": revision.number},
    )
    return revision, skipped
