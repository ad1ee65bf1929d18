"""What the article page shows of comments: the public thread in one fixed-cost query."""

from django.utils import translation
from django.utils.translation import gettext

from comments.models import Comment
from evidence.models import Disclaimer


def approved_thread(article):
    """(experiences, comments), each item with .shown_replies; one query for any thread size."""
    items = list(Comment.objects.filter(article=article).public().order_by("created_at", "id"))
    top = [item for item in items if item.parent_id is None]
    replies = {item.pk: [] for item in top}
    for item in items:
        if item.parent_id is not None:
            replies[item.parent_id].append(item)
    for item in top:
        item.shown_replies = replies[item.pk]
    return (
        [item for item in top if item.is_experience],
        [item for item in top if not item.is_experience],
    )


def experience_disclaimer(language):
    """The registry's personal-experience disclaimer; our own sentence until one exists."""
    disclaimer = (
        Disclaimer.objects.filter(kind=Disclaimer.Kind.PERSONAL_EXPERIENCE).order_by("pk").first()
    )
    if disclaimer is not None:
        return disclaimer.text_for(language)
    with translation.override(language):
        return gettext("Personal experience — not representative and not medical advice.")
