from . import articles, authors, claims, site  # noqa: F401 (registers the admins)
