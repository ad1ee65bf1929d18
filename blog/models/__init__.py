"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic, prefetch_editions
from .authors import Author
from .editions import Edition
from .workflow import Correction, PreviewLink, Review, Revision

__all__ = [
    "Edition",
    "Correction",
    "PreviewLink",
    "Review",
    "Revision",
    "Article",
    "ArticleQuerySet",
    "Author",
    "Topic",
    "prefetch_editions",
]
