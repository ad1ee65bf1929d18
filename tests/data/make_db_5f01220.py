"""Makes tests/data/db_5f01220.sqlite3: a user's database as `make run` left it at commit 5f01220.

Runs only in a checkout of commit 5f01220 (it calls that commit's workflow functions, which
later commits moved or replaced), as described in tests/data/README.md:

    SQLITE_PATH=/tmp/db_5f01220.sqlite3 MEDIA_ROOT=/tmp/media_5f01220 \
        .venv/bin/python manage.py shell < /path/to/tests/data/make_db_5f01220.py

It migrates a new database, loads the demo, then does what an editor, a medical reviewer and
a moderator do in a first session, each through the code path the admin and the site use:
edits with revisions, an unpublished edit of a live article, a review round, a correction, a
revert, a withdrawal, an integrity notice, new reader submissions and their moderation, a
preview link, admin log entries, and a group and a user of the site's own. Finally it folds the write-ahead log into the file and compacts it.
"""

import datetime
import os
import sqlite3
import time

from blog.comments import antispam
from blog.comments.forms import CommentForm
from blog.comments.submission import submit
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import RequestFactory
from django.test.utils import override_settings

from blog import publishing
from blog.models import Article, Comment, ModerationWord
from blog.workflow import corrections, previews, review, revisions
from evidence import integrity
from evidence.models import Citation, Claim, Source

# The migration leaves of our apps at commit 5f01220; anything else is a different commit.
OLD_LEAVES = {("blog", "0001_initial"), ("evidence", "0002_default_disclaimers")}


def check_commit():
    leaves = {
        node for node in MigrationLoader(None).graph.leaf_nodes() if node[0] in ("blog", "evidence")
    }
    if leaves != OLD_LEAVES:
        raise SystemExit(
            f"Run this in a checkout of commit 5f01220 (migration leaves {sorted(leaves)})."
        )
    if os.path.exists(settings.DATABASES["default"]["NAME"]):
        raise SystemExit("SQLITE_PATH must name a file that does not exist yet.")


def edit_as_in_admin(article, *, by, log_message, **changes):
    """What the article admin's save does: save without a revision, then record one with the inlines."""
    for field, value in changes.items():
        setattr(article, field, value)
    article._skip_revision = True
    article.save()
    article._skip_revision = False
    revisions.record_revision(article, by=by)
    log(by, article, CHANGE, log_message)


def log(user, obj, flag, message):
    """The admin's history row for a change made through its forms."""
    LogEntry.objects.log_actions(
        user.pk,
        [obj],
        flag,
        change_message=[{"changed" if flag == CHANGE else "added": message}],
        single_object=True,
    )


def correct_published_article(users):
    """A lead and body fix on a live article, re-reviewed and published as a correction."""
    article = Article.objects.get(slug="probiotica-en-acne")
    edit_as_in_admin(
        article,
        by=users["redacteur"],
        log_message={"fields": ["Intro", "Tekst"]},
        lead=article.lead + " Bijgewerkt met de nieuwste overzichtsstudie.",
        body=article.body
        + "\n\nAanvulling van de redactie: de studies duurden hooguit twaalf weken.\n",
    )
    review.submit(
        article,
        by=users["redacteur"],
        note="Correctie van de studieduur, graag opnieuw beoordelen.",
    )
    review.approve(
        article,
        by=users["reviewer"],
        revision=revisions.current_revision(article),
        comment="Klopt met de bronnen.",
    )
    corrections.publish_correction(
        article,
        by=users["redacteur"],
        note="We schreven dat de studies langer liepen; dat was twaalf weken.",
    )


def rework_draft(users):
    """A draft gets a new title, tags and a claim citing a new source; the reviewer sends it back."""
    article = Article.objects.get(slug="kurkuma-bij-psoriasis")
    source = Source.objects.create(
        title="Curcumin for psoriasis: a randomized placebo-controlled pilot trial",
        authors="Jansen P, de Vries M",
        journal="Journal of Dermatological Treatment",
        year=2021,
        doi="10.1080/09546634.2021.1234567",
        design=Source.Design.RCT,
        sample_size=63,
    )
    log(users["redacteur"], source, ADDITION, {})
    claim = Claim.objects.create(
        article=article,
        key="kurkuma-pilot",
        statement="In een kleine studie verminderde kurkuma de schilfering niet meer dan placebo.",
        category=Claim.Category.EFFICACY,
    )
    Citation.objects.create(
        claim=claim, source=source, role=Citation.Role.SUPPORTS, locator="tabel 2"
    )
    article.tags.add("kurkuma", "supplementen")
    edit_as_in_admin(
        article,
        by=users["redacteur"],
        log_message={"fields": ["Titel", "Tekst", "Tags"]},
        title="Kurkuma bij psoriasis: wat zegt het onderzoek?",
        body=article.body
        + "\n\nEen pilotstudie vond geen verschil met placebo [[claim:kurkuma-pilot]].\n",
    )
    review.submit(article, by=users["redacteur"], note="Nieuwe claim toegevoegd.")
    review.request_changes(
        article,
        by=users["reviewer"],
        revision=revisions.current_revision(article),
        comment="Noem de kleine omvang van de studie in de tekst.",
    )


def revert_edit(users):
    """An edit to a live article, undone by restoring the published version."""
    article = Article.objects.get(slug="rosacea-en-de-darm")
    published_version = revisions.latest(article)
    edit_as_in_admin(
        article,
        by=users["redacteur"],
        log_message={"fields": ["Tekst"]},
        body=article.body.replace("rosacea", "rosacea (couperose)", 1),
    )
    revisions.revert(article, to=published_version, by=users["redacteur"])


def pending_edit(users):
    """A live article with saved, unpublished changes: readers must keep seeing the published text."""
    article = Article.objects.get(slug="psoriasis-en-gewicht")
    edit_as_in_admin(
        article,
        by=users["redacteur"],
        log_message={"fields": ["Titel", "Intro"]},
        title="Psoriasis en gewicht (concept voor de update)",
        lead=article.lead + " Concept: nog niet gepubliceerd.",
    )


def withdraw_article(users):
    article = Article.objects.get(slug="stress-darm-en-huid")
    publishing.withdraw(
        article, by=users["redacteur"], reason="Ingetrokken: de hoofdbron wordt herzien."
    )


def integrity_notice(users):
    """An expression of concern on a source a live article cites: audit rows for both."""
    source = Source.objects.filter(
        citations__claim__article__slug="wat-is-een-lekkende-darm"
    ).first()
    integrity.set_status(
        source,
        Source.Integrity.CONCERN,
        "Expression of concern van de uitgever, zie de website van het tijdschrift.",
        by=users["redacteur"],
    )


def reader_submissions(users):
    """Three readers post through the site's form; the moderator decides on old and new items."""
    article = Article.objects.get(slug="vezels-voor-je-darmflora")
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    ip_hash = antispam.client_ip_hash(request)
    token = antispam.issue_form_token(article, issued_at=time.time() - 60)
    bas = Comment.objects.get(article=article, name="Bas")
    posted = [
        _post(
            article,
            ip_hash,
            token,
            kind="comment",
            name="Ilse",
            body="Geldt dit ook voor kinderen?",
        ),
        _post(
            article,
            ip_hash,
            token,
            kind="experience",
            name="Jeroen",
            email="jeroen@example.org",
            body="Ik eet sinds een paar maanden meer peulvruchten en merk minder last van een opgeblazen buik.",
            condition="prikkelbare darm",
            tried="meer peulvruchten",
            tried_type="food",
            duration="3 maanden",
            outcome="better",
            consent="on",
        ),
        _post(
            article,
            ip_hash,
            token,
            kind="comment",
            name="Karin",
            body="Ook dank van mij, Bas!",
            parent=bas.pk,
        ),
        _post(
            article,
            ip_hash,
            token,
            kind="comment",
            name="Piet",
            body="Dit wil ik later weer weghalen.",
        ),
    ]
    moderator = users["moderator"]
    ilse, jeroen, karin, piet = posted
    ilse.approve(by=moderator)
    jeroen.approve(by=moderator)
    jeroen.redact(by=moderator, reason="Geen merknamen.", tried="meer peulvruchten en volkoren")
    karin.reject(by=moderator, reason="Niet over dit artikel.")
    piet.withdraw()
    log(moderator, jeroen, CHANGE, {"fields": ["Wat is geprobeerd"]})
    Comment.objects.get(name="Ricardo").reject(
        by=moderator, reason="Persoonlijk medisch advies aan anderen"
    )
    Comment.objects.get(name="Eduard").mark_spam(by=moderator)
    Comment.objects.get(name="Noor").approve(by=moderator)


def _post(article, ip_hash, token, **fields):
    form = CommentForm(data={**fields, "started": token}, article=article)
    if not form.is_valid():
        raise SystemExit(f"Comment form refused: {form.errors.as_json()}")
    comment, _created = submit(form, ip_hash=ip_hash)
    return comment


def house_keeping(users):
    """A preview link, a word for the block list, and a group of the site's own making."""
    article = Article.objects.get(slug="zink-en-acne")
    previews.create_link(article, by=users["redacteur"], days=7, label="externe dermatoloog")
    ModerationWord.objects.create(
        phrase="gratis proefpakket", action=ModerationWord.Action.BLOCK, note="Spam-golf"
    )
    guests = Group.objects.create(name="Gastauteurs")
    guests.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["blog", "evidence"],
            codename__in=[
                "view_article",
                "change_article",
                "view_comment",
                "view_auditentry",
                "view_source",
            ],
        )
    )
    guest = User.objects.create_user("gast", "gast@example.org", password=None, is_staff=True)
    guest.groups.add(guests)
    guest.user_permissions.add(
        Permission.objects.get(content_type__app_label="blog", codename="moderate_comment")
    )
    log(users["admin"], guests, ADDITION, {})
    log(users["admin"], guest, ADDITION, {})


def compact():
    """One self-contained file: the write-ahead log folded in, journal back to the default, free pages gone."""
    path = settings.DATABASES["default"]["NAME"]
    connection.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()


def main():
    check_commit()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    users = {user.username: user for user in User.objects.all()}
    # The workflow mails reviewers and editors; none of that belongs on the terminal here.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        correct_published_article(users)
        rework_draft(users)
        revert_edit(users)
        pending_edit(users)
        withdraw_article(users)
        integrity_notice(users)
        reader_submissions(users)
        house_keeping(users)
    compact()
    print(f"Made {settings.DATABASES['default']['NAME']} on {datetime.date.today()}.")


main()
