from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import audit


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Editor")

    def ready(self):
        from django.db.models.signals import post_migrate

        from blog.models import Article
        from blog.roles import on_post_migrate
        from blog.workflow import checks  # noqa: F401 (registers the medical review check)

        post_migrate.connect(on_post_migrate, dispatch_uid="blog.roles.setup_roles")
        audit.register_states("blog.article", Article.Status)
