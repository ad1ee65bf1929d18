"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic
from .authors import Author
from .comments import Comment, ModerationWord, ModeratorAlert
from .workflow import Correction, PreviewLink, Review, Revision

__all__ = [
    "Comment",
    "ModerationWord",
    "ModeratorAlert",
    "Correction",
    "PreviewLink",
    "Review",
    "Revision",
    "Article",
    "ArticleQuerySet",
    "Author",
    "Topic",
]
