"""The article as evidence sees it: the model behind Claim.article ("blog.Article").

evidence never imports blog; it reaches articles through its own relations
(article → claims → citations → source), so the queries below are all it needs.
"""

from evidence.models import Claim


def article_model():
    return Claim._meta.get_field("article").related_model


def articles_citing(sources):
    """Articles whose working copy cites any of the given sources (a queryset)."""
    return article_model().objects.filter(claims__citations__source__in=sources).distinct()
