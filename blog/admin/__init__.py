from . import articles, audit_log, authors, claims, comments, site  # noqa: F401 (registers the admins)
