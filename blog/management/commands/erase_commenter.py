from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.comments import privacy
from blog.models.comments import Comment


def checked_email(value):
    """The address, or a CommandError that does not repeat it (it is personal data)."""
    try:
        validate_email(value.strip())
    except ValidationError:
        raise CommandError(_("Dat is geen geldig e-mailadres."), returncode=2) from None
    return value.strip()


class Command(BaseCommand):
    help = gettext_lazy(
        "AVG-verwijderverzoek: wist alle vragen, reacties en ervaringen die met dit e-mailadres "
        "zijn ingestuurd (en antwoorden eronder). Afsluitcode 0 = gewist, 1 = niets gevonden, "
        "2 = ongeldig adres."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Alleen tellen wat gewist zou worden."),
        )

    def handle(self, *args, email, dry_run, **options):
        email = checked_email(email)
        found = Comment.objects.by_email(email).count()
        if not found:
            raise CommandError(
                _("Geen bijdragen gevonden bij dit e-mailadres; niets gewist."), returncode=1
            )
        if dry_run:
            self.stdout.write(
                _("%(n)d bijdrage(n) zou(den) worden gewist (proefrun).") % {"n": found}
            )
            return
        own, replies = privacy.erase(email)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(own)d bijdrage(n) van deze persoon gewist, met %(replies)d antwoord(en) "
                    "eronder. Er staat niets meer van deze persoon in de database."
                )
                % {"own": own, "replies": replies}
            )
        )
