"""Demo reader submissions: approved and pending items, and editor replies."""

from django.utils import timezone
from django.utils.translation import gettext as _

from blog.demo import data

EXPERIENCE_FIELDS = ("condition", "tried", "tried_type", "duration", "outcome")


def seed_comments(articles, *, moderator, editor):
    """Submissions for the given {slug: Article}; returns how many rows were created."""
    from blog.models import Comment  # noqa: F401 (fails loudly if the comments app is missing)

    created = 0
    for spec in data.comments():
        article = articles.get(spec["article"])
        if article is None:
            continue
        item = _submit(article, spec)
        if spec["status"] == "approved":
            item.approve(by=moderator)
        created += 1
        if "reply" in spec:
            _reply(item, spec["reply"]["body"], editor=editor, moderator=moderator)
            created += 1
    return created


def _submit(article, spec):
    from blog.models import Comment

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
    item.save()
    return item


def _reply(parent, body, *, editor, moderator):
    from blog.models import Comment

    reply = Comment(
        article=parent.article,
        parent=parent,
        name=_("Redactie"),
        body=body,
        user=editor,
        is_editor_reply=True,
    )
    reply.save()
    reply.approve(by=moderator)
    return reply
