"""Reader comments and experiences: submission, anti-spam, moderation and privacy.

Uses blog's article and rendering API; blog knows nothing of this app (the article page
shows the thread through the `gutcheck_comments` template tags).
"""
