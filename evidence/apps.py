from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

import audit


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence register")

    def ready(self):
        from evidence.models import Source

        audit.register_states("evidence.source", Source.Integrity)
