from . import articles, authors, site  # noqa: F401 (registers the admins)
