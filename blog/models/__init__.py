"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic, prefetch_editions
from .audit import AuditEntry
from .authors import Author
from .comments import Comment, ModerationWord, ModeratorAlert
from .editions import Edition
from .workflow import Correction, PreviewLink, Review, Revision

__all__ = [
    "Comment",
    "Edition",
    "ModerationWord",
    "ModeratorAlert",
    "Correction",
    "PreviewLink",
    "Review",
    "Revision",
    "Article",
    "ArticleQuerySet",
    "AuditEntry",
    "Author",
    "Topic",
    "prefetch_editions",
]
