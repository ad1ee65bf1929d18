from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import audit


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Reader submissions")

    def ready(self):
        from blog.demo.signals import demo_articles_seeded
        from comments.demo import seed_comments_for_demo
        from comments.models import Comment

        audit.register_states("comments.comment", Comment.Status)
        demo_articles_seeded.connect(seed_comments_for_demo, dispatch_uid="comments.demo")
