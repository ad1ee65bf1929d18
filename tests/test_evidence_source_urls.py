"""A source's URL is a web address on every write path, and only a web address becomes a link.

The attack: Source.url = "javascript:alert(1)" saved through the ORM became a clickable
link on the source page and in the article's references, running script in the site's
origin. The admin form refused it; the model, the database and the templates did not.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from evidence.models import Source
from tests.factories import make_source

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[1]
UNSAFE = [
    "javascript:alert(1)",
    "  JavaScript:alert(document.domain)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/studie.pdf",
    "//evil.example/x",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_the_model_refuses_anything_but_a_web_address(url):
    source = Source(title="Studie", design=Source.Design.RCT, url=url)
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "url" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        source.save()
    assert refused.value.message_dict["url"] == [
        "Vul een webadres in dat begint met http:// of https://."
    ]
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", [u for u in UNSAFE if not u.startswith(("ftp", "//"))])
def test_the_database_refuses_it_from_update_and_bulk_create(url):
    source = make_source(url="https://example.org/studie")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(url=url)
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.bulk_create([Source(title="Bulk", design=Source.Design.RCT, url=url)])
    assert Source.objects.get(pk=source.pk).url == "https://example.org/studie"


@pytest.mark.parametrize(
    "url", ["https://example.org/studie", "HTTP://EXAMPLE.ORG/x", "", " https://example.org/a"]
)
def test_web_addresses_in_any_case_are_accepted_everywhere(url):
    source = make_source(url=url)
    Source.objects.filter(pk=source.pk).update(url=url)
    assert Source.objects.get(pk=source.pk).url == url


def _links(html):
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return [a.get("href") for a in tree.iter("a")]


@pytest.mark.parametrize("url", UNSAFE)
def test_a_stored_unsafe_url_never_becomes_a_link(url):
    """Values stored before the constraint (or written around it) render as no link."""
    source = Source(pk=1, title="Oud record", design=Source.Design.RCT, url=url)
    citation = type("Citation", (), {"source": source, "get_role_display": lambda: "steunt"})
    html = render_to_string("evidence/publication/citation.html", {"citation": citation})
    page = render_to_string("blog/source_detail.html", {"source": source, "articles": []})
    for href in _links(html) + _links(page):
        assert urlsplit(href).scheme in {"", "https"} and not href.startswith("//"), href
    assert source.web_url == ""


def test_a_web_address_is_linked_on_the_source_page(client):
    source = make_source(doi=None, url="https://example.org/studie")
    page = client.get(source.get_absolute_url()).content.decode()
    assert 'href="https://example.org/studie"' in page


MIGRATE_BACK_AND_SEED = """
import django, json
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
# The models as the database stands now (before editions), not as the code has them.
loader = MigrationExecutor(connection).loader
apps = loader.project_state(list(loader.applied_migrations)).apps
Article = apps.get_model("blog", "Article")
Source = apps.get_model("evidence", "Source")
source, = Source.objects.bulk_create([Source(title="Oude studie", year=2019, design="rct",
                                            url=" JavaScript:alert(1)")])
good, = Source.objects.bulk_create([Source(title="Goede studie", design="rct",
                                          url="https://example.org/goed")])
article = Article.objects.create(title="Oud", slug="oud", lead="x", body="x")
link = '<a href="%s" rel="nofollow noopener noreferrer">Online</a> '
Article.objects.filter(pk=article.pk).update(status="published", live_at=timezone.now(),
    live_extras={
        "references_html": "<li>" + link % " JavaScript:alert(1)" + link % "https://example.org/goed" + "</li>",
        "citations": [{"source_id": source.pk, "url": " JavaScript:alert(1)"},
                      {"source_id": good.pk, "url": "https://example.org/goed"}],
        "json_ld": json.dumps({"citation": [{"name": "Oude studie", "url": " JavaScript:alert(1)"}]}),
    })
"""


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True
    )


def test_the_migration_clears_unsafe_values_records_them_and_scrubs_snapshots(tmp_path):
    database = tmp_path / "old.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DATABASE_URL", None)
    _manage("migrate", "--noinput", env=env)
    _manage("migrate", "evidence", "0003_linter_findings", "--noinput", env=env)
    subprocess.run([sys.executable, "-c", MIGRATE_BACK_AND_SEED], cwd=REPO, env=env, check=True)
    _manage("migrate", "--noinput", env=env)
    with sqlite3.connect(database) as db:
        urls = dict(db.execute("select title, url from evidence_source"))
        ((action, reason, data),) = db.execute(
            "select action, reason, data from blog_auditentry where action='source_url_cleared'"
        )
        edition = db.execute(
            "select references_html, citations, json_ld from blog_edition where slug='oud'"
        ).fetchone()
    assert urls == {"Oude studie": "", "Goede studie": "https://example.org/goed"}
    assert json.loads(data) == {"url": " JavaScript:alert(1)"} and "not a web address" in reason
    assert "javascript" not in json.dumps(edition).lower()  # scrubbed before editions took it
    assert 'href="https://example.org/goed"' in edition[0]
    _manage(
        "migrate", "evidence", "0003_linter_findings", "--noinput", env=env
    )  # and back: values restored
    with sqlite3.connect(database) as db:
        restored = dict(db.execute("select title, url from evidence_source"))
    assert restored["Oude studie"] == " JavaScript:alert(1)"
