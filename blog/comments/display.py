"""What the article page shows of comments: approved items in two fixed-cost queries."""

from django.utils import translation
from django.utils.translation import gettext

from blog.models.comments import Comment


def approved_thread(article):
    """(experiences, comments), each item with .shown_replies; one query for any thread size."""
    items = list(
        Comment.objects.filter(article=article, status=Comment.Status.APPROVED).order_by(
            "created_at", "id"
        )
    )
    top = [item for item in items if item.parent_id is None]
    by_id = {item.pk: item for item in top}
    for item in top:
        item.shown_replies = []
    for item in items:
        if item.parent_id in by_id:  # replies under an item that is not approved stay hidden
            by_id[item.parent_id].shown_replies.append(item)
    return (
        [item for item in top if item.is_experience],
        [item for item in top if not item.is_experience],
    )


def experience_disclaimer(language):
    """The registry's personal-experience disclaimer; our own sentence until one exists."""
    from evidence.models import Disclaimer

    disclaimer = (
        Disclaimer.objects.filter(kind=Disclaimer.Kind.PERSONAL_EXPERIENCE).order_by("pk").first()
    )
    if disclaimer is not None:
        return disclaimer.text_for(language)
    with translation.override(language):
        return gettext("Personal experience — not representative and not medical advice.")
