from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.management.base import TranslatedCommand
from comments import conf, privacy


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Retention period: deletes spam, rejected and withdrawn submissions decided on more than --days days ago (default GUTCHECK_COMMENTS['RETENTION_DAYS']). Other readers' replies to them stay, under a placeholder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext_lazy("Retention period in days (at least 1)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only count what would be deleted."),
        )

    def handle(self, *args, days, dry_run, **options):
        days = conf.get("RETENTION_DAYS") if days is None else days
        if days < 1:
            raise CommandError(_("--days must be at least 1."), returncode=2)
        if dry_run:
            removal = privacy.purge_plan(days)
            message = _(
                "%(n)d submission(s) would be deleted (spam, rejected or withdrawn, older than %(days)d days). Placeholders that would be kept for other readers' replies: %(kept)d (dry run)."
            )
        else:
            removal = privacy.purge(days)
            message = _(
                "%(n)d submission(s) deleted (spam, rejected or withdrawn, older than %(days)d days). Placeholders kept for other readers' replies: %(kept)d."
            )
        counts = {"n": removal.count, "days": days, "kept": len(removal.placeholders)}
        self.stdout.write(self.style.SUCCESS(message % counts))
