from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Redactie")

    def ready(self):
        from blog.workflow import checks  # noqa: F401 (registers the medical review check)
