"""Admin for the evidence registry. Importing this package registers the admins.

The article's own admin (blog) gets the claim and disclaimer inlines, the
readiness panel and the integrity filter from articles.EvidenceArticleAdminMixin.
"""

from . import claims, disclaimers, sources  # noqa: F401 (registers the admins)
