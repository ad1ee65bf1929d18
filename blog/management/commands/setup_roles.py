from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.roles import ROLES, setup_roles, wanted_codenames


class Command(BaseCommand):
    help = gettext_lazy(
        "Maakt of herstelt de groepen Editors, Medical reviewers en Moderators met precies de "
        "rechten uit blog/roles.py (veilig om vaker te draaien; migrate doet het ook)."
    )

    def handle(self, *args, **options):
        missing = setup_roles()
        for role in ROLES:
            granted = len(wanted_codenames(role)) - len(missing[role])
            self.stdout.write(_("%(role)s: %(n)d rechten") % {"role": role, "n": granted})
            if missing[role] and options["verbosity"] > 1:
                self.stdout.write(
                    _("  (nog) niet gedefinieerd: %(codes)s") % {"codes": ", ".join(missing[role])}
                )
        self.stdout.write(self.style.SUCCESS(_("De rollen zijn bijgewerkt.")))
