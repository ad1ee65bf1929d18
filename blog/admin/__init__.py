from . import articles, authors  # noqa: F401 (registers the admins)
