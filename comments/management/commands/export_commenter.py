import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.management.base import TranslatedCommand
from comments import privacy
from comments.management.commands.erase_commenter import checked_email


class Command(TranslatedCommand):
    help = gettext_lazy(
        "GDPR access request: everything stored about the submissions sent with this email address, as JSON (to stdout or to --output FILE). Exit code 1 = nothing found, 2 = invalid address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", "-o", help=gettext_lazy("Write the JSON to this file."))

    def handle(self, *args, email, output, **options):
        data = privacy.export(checked_email(email))
        if not data["items"]:
            raise CommandError(_("No submissions found for this email address."), returncode=1)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if not output:
            self.stdout.write(text)
            return
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(why)s") % {"file": output, "why": error.strerror}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)d submission(s) exported to %(file)s.")
                % {"n": len(data["items"]), "file": output}
            )
        )
