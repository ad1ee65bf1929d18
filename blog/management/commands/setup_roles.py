from django.core.management.base import BaseCommand

from blog.roles import ROLES, setup_roles, wanted_codenames


class Command(BaseCommand):
    help = "Create or update the groups Editors, Medical reviewers and Moderators (idempotent)."

    def handle(self, *args, **options):
        missing = setup_roles()
        for role in ROLES:
            granted = len(wanted_codenames(role)) - len(missing[role])
            self.stdout.write(f"{role}: {granted} permissions")
            if missing[role] and options["verbosity"] > 1:
                self.stdout.write(f"  not defined (yet): {', '.join(missing[role])}")
        self.stdout.write(self.style.SUCCESS("Roles are up to date."))
