"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic
from .audit import AuditEntry
from .authors import Author

__all__ = ["Article", "ArticleQuerySet", "AuditEntry", "Author", "Topic"]
