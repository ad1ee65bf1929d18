from . import articles, audit_log, authors, comments  # noqa: F401 (registers the admins)
