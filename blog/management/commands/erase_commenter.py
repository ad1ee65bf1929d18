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
        raise CommandError(_("That is not a valid email address."), returncode=2) from None
    return value.strip()


class Command(BaseCommand):
    help = gettext_lazy(
        "GDPR erasure request: erases all questions, comments and experiences submitted with this email address (and replies to them). Exit code 0 = erased, 1 = nothing found, 2 = invalid address."
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
        found = Comment.objects.by_email(email).count()
        if not found:
            raise CommandError(
                _("No submissions found for this email address; nothing erased."), returncode=1
            )
        if dry_run:
            self.stdout.write(_("%(n)d submission(s) would be erased (dry run).") % {"n": found})
            return
        own, replies = privacy.erase(email)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Erased %(own)d submission(s) by this person, along with %(replies)d reply/replies to them. Nothing from this person remains in the database."
                )
                % {"own": own, "replies": replies}
            )
        )
