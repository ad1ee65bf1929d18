from django import template

from comments.display import approved_thread, experience_disclaimer
from comments.forms import CommentForm, open_kinds
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def article_comments(context, article):
    """Approved contributions and the form, live under the stored article snapshot."""
    experiences, comments = approved_thread(article)
    kinds = open_kinds(article)
    request = context.get("request")
    reply_to = _reply_target(request, comments + experiences, kinds)
    form = None
    if kinds:
        initial = {"parent": reply_to.pk, "kind": Comment.Kind.COMMENT} if reply_to else {}
        user = getattr(request, "user", None)
        if user is not None and user.is_staff:
            initial["name"] = user.get_full_name() or user.get_username()
        form = CommentForm(article=article, initial=initial)
    return {
        "article": article,
        "experiences": experiences,
        "comments": comments,
        "disclaimer": experience_disclaimer(article.language) if experiences else "",
        "form": form,
        "reply_to": reply_to,
        "request": request,
    }


def _reply_target(request, items, kinds):
    wanted = request.GET.get("reageer", "") if request is not None else ""
    if Comment.Kind.COMMENT not in kinds or not wanted.isdigit():
        return None
    return next((item for item in items if item.pk == int(wanted)), None)


@register.inclusion_tag("admin/comments/comment/_waiting.html", takes_context=True)
def moderation_waiting(context):
    """How many contributions wait, for the admin index (only for who may see the queue)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.view_comment"):
        return {"show": False}
    return {
        "show": True,
        "waiting": Comment.objects.waiting().count(),
        "can_moderate": request.user.has_perm("comments.moderate_comment"),
    }
