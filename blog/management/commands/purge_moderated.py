from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.comments import conf, privacy


class Command(BaseCommand):
    help = gettext_lazy(
        "Retention period: deletes spam, rejected and withdrawn submissions decided on more than --days days ago (default GUTCHECK_COMMENTS['RETENTION_DAYS'])."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
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
            self.stdout.write(
                _("%(n)d submission(s) older than %(days)d days (dry run).")
                % {"n": privacy.purgeable(days).count(), "days": days}
            )
            return
        count = privacy.purge(days)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(n)d submission(s) deleted (spam, rejected or withdrawn, older than %(days)d days)."
                )
                % {"n": count, "days": days}
            )
        )
