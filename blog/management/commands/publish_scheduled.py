from django.core.management.base import BaseCommand
from django.utils import timezone

from blog.workflow.scheduler import publish_due


class Command(BaseCommand):
    help = (
        "Publiceert artikelen waarvan het geplande moment is aangebroken, via de poort. "
        "Veilig om op meerdere servers tegelijk te draaien; zie docs/scheduling.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat gepubliceerd zou worden, zonder iets te wijzigen.",
        )

    def handle(self, *args, dry_run=False, **options):
        outcome = publish_due(dry_run=dry_run)
        for article in outcome.due:
            when = timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"would publish: {article.slug} (gepland {when})")
        for article in outcome.published:
            self.stdout.write(self.style.SUCCESS(f"published: {article.slug}"))
        for article, problems in outcome.refused:
            self.stderr.write(self.style.ERROR(f"refused: {article.slug}"))
            for problem in problems:
                self.stderr.write(f"  - {problem}")
        if not (outcome.due or outcome.published or outcome.refused) and options["verbosity"] > 1:
            self.stdout.write("nothing due")
