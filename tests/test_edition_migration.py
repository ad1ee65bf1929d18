"""The move from the article's live_* columns to editions keeps what readers saw, both ways.

Runs manage.py migrate on a throwaway SQLite file: back to before editions, seed a
published, a withdrawn and a draft article the old way, forward (editions appear,
the live columns go), and back again (the live columns return with what was live).
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BEFORE_EDITIONS = "0007_comments_move_to_their_own_app"

SEED_THE_OLD_WAY = """
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
loader = MigrationExecutor(connection).loader
apps = loader.project_state(list(loader.applied_migrations)).apps
Article = apps.get_model("blog", "Article")
Author = apps.get_model("blog", "Author")
Topic = apps.get_model("blog", "Topic")
Source = apps.get_model("evidence", "Source")
Tag = apps.get_model("taggit", "Tag")
TaggedItem = apps.get_model("taggit", "TaggedItem")
ContentType = apps.get_model("contenttypes", "ContentType")
topic = Topic.objects.create(name="Acne", slug="acne")
author = Author.objects.create(name="Eva", slug="eva", credentials="dermatoloog")
source = Source.objects.create(title="Studie", design="rct")
now = timezone.now()

def article(slug, status, **live):
    made = Article.objects.create(title="Werk " + slug, slug=slug, lead="x", body="x",
                                  topic=topic, status=status, published_at=now, **live)
    made.authors.add(author)
    ct = ContentType.objects.get(app_label="blog", model="article")
    tag, _ = Tag.objects.get_or_create(name="huid", slug="huid")
    TaggedItem.objects.create(tag=tag, content_type=ct, object_id=made.pk)
    return made

extras = {"references_html": "<ol><li>Studie</li></ol>", "json_ld": "{}",
          "citations": [{"source_id": source.pk}], "fingerprint": "f" * 64,
          "byline_html": "<span>Eva</span>", "hero": None,
          "localized": {"en": {"body_html": "<p>EN</p>", "byline_html": "<span>Eva</span>"}}}
article("live", "published", live_at=now, live_title="Live titel", live_lead="Live lead",
        live_body_html="<p>Live</p>", live_search_text="live", live_extras=extras)
article("weg", "withdrawn", live_title="Weg titel", live_lead="Weg", live_body_html="<p>Weg</p>",
        live_extras=extras)
article("concept", "draft")
"""


def _manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True
    )


def _rows(database, sql):
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(sql)]


def test_editions_are_made_from_the_live_columns_and_back(tmp_path):
    database = tmp_path / "old.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    _manage("migrate", "--noinput", env=env)
    _manage("migrate", "blog", BEFORE_EDITIONS, "--noinput", env=env)
    subprocess.run([sys.executable, "-c", SEED_THE_OLD_WAY], cwd=REPO, env=env, check=True)

    _manage("migrate", "--noinput", env=env)
    editions = {
        row["slug"]: row
        for row in _rows(
            database,
            "select e.*, (select count(*) from blog_edition_tags t where t.edition_id = e.id) tags,"
            " (select count(*) from blog_edition_authors a where a.edition_id = e.id) authors,"
            " (select count(*) from blog_edition_sources s where s.edition_id = e.id) sources"
            " from blog_edition e",
        )
    }
    assert set(editions) == {"live", "weg"}  # the draft was never public
    live, gone = editions["live"], editions["weg"]
    assert (live["is_current"], live["title"], live["body_html"]) == (
        1,
        "Live titel",
        "<p>Live</p>",
    )
    assert (live["tags"], live["authors"], live["sources"], live["topic_id"] is not None) == (
        1,
        1,
        1,
        True,
    )
    assert json.loads(live["localized"]) == {"en": {"body_html": "<p>EN</p>"}}
    assert (gone["is_current"], gone["title"], gone["withdrawn_at"] is not None) == (
        0,
        "Weg titel",
        True,
    )
    columns = {row["name"] for row in _rows(database, "pragma table_info(blog_article)")}
    assert not {c for c in columns if c.startswith("live_")}

    _manage("migrate", "blog", BEFORE_EDITIONS, "--noinput", env=env)
    articles = {
        row["slug"]: row
        for row in _rows(
            database, "select slug, live_at, live_title, live_extras from blog_article"
        )
    }
    assert articles["live"]["live_title"] == "Live titel" and articles["live"]["live_at"]
    assert articles["weg"]["live_title"] == "Weg titel" and articles["weg"]["live_at"] is None
    assert articles["concept"]["live_title"] == ""
    restored = json.loads(articles["live"]["live_extras"])
    assert restored["author_names"] == ["Eva"] and restored["tags"] == [
        {"name": "huid", "slug": "huid"}
    ]
    assert (
        restored["references_html"] == "<ol><li>Studie</li></ol>"
        and "Eva" in restored["byline_html"]
    )
