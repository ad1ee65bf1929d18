"""A database that `make run` left at commit 5f01220 migrates to the head with nothing lost.

tests/data/db_5f01220.sqlite3 is the demo plus a first session of editorial work and moderation
(tests/data/README.md says how it was made). The test copies it, reads its facts, runs the real
`migrate` in a subprocess (the test run itself uses --no-migrations), reads the same facts
again and compares them. Then it asks the migrated site what a reader sees.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.utils.html import escape

REPO = Path(__file__).resolve().parents[1]
OLD_DATABASE = REPO / "tests" / "data" / "db_5f01220.sqlite3"

# --- Where things live at the head: edit these when models move ---------------------------

# The table each table of 5f01220 is called at the head.
TABLES_AFTER = {
    "auth_group": "auth_group",
    "auth_permission": "auth_permission",
    "auth_user": "auth_user",
    "auth_user_groups": "auth_user_groups",
    "auth_user_user_permissions": "auth_user_user_permissions",
    "blog_article": "blog_article",
    "blog_article_authors": "blog_article_authors",
    "blog_auditentry": "blog_auditentry",
    "blog_author": "blog_author",
    "blog_comment": "blog_comment",
    "blog_correction": "blog_correction",
    "blog_moderationword": "blog_moderationword",
    "blog_previewlink": "blog_previewlink",
    "blog_review": "blog_review",
    "blog_revision": "blog_revision",
    "blog_topic": "blog_topic",
    "django_admin_log": "django_admin_log",
    "evidence_articledisclaimer": "evidence_articledisclaimer",
    "evidence_citation": "evidence_citation",
    "evidence_claim": "evidence_claim",
    "evidence_disclaimer": "evidence_disclaimer",
    "evidence_disclaimerrule": "evidence_disclaimerrule",
    "evidence_source": "evidence_source",
    "taggit_tag": "taggit_tag",
    "taggit_taggeditem": "taggit_taggeditem",
}

# Content types whose model moved to another app: (app_label, model) at 5f01220 -> at the head.
# The row must keep its id, so permissions, admin log entries, tags and audit entries that
# point at it stay attached. E.g. ("blog", "auditentry"): ("audit", "auditentry").
# tests/migrations_from_5f01220.py finds moved models through this mapping too.
MOVED_CONTENT_TYPES = {
    ("blog", "auditentry"): ("audit", "auditentry"),
    ("blog", "comment"): ("comments", "comment"),
    ("blog", "moderationword"): ("comments", "moderationword"),
    ("blog", "moderatoralert"): ("comments", "moderatoralert"),
}

# What readers see of each published article at the head, as (article id, slug, title, lead,
# body HTML). At 5f01220 that is the live_* columns; at the head, the current editions.
# Keep it plain SQL: tests/migrations_from_5f01220.py runs it on PostgreSQL too.
PUBLISHED_AFTER_SQL = """
    select article_id, slug, title, lead, body_html from blog_edition where is_current
"""

# Old columns a migration may drop or recompute, because they are derived from other columns
# (rendered HTML, fingerprints, "last touched") or are compared on their own (the live_*
# snapshot, through PUBLISHED_AFTER_SQL). Every other old column must keep its value.
NOT_COMPARED = {
    "blog_article": {
        "body_html",
        "modified_at",
        "live_at",
        "live_title",
        "live_lead",
        "live_body_html",
        "live_search_text",
        "live_extras",
    },
    "blog_revision": {"data_hash", "content_hash"},
    "blog_comment": {"body_html"},
}

# JSON columns a migration may add keys to, never change or drop one: blog 0020 stores each
# revision's citation levels, disclaimer notes and tag ids beside what the revision held.
ENRICHED = {"blog_revision": {"data"}}

# Groups the app sets to its role definitions on every migrate (blog/roles.py): they keep
# every permission they had and may gain those of new models. Other groups keep exactly theirs.
ROLE_GROUPS = {"Editors", "Medical reviewers", "Moderators"}

# Link tables: compared as sets of rows, since their ids carry no meaning.
LINK_TABLES = {
    "auth_user_groups",
    "auth_user_user_permissions",
    "blog_article_authors",
    "taggit_taggeditem",
}

# ------------------------------------------------------------------------------------------

OLD_TABLES = {table: table for table in TABLES_AFTER}
PUBLISHED_BEFORE_SQL = """
    select id, slug, live_title, live_lead, live_body_html from blog_article
    where status = 'published' and live_at is not null
"""
WITHDRAWN_SLUG = "stress-darm-en-huid"
PENDING_EDIT_SLUG = "psoriasis-en-gewicht"

# Run inside the migrated site: what a reader gets at each published article's address.
READER_SCRIPT = """
import json, os
from django.apps import apps
from django.test import Client

Article = apps.get_model("blog", "Article")
client = Client()
pages = {}
for slug in json.loads(os.environ["OLD_PUBLISHED_SLUGS"]):
    response = client.get(f"/artikelen/{slug}/")
    pages[slug] = [response.status_code, response.content.decode()]
published = sorted(Article.objects.published().values_list("slug", flat=True))
print(json.dumps({"published": published, "pages": pages}))
"""


def _plain(value):
    """JSON text compares as data, so a migration may rewrite it with other spacing."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _rows(db, table, skip=()):
    columns = [row[1] for row in db.execute(f'pragma table_info("{table}")')]
    kept = [column for column in columns if column not in skip]
    selected = ", ".join(f'"{column}"' for column in kept)
    return [
        {column: _plain(value) for column, value in zip(kept, row, strict=True)}
        for row in db.execute(f'select {selected} from "{table}"')
    ]


def _columns(db, table):
    return {row[1] for row in db.execute(f'pragma table_info("{table}")')}


def read_facts(path, tables, published_sql):
    """Every row a user made, keyed so that old and new can be compared."""
    with closing(sqlite3.connect(path)) as db:
        facts = {"tables": {}}
        for old_table, table in tables.items():
            if old_table == "auth_permission":  # compared with its content types below
                continue
            rows = _rows(db, table, skip=NOT_COMPARED.get(old_table, set()))
            if old_table in LINK_TABLES:
                facts["tables"][old_table] = sorted(
                    json.dumps({k: v for k, v in row.items() if k != "id"}, sort_keys=True)
                    for row in rows
                )
            else:
                facts["tables"][old_table] = {row["id"]: row for row in rows}
        facts["columns"] = {old: _columns(db, new) for old, new in tables.items()}
        facts["content_types"] = {
            row[0]: (row[1], row[2])
            for row in db.execute("select id, app_label, model from django_content_type")
        }
        facts["permissions"] = {
            row[0]: (row[1], row[2])
            for row in db.execute(
                f'select id, content_type_id, codename from "{tables["auth_permission"]}"'
            )
        }
        facts["group_permissions"] = _group_permissions(db, tables)
        facts["migrations"] = set(db.execute("select app, name from django_migrations"))
        facts["published"] = sorted(db.execute(published_sql))
    return facts


def _group_permissions(db, tables):
    grouped = {}
    query = f"""
        select g.name, p.content_type_id, p.codename
        from "{tables["auth_group"]}" g
        join auth_group_permissions gp on gp.group_id = g.id
        join "{tables["auth_permission"]}" p on p.id = gp.permission_id
    """
    for name, content_type_id, codename in db.execute(query):
        grouped.setdefault(name, set()).add((content_type_id, codename))
    return grouped


def migrate(path):
    env = {**os.environ, "SQLITE_PATH": str(path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """(facts before, facts after, the migrated database's environment)."""
    path = tmp_path_factory.mktemp("olddb") / "db.sqlite3"
    shutil.copyfile(OLD_DATABASE, path)
    before = read_facts(path, OLD_TABLES, PUBLISHED_BEFORE_SQL)
    env = migrate(path)
    after = read_facts(path, TABLES_AFTER, PUBLISHED_AFTER_SQL)
    return before, after, env


def test_the_old_database_is_what_the_readme_says():
    # Guards the fixture itself: a regenerated file must still hold the work the test checks.
    with closing(sqlite3.connect(OLD_DATABASE)) as db:
        nodes = set(
            db.execute("select app, name from django_migrations where app in ('blog', 'evidence')")
        )
        counts = {
            table: db.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("blog_revision", "blog_comment", "blog_auditentry", "django_admin_log")
        }
        journal = db.execute("pragma journal_mode").fetchone()[0]
    assert nodes == {
        ("blog", "0001_initial"),
        ("evidence", "0001_initial"),
        ("evidence", "0002_default_disclaimers"),
    }
    assert counts == {
        "blog_revision": 23,
        "blog_comment": 15,
        "blog_auditentry": 51,
        "django_admin_log": 8,
    }
    assert journal == "delete", "a WAL database needs its -wal file; VACUUM it as the README says"


def test_every_old_column_is_still_there(migrated):
    before, after, _env = migrated
    for table, columns in before["columns"].items():
        missing = columns - NOT_COMPARED.get(table, set()) - after["columns"][table]
        assert not missing, f"{table} lost columns {sorted(missing)}"


@pytest.mark.parametrize("table", sorted(set(TABLES_AFTER) - {"auth_permission"}))
def test_rows_keep_their_values(migrated, table):
    before, after, _env = migrated
    old_rows, new_rows = before["tables"][table], after["tables"][table]
    assert old_rows, f"the old database has no {table} rows to compare"
    if table in LINK_TABLES:
        assert new_rows == old_rows
        return
    assert set(new_rows) == set(old_rows), f"{table}: rows added or lost"
    enriched = ENRICHED.get(table, set())
    for row_id, old_row in old_rows.items():
        new_row = {column: new_rows[row_id].get(column) for column in old_row}
        for column in enriched:
            assert _contains(new_row.pop(column), old_row[column]), (
                f"{table} row {row_id}: {column} lost a value"
            )
        assert new_row == {c: v for c, v in old_row.items() if c not in enriched}, (
            f"{table} row {row_id} changed"
        )


def _contains(new, old):
    """True when `new` holds every value of `old`, and may hold more keys in its objects."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k in new and _contains(new[k], v) for k, v in old.items()
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(new) == len(old)
            and all(_contains(n, o) for n, o in zip(new, old, strict=True))
        )
    return new == old


def test_articles_keep_their_history(migrated):
    before, after, _env = migrated

    def history(facts):
        revisions = facts["tables"]["blog_revision"].values()
        return sorted((r["article_id"], r["number"], r["note"]) for r in revisions)

    assert history(after) == history(before)
    # Edited, corrected and reverted articles have more than the seeded two versions.
    numbers = [number for _article, number, _note in history(before)]
    assert max(numbers) == 4


def test_readers_see_the_same_published_articles(migrated):
    before, after, _env = migrated
    assert after["published"] == before["published"]
    slugs = {row[1] for row in before["published"]}
    assert WITHDRAWN_SLUG not in slugs
    assert PENDING_EDIT_SLUG in slugs


def test_content_types_keep_their_ids(migrated):
    before, after, _env = migrated
    for content_type_id, old in before["content_types"].items():
        expected = MOVED_CONTENT_TYPES.get(old, old)
        assert after["content_types"].get(content_type_id) == expected, (
            f"content type {content_type_id} {old} should be {expected} with the same id"
        )


def test_permissions_stay_attached_to_their_models(migrated):
    before, after, _env = migrated
    for permission_id, old in before["permissions"].items():
        assert after["permissions"].get(permission_id) == old, f"permission {permission_id} {old}"


def test_groups_keep_their_permissions(migrated):
    before, after, _env = migrated
    assert set(after["group_permissions"]) == set(before["group_permissions"])
    for group, old in before["group_permissions"].items():
        new = after["group_permissions"][group]
        if group in ROLE_GROUPS:
            assert old <= new, f"{group} lost {sorted(old - new)}"
        else:
            assert new == old, f"{group}: {sorted(old ^ new)}"


def test_the_old_migration_nodes_stay_recorded(migrated):
    before, after, _env = migrated
    assert before["migrations"] <= after["migrations"]


def test_the_migrated_site_shows_readers_what_they_saw(migrated):
    before, _after, env = migrated
    published = {row[1]: row for row in before["published"]}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", READER_SCRIPT],
        cwd=REPO,
        env={**env, "OLD_PUBLISHED_SLUGS": json.dumps(sorted(published))},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["published"] == sorted(published)
    for slug, (_id, _slug, title, _lead, _body) in published.items():
        status, html = seen["pages"][slug]
        assert status == 200, slug
        assert escape(title) in html, slug
    pending_edit = seen["pages"][PENDING_EDIT_SLUG][1]
    assert "concept voor de update" not in pending_edit
    for slug, public, hidden in _comment_names(before, published):
        html = seen["pages"][slug][1]
        assert all(f">{escape(name)}<" in html for name in public), slug
        assert not any(f">{escape(name)}<" in html for name in hidden), slug


def _comment_names(before, published):
    """Per published article: names of the comments readers see, and of those they must not."""
    comments = before["tables"]["blog_comment"]
    ids = {row[0]: row[1] for row in published.values()}

    def public(comment):
        parent = comments.get(comment["parent_id"])
        return comment["status"] == "approved" and (
            parent is None or parent["status"] == "approved"
        )

    for article_id, slug in ids.items():
        mine = [c for c in comments.values() if c["article_id"] == article_id]
        yield (
            slug,
            {c["name"] for c in mine if public(c)},
            {c["name"] for c in mine if not public(c)},
        )
