"""Reader comments and experiences: submission, anti-spam, moderation and privacy.

The model and its transitions live in blog.models.comments; this package holds
everything around it (forms, spam checks, notifications, public views, GDPR).
"""
