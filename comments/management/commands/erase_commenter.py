from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.management.base import TranslatedCommand
from comments import privacy


def checked_email(value):
    """The address, or a CommandError that does not repeat it (it is personal data)."""
    try:
        validate_email(value.strip())
    except ValidationError:
        raise CommandError(_("That is not a valid email address."), returncode=2) from None
    return value.strip()


class Command(TranslatedCommand):
    help = gettext_lazy(
        "GDPR erasure request: erases all questions, comments and experiences submitted with this email address. Other readers' replies to them stay, under a placeholder. Exit code 0 = erased, 1 = nothing found, 2 = invalid address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only count what would be erased."),
        )

    def handle(self, *args, email, dry_run, **options):
        email = checked_email(email)
        removal = privacy.erasure(email)
        if not removal.count:
            raise CommandError(
                _("No submissions found for this email address; nothing erased."), returncode=1
            )
        if dry_run:
            self.stdout.write(
                _(
                    "%(n)d submission(s) by this person would be erased. Placeholders “%(placeholder)s” that would be kept for other readers' replies: %(kept)d (dry run)."
                )
                % self._counts(removal)
            )
            return
        removal = privacy.erase(email)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Erased %(n)d submission(s) by this person. Placeholders “%(placeholder)s” kept for other readers' replies: %(kept)d. Nothing from this person remains in the database."
                )
                % self._counts(removal)
            )
        )

    def _counts(self, removal):
        return {
            "n": removal.count,
            "kept": len(removal.placeholders),
            "placeholder": privacy.placeholder_text(),
        }
