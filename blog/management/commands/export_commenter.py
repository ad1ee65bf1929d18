import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.comments import privacy
from blog.management.commands.erase_commenter import checked_email


class Command(BaseCommand):
    help = gettext_lazy(
        "AVG-inzageverzoek: alles wat is opgeslagen over de bijdragen die met dit e-mailadres "
        "zijn ingestuurd, als JSON (naar stdout of naar --output BESTAND). Afsluitcode 1 = niets "
        "gevonden, 2 = ongeldig adres."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--output", "-o", help=gettext_lazy("Schrijf de JSON naar dit bestand.")
        )

    def handle(self, *args, email, output, **options):
        data = privacy.export(checked_email(email))
        if not data["items"]:
            raise CommandError(_("Geen bijdragen gevonden bij dit e-mailadres."), returncode=1)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if not output:
            self.stdout.write(text)
            return
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as error:
            raise CommandError(
                _("Kan %(file)s niet schrijven: %(why)s") % {"file": output, "why": error.strerror}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)d bijdrage(n) geëxporteerd naar %(file)s.")
                % {"n": len(data["items"]), "file": output}
            )
        )
