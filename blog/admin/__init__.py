from . import articles, audit_log, authors, comments, site  # noqa: F401 (registers the admins)
