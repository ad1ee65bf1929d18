"""Blog models, one module per concern; import them from here."""

from .articles import Article, ArticleQuerySet, Topic
from .audit import AuditEntry
from .authors import Author
from .workflow import Correction, PreviewLink, Review, Revision

__all__ = [
    "Correction", "PreviewLink", "Review", "Revision",
    "Article", "ArticleQuerySet", "AuditEntry", "Author", "Topic"]
