from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.management.base import TranslatedCommand
from blog.roles import ROLES, setup_roles, wanted_codenames


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Creates or repairs the groups Editors, Medical reviewers and Moderators with exactly the permissions from blog/roles.py (safe to run repeatedly; migrate does it too)."
    )

    def handle(self, *args, **options):
        missing = setup_roles()
        for role in ROLES:
            granted = len(wanted_codenames(role)) - len(missing[role])
            self.stdout.write(_("%(role)s: %(n)d permissions") % {"role": role, "n": granted})
            if missing[role] and options["verbosity"] > 1:
                self.stdout.write(
                    _("  not defined (yet): %(codes)s") % {"codes": ", ".join(missing[role])}
                )
        self.stdout.write(self.style.SUCCESS(_("The roles have been updated.")))
