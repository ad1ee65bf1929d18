from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.comments import conf, privacy


class Command(BaseCommand):
    help = gettext_lazy(
        "Bewaartermijn: verwijdert spam, afgewezen en ingetrokken bijdragen waarover meer dan "
        "--days dagen geleden is besloten (standaard GUTCHECK_COMMENTS['RETENTION_DAYS'])."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Alleen tellen wat verwijderd zou worden."),
        )

    def handle(self, *args, days, dry_run, **options):
        days = conf.get("RETENTION_DAYS") if days is None else days
        if days < 1:
            raise CommandError(_("--days moet minstens 1 zijn."), returncode=2)
        if dry_run:
            self.stdout.write(
                _("%(n)d bijdrage(n) ouder dan %(days)d dagen (proefrun).")
                % {"n": privacy.purgeable(days).count(), "days": days}
            )
            return
        count = privacy.purge(days)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(n)d bijdrage(n) verwijderd (spam, afgewezen of ingetrokken, ouder "
                    "dan %(days)d dagen)."
                )
                % {"n": count, "days": days}
            )
        )
