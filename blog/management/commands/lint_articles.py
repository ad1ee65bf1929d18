"""manage.py lint_articles [--slug S] [--format text|json]: the claim linter over the articles.

Lints each article's body against its claims' current levels, refreshes the
stored result where it is out of date (after a lexicon change, say), and
reports every finding with whether it is open, dismissed or waived.
Exit status 1 when any blocking finding is open, 2 for an unknown slug.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from blog.models import Article
from evidence import linting
from evidence.assessment import ArticleEvidence
from evidence.management.commands.lint_text import print_findings


def _state(row):
    if row.decision is None:
        return "open"
    return "waived" if row.decision.is_waiver else "dismissed"


class Command(BaseCommand):
    help = _(
        "Runs the claim linter over the articles; exits with status 1 when a blocking finding is open."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", help=_("Only the article with this slug."))
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        articles = Article.objects.order_by("slug")
        if options["slug"]:
            articles = articles.filter(slug=options["slug"])
            if not articles.exists():
                raise CommandError(
                    _("No article has the slug “%(slug)s”.") % {"slug": options["slug"]},
                    returncode=2,
                )
        results = [(article, self.rows(article)) for article in articles]
        open_blocking = sum(1 for _article, rows in results for row in rows if row.blocks)
        if options["format"] == "json":
            payload = {
                "articles": [_report(article, rows) for article, rows in results],
                "open_blocking": open_blocking,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.print_text(results, open_blocking)
        if open_blocking:
            raise SystemExit(1)

    def rows(self, article):
        linting.store(article)  # refreshes a stored result made with an older lexicon
        return ArticleEvidence.load(article).lint_rows

    def print_text(self, results, open_blocking):
        for article, rows in results:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{article.slug} ({article.status})"))
            print_findings(
                self.stdout, article.body, [r.finding for r in rows], [_state(r) for r in rows]
            )
        summary = _("%(n)d open blocking finding(s) in %(articles)d article(s).") % {
            "n": open_blocking,
            "articles": len(results),
        }
        self.stdout.write(
            self.style.ERROR(summary) if open_blocking else self.style.SUCCESS(summary)
        )


def _report(article, rows):
    return {
        "slug": article.slug,
        "title": article.title,
        "status": article.status,
        "open_blocking": sum(1 for row in rows if row.blocks),
        "findings": [{**row.finding.as_dict(), "state": _state(row)} for row in rows],
    }
