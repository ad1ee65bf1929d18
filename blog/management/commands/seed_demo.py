"""manage.py seed_demo: load the Dutch demo site once, then print the demo logins.

Each part is one step below (people, sources, articles with their evidence and
review, logins); apps that add to the demo (reader submissions) hear of the new
articles through blog.demo.signals. Everything is keyed on slugs, DOIs and
usernames: a second run creates nothing and never overwrites what an editor
changed since. Articles go public only through Article.publish(), so the gate
checks the demo exactly as it checks an editor's work.
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.demo import accounts, content, data, evidence, workflow
from blog.demo.signals import demo_articles_seeded
from blog.management.base import TranslatedCommand
from blog.models import Article

EDITOR, MODERATOR = "redacteur", "moderator"


@contextmanager
def mail_kept_local():
    """Review steps mail reviewers and editors; while seeding, that mail would bury the logins."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        yield


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Loads the Dutch demo content (once only: running it again creates no duplicates) and shows the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Also load when DEBUG is off (for a test environment only)."),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Demo content does not belong on a production site (DEBUG=0); use --force only for a test environment."
                )
            )
        with mail_kept_local():
            topics, authors = content.seed_topics(), content.seed_authors()
            logins = accounts.seed_users()
            sources = evidence.seed_sources()
            created = self.seed_articles(topics, authors, sources, logins)
            users = {name: login.user for name, login in logins.items()}
            demo_articles_seeded.send(
                sender=self.__class__,
                articles=created,
                editor=users[EDITOR],
                moderator=users[MODERATOR],
            )
        self.report_content(created)
        self.report_logins(logins)

    def seed_articles(self, topics, authors, sources, logins):
        """Create the missing demo articles; returns {slug: Article} for the new ones.

        Published ones go out last-first, so the first article in the files is
        the newest on the home page.
        """
        created = {}
        for spec in reversed(data.articles()):
            if Article.objects.filter(slug=spec["slug"]).exists():
                continue
            article = self.prepare_article(spec, topics, authors, sources, logins)
            if spec["state"] == "published":
                self.publish(article, logins[EDITOR].user)
            created[spec["slug"]] = article
        return created

    @transaction.atomic
    def prepare_article(self, spec, topics, authors, sources, logins):
        """Draft, claims and citations; then disclaimers and review as far as its state goes."""
        editor = logins[EDITOR].user
        article = content.create_draft(spec, topics=topics, authors=authors)
        evidence.add_claims(article, spec, sources=sources)
        evidence.dismiss_non_claims(article, spec, by=editor)
        if spec["state"] == "failing":
            workflow.record_first_revision(article, editor=editor)
            return article  # as written: the gate tour shows what is missing
        evidence.attach_disclaimers(article, by=editor)
        workflow.record_first_revision(article, editor=editor)
        workflow.submit_for_review(article, editor=editor)
        if spec["state"] in ("published", "ready"):
            workflow.approve(article, reviewer=logins[spec["reviewer"]].user)
        return article

    def publish(self, article, editor):
        try:
            workflow.publish(article, editor=editor)
        except ValidationError as refused:
            self.stderr.write(
                _("Demo article «%(title)s» not published: %(why)s")
                % {"title": article.title, "why": " ".join(refused.messages)}
            )

    def report_content(self, created):
        if not created:
            self.stdout.write(_("Demo content is already present; no duplicates were created."))
            return
        public = sum(1 for article in created.values() if article.is_public)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo content loaded: %(n)d articles, %(public)d of them published.")
                % {"n": len(created), "public": public}
            )
        )

    def report_logins(self, logins):
        new = [login for login in logins.values() if login.is_new]
        old = [login for login in logins.values() if not login.is_new]
        self.stdout.write("")
        self.stdout.write(_("Log in at %(url)s") % {"url": settings.SITE_URL + "/admin/"})
        if new:
            self.stdout.write(
                self.style.WARNING(
                    _("New accounts. Save these passwords now: they are shown only once.")
                )
            )
            for login in new:
                self.stdout.write(
                    _("  %(label)-40s user: %(user)-10s  password: %(pw)s")
                    % {
                        "label": login.label,
                        "user": login.user.get_username(),
                        "pw": login.password,
                    }
                )
        for login in old:
            self.stdout.write(
                _(
                    "  %(label)-40s user: %(user)-10s  already exists; set a new password: .venv/bin/python manage.py changepassword %(user)s"
                )
                % {"label": login.label, "user": login.user.get_username()}
            )
        self.stdout.write("")
