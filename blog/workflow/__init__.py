"""The editorial workflow: revisions, medical review, scheduling, previews, corrections.

One small module per concern; state changes still go through blog.publishing.
"""
