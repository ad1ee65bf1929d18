from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.management.base import TranslatedCommand
from blog.workflow.scheduler import publish_due


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Publishes, through the gate, the articles whose scheduled time has come. Safe to run on several servers at once; see docs/scheduling.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Show what would be published, without changing anything."),
        )

    def handle(self, *args, dry_run=False, **options):
        outcome = publish_due(dry_run=dry_run)
        for article in outcome.due:
            when = timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                _("would publish: %(slug)s (scheduled for %(when)s)")
                % {"slug": article.slug, "when": when}
            )
        for article in outcome.published:
            self.stdout.write(self.style.SUCCESS(_("published: %(slug)s") % {"slug": article.slug}))
        for article, problems in outcome.refused:
            self.stderr.write(self.style.ERROR(_("refused: %(slug)s") % {"slug": article.slug}))
            for problem in problems:
                self.stderr.write(f"  - {problem}")
        if not (outcome.due or outcome.published or outcome.refused):
            self._say_nothing_is_due(dry_run, options["verbosity"])

    def _say_nothing_is_due(self, dry_run, verbosity):
        # A dry run is asked by a person, who wants an answer; cron wants silence.
        if dry_run or verbosity > 1:
            self.stdout.write(_("Nothing is due: no article is scheduled for now or earlier."))
