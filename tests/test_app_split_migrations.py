"""The audit log and the reader comments left the blog app; a database made before that
keeps every row, and its permissions and admin history stay attached (and back again)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# A database made before the split stands at these nodes (Django's own apps at their latest).
BEFORE = [
    *[(app, None) for app in ("auth", "admin", "sessions", "taggit")],
    ("blog", "0005_tags_from_prefetch_linter_audit_actions"),
    ("evidence", "0004_source_url_web_only"),
]


COMMENT_MODELS = ("comment", "moderationword", "moderatoralert")


def migrate(database, *args):
    env = {**os.environ, "SQLITE_PATH": str(database)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )


def content_type_id(db, app_label, model):
    row = db.execute(
        "select id from django_content_type where app_label=? and model=?", (app_label, model)
    ).fetchone()
    return row[0] if row else None


def granted(db, group):
    """The group's permissions as app_label.codename."""
    return {
        f"{app}.{codename}"
        for app, codename in db.execute(
            "select c.app_label, p.codename from auth_group_permissions gp"
            " join auth_group g on g.id = gp.group_id"
            " join auth_permission p on p.id = gp.permission_id"
            " join django_content_type c on c.id = p.content_type_id where g.name = ?",
            (group,),
        )
    }


def grant_all(db, group, app_label, model):
    db.execute("insert into auth_group(name) values (?)", (group,))
    db.execute(
        "insert into auth_group_permissions(group_id, permission_id)"
        " select g.id, p.id from auth_group g, auth_permission p"
        " where g.name = ? and p.content_type_id = ?",
        (group, content_type_id(db, app_label, model)),
    )


def log_change(db, app_label, model, object_id):
    db.execute(
        "insert or ignore into auth_user(password, is_superuser, username, first_name, last_name,"
        " email, is_staff, is_active, date_joined)"
        " values ('', 1, 'admin', '', '', '', 1, 1, '2026-01-01')"
    )
    db.execute(
        "insert into django_admin_log(action_time, object_id, object_repr, action_flag,"
        " change_message, content_type_id, user_id) values ('2026-01-01', ?, 'x', 2, '[]', ?,"
        " (select id from auth_user where username = 'admin'))",
        (str(object_id), content_type_id(db, app_label, model)),
    )


@pytest.fixture
def old_database(tmp_path):
    database = tmp_path / "old.sqlite3"
    for app, node in BEFORE:
        migrate(database, app, *[node] if node else [])
    with sqlite3.connect(database) as db:
        db.execute(
            "insert into blog_auditentry(created_at, action, object_id, object_repr, from_state,"
            " to_state, reason, data) values ('2026-01-01', 'publish', '1', 'An article',"
            " 'draft', 'published', '', '{}')"
        )
        db.execute(
            "insert into blog_moderationword(phrase, action, note) values ('wondermiddel', 'block', '')"
        )
        grant_all(db, "Auditors", "blog", "auditentry")
        grant_all(db, "Word keepers", "blog", "moderationword")
        grant_all(db, "Queue", "blog", "comment")
        log_change(db, "blog", "auditentry", 1)
        log_change(db, "blog", "moderationword", 1)
    return database


def content_types(db, app_label, models):
    return {model: content_type_id(db, app_label, model) for model in models}


def test_a_database_from_before_the_split_keeps_rows_permissions_and_history(old_database):
    """One database forward and back again (migrating costs seconds, so both apps share it)."""
    with sqlite3.connect(old_database) as db:
        audit_before = content_type_id(db, "blog", "auditentry")
        comments_before = content_types(db, "blog", COMMENT_MODELS)

    migrate(old_database)
    with sqlite3.connect(old_database) as db:
        assert content_type_id(db, "audit", "auditentry") == audit_before
        assert content_types(db, "comments", COMMENT_MODELS) == comments_before
        assert not any(content_types(db, "blog", ("auditentry", *COMMENT_MODELS)).values())
        assert db.execute("select action, object_repr from blog_auditentry").fetchall() == [
            ("publish", "An article")
        ]
        assert db.execute("select phrase from blog_moderationword").fetchall() == [
            ("wondermiddel",)
        ]
        assert {"audit.view_auditentry", "audit.delete_auditentry"} <= granted(db, "Auditors")
        assert "comments.moderate_comment" in granted(db, "Queue")
        assert "comments.delete_moderationword" in granted(db, "Word keepers")
        logged = {row[0] for row in db.execute("select content_type_id from django_admin_log")}
        assert {audit_before, comments_before["moderationword"]} <= logged
        # The role is set up from the new labels, onto the rows that moved.
        assert {"comments.moderate_comment", "comments.add_moderationword"} <= granted(
            db, "Moderators"
        )

    migrate(old_database, "comments", "zero")
    migrate(old_database, "audit", "zero")
    with sqlite3.connect(old_database) as db:
        assert content_type_id(db, "blog", "auditentry") == audit_before
        assert content_types(db, "blog", COMMENT_MODELS) == comments_before
        assert not any(content_types(db, "audit", ["auditentry"]).values())
        assert not any(content_types(db, "comments", COMMENT_MODELS).values())
        assert "blog.view_auditentry" in granted(db, "Auditors")
        assert "blog.moderate_comment" in granted(db, "Queue")
        assert db.execute("select count(*) from blog_auditentry").fetchone() == (1,)
        assert db.execute("select count(*) from blog_moderationword").fetchone() == (1,)
