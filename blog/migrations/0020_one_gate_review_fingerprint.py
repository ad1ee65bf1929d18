"""One gate, and a review fingerprint that covers everything readers see (issue 12).

- Article.authors may be empty on a draft: the gate's author check (blog.workflow.checks)
  is the one place that refuses to publish without an author.
- Every stored revision's fingerprint (Revision.content_hash) is recomputed with version 2
  (blog.workflow.fingerprint), from the revision's own stored content. Version 1 covered
  only the body, claims, citations and linter decisions. An approval made before this
  migration therefore stays valid exactly as long as nothing version 2 covers has changed
  since the reviewed version; where, say, the lead was edited after the review, the gate
  asks for a new review. No review, revision or content is deleted.
- Version 2 also covers each citation's level and each attached disclaimer's note, and
  counts tags by id, which revisions did not store. A revision stored without them gets
  the values its citation (same claim key and source), attachment (same disclaimer) and
  tags (same names) hold at migration time, the
  same values the working copy's fingerprint reads, so an unchanged article keeps its
  approval; a citation or attachment that no longer exists gets an empty value. data_hash is
  recomputed to match, so the next save of an unchanged article records no new revision.

The forward step computes the fingerprint with the code's current definition, so that the
stored fingerprints always match what the code computes; a later change of definition
brings its own migration. The reverse step removes the added values and restores the
version-1 fingerprint, frozen below.
"""

import hashlib
import json
from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models

from blog.workflow import fingerprint

BATCH = 500


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def _v1_content_hash(data):
    claims = [
        {"key": c["key"], "fields": c["fields"], "citations": [x["fields"] for x in c["citations"]]}
        for c in data.get("claims", [])
    ]
    content = {"body": data.get("fields", {}).get("body"), "claims": claims}
    if data.get("lint_decisions"):
        content["decisions"] = [
            [d["category"], d["sentence_hash"], d["reason"], d["note"]]
            for d in data["lint_decisions"]
        ]
    return _digest(content)


def _current_rows(apps):
    """Citation levels by (article, claim key, source), in pk order, attachment notes, and
    tag ids by name."""
    citation_model = apps.get_model("evidence", "Citation")
    attachment_model = apps.get_model("evidence", "ArticleDisclaimer")
    levels = defaultdict(list)
    rows = citation_model.objects.order_by("pk").values_list(
        "claim__article_id", "claim__key", "source_id", "level"
    )
    for article_id, key, source_id, level in rows:
        levels[(article_id, key, source_id)].append(level)
    notes = {
        (article_id, disclaimer_id): note
        for article_id, disclaimer_id, note in attachment_model.objects.values_list(
            "article_id", "disclaimer_id", "note"
        )
    }
    tag_ids = dict(apps.get_model("taggit", "Tag").objects.values_list("name", "pk"))
    return levels, notes, tag_ids


def _fill_in(revision, levels, notes, tag_ids):
    for claim in revision.data.get("claims", []):
        seen = defaultdict(int)
        for citation in claim.get("citations", []):
            source_id = citation.get("fields", {}).get("source")
            found = levels.get((revision.article_id, claim["key"], source_id), [])
            index = seen[source_id]
            seen[source_id] += 1
            citation.setdefault("level", found[index] if index < len(found) else "")
    for attached in revision.data.get("disclaimers", []):
        attached.setdefault("note", notes.get((revision.article_id, attached["id"]), ""))
    if "tag_ids" not in revision.data:
        # A tag renamed since cannot be found; its absence then reads as a change of tags.
        names = revision.data.get("tags", [])
        revision.data["tag_ids"] = sorted(tag_ids[name] for name in names if name in tag_ids)


def _strip(revision, levels, notes, tag_ids):
    for claim in revision.data.get("claims", []):
        for citation in claim.get("citations", []):
            citation.pop("level", None)
    for attached in revision.data.get("disclaimers", []):
        attached.pop("note", None)
    revision.data.pop("tag_ids", None)


def _rewrite(apps, change, content_hash):
    revision_model = apps.get_model("blog", "Revision")
    rows = _current_rows(apps)
    batch = []
    for revision in revision_model.objects.order_by("pk").iterator(chunk_size=BATCH):
        change(revision, *rows)
        revision.data_hash = _digest(revision.data)
        revision.content_hash = content_hash(revision.data)
        batch.append(revision)
        if len(batch) >= BATCH:
            revision_model.objects.bulk_update(batch, ["data", "data_hash", "content_hash"])
            batch = []
    revision_model.objects.bulk_update(batch, ["data", "data_hash", "content_hash"])


def to_version_2(apps, schema_editor):
    _rewrite(apps, _fill_in, fingerprint.content_hash_of)


def to_version_1(apps, schema_editor):
    _rewrite(apps, _strip, _v1_content_hash)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_editions_from_live_columns"),
        ("evidence", "0004_source_url_web_only"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="authors",
            field=models.ManyToManyField(
                blank=True,
                help_text="A draft may wait for its author; the gate refuses to publish without one.",
                related_name="articles",
                to="blog.author",
                verbose_name="authors",
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="content_hash",
            field=models.CharField(
                db_index=True,
                editable=False,
                help_text="Fingerprint of everything readers see that an editor writes: a medical review is only valid as long as this stays the same.",
                max_length=64,
            ),
        ),
        migrations.AlterField(
            model_name="review",
            name="revision",
            field=models.ForeignKey(
                help_text="An approval applies only to this version of everything readers see that an editor writes.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reviews",
                to="blog.revision",
                verbose_name="version",
            ),
        ),
        migrations.RunPython(to_version_2, to_version_1),
    ]
