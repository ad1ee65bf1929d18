from . import articles, authors, comments, site  # noqa: F401 (registers the admins)
