import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from evidence.integrity_check import check_integrity, due_sources
from evidence.models import Source


def positive_hours(value):
    hours = float(value)
    if hours <= 0:
        raise ValueError(value)
    return hours


class Command(BaseCommand):
    help = _(
        "Re-check every cited DOI and PMID at Crossref and PubMed and record corrections, expressions of concern and retractions. Safe to run nightly and from several servers at once; see docs/integrity.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Report what changed; record nothing.")
        )
        parser.add_argument(
            "--min-age-hours",
            type=positive_hours,
            default=20,
            help=_("Skip sources checked less than this many hours ago (default 20)."),
        )

    def handle(self, *args, **options):
        # Operators read the site's language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self.run(**options)

    def run(self, dry_run=False, min_age_hours=20, **options):
        min_age = datetime.timedelta(hours=min_age_hours)
        total = due_sources(timezone.now(), min_age).count()
        with tqdm(total=total, desc=_("Checking"), unit="source", disable=None) as bar:
            report = check_integrity(min_age=min_age, dry_run=dry_run, progress=bar.update)
        self.show(report, dry_run)
        if report.aborted:
            raise CommandError(
                _(
                    "Stopped early: %(reason)s %(left)d source(s) were not checked; the next run checks them."
                )
                % {
                    "reason": report.aborted,
                    "left": report.due - report.checked - len(report.failed),
                }
            )
        if report.failed:
            raise CommandError(
                _("%(count)d source(s) could not be checked (see above).")
                % {"count": len(report.failed)}
            )

    def show(self, report, dry_run):
        for source, previous, status in report.changed:
            self.stdout.write(
                self.style.WARNING(
                    _("%(status)s: “%(title)s” (no. %(pk)s), was %(previous)s")
                    % {
                        "status": Source.Integrity(status).label,
                        "title": source.title,
                        "pk": source.pk,
                        "previous": Source.Integrity(previous).label,
                    }
                )
            )
        for source, reported in report.kept:
            self.stdout.write(
                _(
                    "kept: “%(title)s” (no. %(pk)s) is recorded as %(recorded)s; the registries report %(reported)s. An editor decides."
                )
                % {
                    "title": source.title,
                    "pk": source.pk,
                    "recorded": source.get_integrity_status_display(),
                    "reported": Source.Integrity(reported).label,
                }
            )
        for source, reason in report.failed:
            self.stderr.write(
                self.style.ERROR(
                    _("not checked: “%(title)s” (no. %(pk)s): %(reason)s")
                    % {"title": source.title, "pk": source.pk, "reason": reason}
                )
            )
        summary = _(
            "Checked %(checked)d of %(due)d due source(s): %(changed)d changed, %(failed)d not checked."
        ) % {
            "checked": report.checked,
            "due": report.due,
            "changed": len(report.changed),
            "failed": len(report.failed),
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was recorded.")
        self.stdout.write(summary)
