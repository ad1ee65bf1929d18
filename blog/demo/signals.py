from django.dispatch import Signal

# Sent by seed_demo after it created articles, with articles={slug: Article} (the new
# ones only, so a second run adds nothing) and the demo's `editor` and `moderator`
# users. Apps that add to the demo, such as reader comments, listen to it.
demo_articles_seeded = Signal()
