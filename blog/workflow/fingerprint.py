"""The medical review's fingerprint: what an approval vouches for.

A reviewer approves what readers will see, so the fingerprint covers every input of the
published article that an editor writes: title, slug, language, lead, body, the hero image
with its alt text, caption, credit and licence, the commercial-interest flag, topic, tags,
authors, claims, citations (with their level and any adjustment of it), the attached
disclaimers (with the note readers see beside an extra one) and the editors' decisions on
linter findings (which the reviewer is shown). It leaves out what is derived or recorded:
the rendering, claim grades (they follow from the citations and the sources' integrity,
which the gate checks on its own), the reviews themselves, state and dates, and the
settings that stay live (comments open). Authors, topic and tags count by identity, so
renaming a shared record (an author's name, a tag's or topic's name) is not an edit of
the article; its citations count by source, whose title is likewise shared.

Plain functions over a revision's stored data (blog.workflow.revisions.serialize), with no
model imports, so migrations can compute the same fingerprint.

VERSION 1 (before issue 12) covered only the body, claims, citations and linter decisions.
Migration blog 0020 recomputed every stored fingerprint with version 2 from the revision's
own stored content, rather than keeping two versions side by side: an approval made before
then stays valid exactly as long as nothing it now covers has changed since the reviewed
version, and needs a new review as soon as anything has (a lead edited after the review,
say), which is the point of the change.
"""

import hashlib
import json

VERSION = 2

FIELDS = (
    "title",
    "slug",
    "language",
    "lead",
    "body",
    "hero_image",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "hero_licence",
    "commercial_interest",
    "topic",
)

# Every part in the order the review screen names them.
PARTS = (*FIELDS, "authors", "tags", "claims", "citations", "disclaimers", "lint_decisions")


def _author_id(author):
    return author["id"] if isinstance(author, dict) else author


def _citation(stored):
    return {**stored["fields"], "level": stored.get("level", "")}


def parts(data):
    """{part name: its reviewed value} for a revision's stored data."""
    fields = data.get("fields", {})
    claims = data.get("claims", [])
    return {
        **{name: fields.get(name) for name in FIELDS},
        "authors": sorted(_author_id(a) for a in data.get("authors", [])),
        "tags": sorted(data["tag_ids"]) if "tag_ids" in data else sorted(data.get("tags", [])),
        "claims": [[c["key"], c["fields"]] for c in claims],
        "citations": [[c["key"], [_citation(x) for x in c["citations"]]] for c in claims],
        "disclaimers": sorted([d["id"], d.get("note", "")] for d in data.get("disclaimers", [])),
        "lint_decisions": [
            [d["category"], d["sentence_hash"], d["reason"], d["note"]]
            for d in data.get("lint_decisions", [])
        ],
    }


def content_hash_of(data):
    """The fingerprint an approval of this revision's data vouches for."""
    payload = json.dumps(parts(data), sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def changed_parts(old, new):
    """The names of the parts (see PARTS) that differ between two revisions' data."""
    before, after = parts(old), parts(new)
    return [name for name in PARTS if before[name] != after[name]]
