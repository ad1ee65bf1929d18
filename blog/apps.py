from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import audit


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Editor")

    def ready(self):
        from django.db.models.signals import post_migrate

        from blog import publishing
        from blog.models import Article
        from blog.roles import on_post_migrate
        from blog.workflow import checks  # noqa: F401 (registers the author and review checks)
        from blog.workflow.integrity import on_integrity_changed
        from evidence.signals import integrity_changed

        post_migrate.connect(on_post_migrate, dispatch_uid="blog.roles.setup_roles")
        integrity_changed.connect(on_integrity_changed, dispatch_uid="blog.integrity_changed")
        Article.transitions = publishing
        audit.register_states("blog.article", Article.Status)
