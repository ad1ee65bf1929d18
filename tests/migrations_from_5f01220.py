"""Work done at commit 5f01220 survives migrating to the head (django-test-migrations).

Not collected by the normal run, which uses --no-migrations: the migrator needs real
migrations. tests/test_migrations_postgres.py runs this file in its own pytest process with
--migrations on PostgreSQL; by hand:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gutcheck_mine \\
        .venv/bin/python -m pytest --migrations tests/migrations_from_5f01220.py

The migrator starts at the migration nodes the committed 5f01220 database sits at, writes a
user's rows there through the historical models, migrates to every app's newest migration and
reads them back. Models that moved app since are found through MOVED_CONTENT_TYPES, and what
readers see through PUBLISHED_AFTER_SQL, both edited in tests/test_migrations_old_database.py.
"""

import datetime
import sqlite3
from contextlib import closing

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.test_migrations_old_database import (
    MOVED_CONTENT_TYPES,
    OLD_DATABASE,
    PUBLISHED_AFTER_SQL,
)

NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
BODY_HTML = "<p>Vezels voeden je darmbacteriën.</p>"


def old_nodes():
    """Each app's last migration recorded in the 5f01220 database."""
    with closing(sqlite3.connect(OLD_DATABASE)) as db:
        rows = db.execute("select app, max(name) from django_migrations group by app")
        return sorted(rows)


def old_migrations():
    with closing(sqlite3.connect(OLD_DATABASE)) as db:
        return set(db.execute("select app, name from django_migrations"))


def recorded_migrations():
    with connection.cursor() as cursor:
        cursor.execute("select app, name from django_migrations")
        return set(cursor.fetchall())


def head_nodes():
    return sorted(MigrationLoader(connection).graph.leaf_nodes())


def label_after(app_label, model):
    """Where a model of 5f01220 lives at the head, as an app label and model name."""
    return MOVED_CONTENT_TYPES.get((app_label, model), (app_label, model))


def model_after(apps, app_label, model):
    return apps.get_model(*label_after(app_label, model))


def write_old_work(apps):
    """A published article with a revision and a review, a claim, a comment, an audit entry."""
    User = apps.get_model("auth", "User")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editor = User.objects.create(username="redacteur", is_staff=True)
    moderator = User.objects.create(username="moderator", is_staff=True)
    article_type = ContentType.objects.create(app_label="blog", model="article")
    comment_type = ContentType.objects.create(app_label="blog", model="comment")
    audit_type = ContentType.objects.create(app_label="blog", model="auditentry")
    author = apps.get_model("blog", "Author").objects.create(name="Anna de Vries", slug="anna")
    article = apps.get_model("blog", "Article").objects.create(
        title="Vezels voor je darmflora",
        slug="vezels",
        lead="Wat vezels doen.",
        body="Vezels voeden je darmbacteriën.",
        body_html=BODY_HTML,
        status="published",
        published_at=NOW,
        updated_at=NOW,
        updated_by=editor,
        live_at=NOW,
        live_title="Vezels voor je darmflora",
        live_lead="Wat vezels doen.",
        live_body_html=BODY_HTML,
        live_search_text="vezels voor je darmflora",
    )
    article.authors.add(author)
    revision = apps.get_model("blog", "Revision").objects.create(
        article=article,
        number=1,
        created_by=editor,
        data={"fields": {"title": article.title, "body": article.body}, "claims": []},
        data_hash="d" * 64,
        content_hash="c" * 64,
        note="Eerste versie",
    )
    apps.get_model("blog", "Review").objects.create(
        article=article, revision=revision, decision="approved", user=editor, created_at=NOW
    )
    source = apps.get_model("evidence", "Source").objects.create(
        title="Dietary fibre and the gut microbiome", doi="10.1000/vezels", year=2020
    )
    claim = apps.get_model("evidence", "Claim").objects.create(
        article=article,
        key="vezels-darm",
        statement="Vezels voeden darmbacteriën.",
        category="mechanism",
    )
    apps.get_model("evidence", "Citation").objects.create(
        claim=claim, source=source, role="supports"
    )
    comment = apps.get_model("blog", "Comment").objects.create(
        article=article,
        name="Bas",
        body="Telt diepvriesgroente ook?",
        status="approved",
        moderated_by=moderator,
        moderated_at=NOW,
        withdraw_token="t" * 32,
    )
    entry = apps.get_model("blog", "AuditEntry").objects.create(
        action="comment_approve",
        actor=moderator,
        article=article,
        content_type=comment_type,
        object_id=str(comment.pk),
        object_repr=f"Bijdrage #{comment.pk}",
        from_state="pending",
        to_state="approved",
    )
    Permission = apps.get_model("auth", "Permission")
    moderate = Permission.objects.create(
        content_type=comment_type, codename="moderate_comment", name="Can moderate"
    )
    group = apps.get_model("auth", "Group").objects.create(name="Gastmoderatoren")
    group.permissions.add(moderate)
    apps.get_model("admin", "LogEntry").objects.create(
        user=moderator,
        content_type=comment_type,
        object_id=str(comment.pk),
        object_repr=f"Bijdrage #{comment.pk}",
        action_flag=2,
        change_message="[]",
        action_time=NOW,
    )
    return {
        "article": article.pk,
        "revision": revision.pk,
        "comment": comment.pk,
        "entry": entry.pk,
        "comment_type": comment_type.pk,
        "types": {
            article_type.pk: "article",
            comment_type.pk: "comment",
            audit_type.pk: "auditentry",
        },
    }


@pytest.mark.django_db(transaction=True)
def test_work_done_at_5f01220_survives_migrating_to_the_head(migrator):
    # The migrator's initial step applies the whole plan up to its last target, which for
    # several apps overshoots (blog 0002 comes before evidence 0002). So: start just before
    # blog, then migrate forward to exactly the nodes the old database had.
    migrator.apply_initial_migration(("blog", None))
    old_state = migrator.apply_tested_migration(old_nodes())
    assert recorded_migrations() == old_migrations()
    made = write_old_work(old_state.apps)

    apps = migrator.apply_tested_migration(head_nodes()).apps

    article = apps.get_model("blog", "Article").objects.get(pk=made["article"])
    assert (article.title, article.slug, article.body, article.status) == (
        "Vezels voor je darmflora",
        "vezels",
        "Vezels voeden je darmbacteriën.",
        "published",
    )
    assert [a.name for a in article.authors.all()] == ["Anna de Vries"]
    revision = apps.get_model("blog", "Revision").objects.get(pk=made["revision"])
    assert (revision.article_id, revision.number, revision.note) == (article.pk, 1, "Eerste versie")
    assert revision.data["fields"]["title"] == "Vezels voor je darmflora"
    assert apps.get_model("blog", "Review").objects.get(revision=revision).decision == "approved"
    claim = apps.get_model("evidence", "Claim").objects.get(article_id=article.pk)
    assert [c.source.doi for c in claim.citations.all()] == ["10.1000/vezels"]

    comment = model_after(apps, "blog", "comment").objects.get(pk=made["comment"])
    assert (comment.article_id, comment.name, comment.status, comment.moderated_by.username) == (
        article.pk,
        "Bas",
        "approved",
        "moderator",
    )
    entry = model_after(apps, "blog", "auditentry").objects.get(pk=made["entry"])
    assert (entry.action, entry.actor.username, entry.article_id, entry.object_id) == (
        "comment_approve",
        "moderator",
        article.pk,
        str(comment.pk),
    )

    with connection.cursor() as cursor:
        cursor.execute(PUBLISHED_AFTER_SQL)
        assert cursor.fetchall() == [
            (article.pk, "vezels", "Vezels voor je darmflora", "Wat vezels doen.", BODY_HTML)
        ]

    ContentType = apps.get_model("contenttypes", "ContentType")
    for type_id, model in made["types"].items():
        moved = ContentType.objects.get(pk=type_id)
        assert (moved.app_label, moved.model) == label_after("blog", model)
    assert entry.content_type_id == made["comment_type"]
    group = apps.get_model("auth", "Group").objects.get(name="Gastmoderatoren")
    assert [(p.content_type_id, p.codename) for p in group.permissions.all()] == [
        (made["comment_type"], "moderate_comment")
    ]
    log = apps.get_model("admin", "LogEntry").objects.get()
    assert (log.content_type_id, log.object_id) == (made["comment_type"], str(comment.pk))
