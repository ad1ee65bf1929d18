"""Demo reader submissions (demo.toml): approved and pending items, and editor replies.

Items are scored by the same anti-spam checks as a real submission, so the
pending ones arrive in the moderation queue with their reasons (a dose, shop
links, "stop met je medicatie"); approvals go through Comment.approve().
"""

import tomllib
from functools import cache
from pathlib import Path

from django.utils import timezone

from comments import antispam, conf
from comments.models import EXPERIENCE_FIELDS, Comment

DATA = Path(__file__).resolve().with_name("demo.toml")


@cache
def _data():
    with open(DATA, "rb") as handle:
        return tomllib.load(handle)


def seed_comments_for_demo(sender, *, articles, moderator, editor, **kwargs):
    """seed_demo created these articles: give them their demo submissions."""
    seed_comments(articles, moderator=moderator, editor=editor)


def seed_comments(articles, *, moderator, editor):
    """Submissions for the given {slug: Article}; returns how many rows were created."""
    created = 0
    for spec in _data()["items"]:
        article = articles.get(spec["article"])
        if article is None:
            continue
        item = _store(_submission(article, spec))
        if spec["status"] == "approved":
            item.approve(by=moderator)
        created += 1
        if "reply" in spec:
            _reply(item, spec["reply"]["body"], editor=editor, moderator=moderator)
            created += 1
    return created


def _submission(article, spec):
    item = Comment(
        article=article,
        kind=spec["kind"],
        name=spec["name"],
        email=spec.get("email", ""),
        body=spec["body"],
        **{field: spec[field] for field in EXPERIENCE_FIELDS if field in spec},
    )
    if item.is_experience:
        item.consent_at = timezone.now()
        item.consent_version = conf.get("CONSENT_VERSION")
    return item


def _store(item):
    item.dedupe_key = antispam.dedupe_key(item)
    antispam.assess(item).apply_to(item)
    item.save()
    return item


def _reply(parent, body, *, editor, moderator):
    reply = Comment(
        article=parent.article,
        parent=parent,
        name=_data()["editor_name"],
        body=body,
        user=editor,
        is_editor_reply=True,
    )
    _store(reply).approve(by=moderator)
    return reply
