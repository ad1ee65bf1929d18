"""Admin for the evidence registry. Importing this package registers the admins.

The article's own admin (blog) gets the claim and disclaimer inlines, the
readiness panel and the integrity filter from articles.EvidenceArticleAdminMixin.
blog registers claims.ClaimAdmin, since a claim's edit records its article's revision.
"""

from . import disclaimers, sources  # noqa: F401 (registers the admins)
