from django import template

from blog.workflow.review import waiting_for

register = template.Library()

SHOWN = 10


@register.inclusion_tag("admin/blog/workflow/_review_waiting.html", takes_context=True)
def review_waiting(context):
    """On a medical reviewer's admin home: the articles that wait for their review."""
    request = context.get("request")
    if request is None or not request.user.has_perm("blog.review_article"):
        return {"show": False}
    waiting = list(waiting_for(request.user)[: SHOWN + 1])
    return {"show": True, "articles": waiting[:SHOWN], "more": len(waiting) > SHOWN}
