"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic
from .authors import Author
from .workflow import Correction, PreviewLink, Review, Revision

__all__ = [
    "Correction",
    "PreviewLink",
    "Review",
    "Revision",
    "Article",
    "ArticleQuerySet",
    "Author",
    "Topic",
]
