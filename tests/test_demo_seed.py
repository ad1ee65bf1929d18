"""manage.py seed_demo: the demo a new user meets after `make run`.

The demo is seeded once for the module inside an outer transaction (like
TestCase.setUpTestData); each test runs in its own savepoint on top of it.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test.utils import override_settings

from blog.demo import data
from blog.forms import EDITABLE_FIELDS, ArticleAdminForm
from blog.models import Article, Author, Topic
from blog.workflow import revisions
from comments.models import Comment
from evidence.models import Citation, Claim, Source
from evidence.readiness import readiness

LOGIN_LINE = re.compile(r"gebruiker: (\S+)\s+wachtwoord: (\S+)")
SEEDED_MODELS = [Article, Author, Topic, Source, Claim, Citation, get_user_model()]


def _seed():
    # Tests run with DEBUG off, where the command refuses unless forced.
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed output and media folder; the rows live until the module's transaction rolls back."""
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield {"output": _seed(), "media": Path(media)}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(demo, db):
    return demo


def _counts():
    return {model.__name__: model.objects.count() for model in SEEDED_MODELS}


def test_second_run_creates_nothing_and_says_so(seeded):
    before = _counts()
    output = _seed()
    assert _counts() == before
    assert "niets dubbel" in output
    assert not LOGIN_LINE.search(output)


def test_second_run_keeps_what_an_editor_changed(seeded):
    Article.objects.filter(slug="kurkuma-bij-psoriasis").update(title="Eigen titel")
    _seed()
    assert Article.objects.get(slug="kurkuma-bij-psoriasis").title == "Eigen titel"


def test_refuses_a_production_site_unless_forced(db, settings):
    settings.DEBUG = False
    before = _counts()
    with pytest.raises(CommandError, match="productiesite"):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_printed_passwords_log_in_and_are_not_printed_again(seeded):
    logins = dict(LOGIN_LINE.findall(seeded["output"]))
    assert set(logins) == {"admin", "redacteur", "reviewer", "reviewer2", "moderator"}
    for username, password in logins.items():
        assert authenticate(username=username, password=password) is not None, username
    assert get_user_model().objects.get(username="admin").is_superuser
    rerun = _seed()
    assert "manage.py changepassword admin" in rerun
    assert all(password not in rerun for password in logins.values())


def test_demo_roles_have_their_groups_and_the_reviewer_her_credentials(seeded):
    users = get_user_model().objects
    assert users.get(username="redacteur").groups.filter(name="Editors").exists()
    assert users.get(username="moderator").groups.filter(name="Moderators").exists()
    reviewer = users.get(username="reviewer")
    assert reviewer.groups.filter(name="Medical reviewers").exists()
    assert reviewer.author_profile.big_number
    assert reviewer.author_profile.credentials == "dermatoloog"


def test_authors_include_a_registered_professional_and_non_doctors(seeded):
    assert Author.objects.count() >= 4
    assert Author.objects.filter(is_health_professional=True).exclude(big_number="").exists()
    credentials = set(Author.objects.values_list("credentials", flat=True))
    assert "doctor in de psychologie, geen arts" in credentials
    assert any(c.startswith("diëtist") for c in credentials)
    assert any("journalist" in c for c in credentials)


def test_every_published_demo_article_passes_the_gate_and_is_public(seeded, client):
    published = Article.objects.published()
    assert published.count() >= 6
    assert published.values("topic").distinct().count() >= 4
    for article in published:
        assert readiness(article) == [], article.slug
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert article.title in page.content.decode()


def test_published_articles_show_callouts_tables_badges_and_credited_heroes(seeded, client):
    for article in Article.objects.published():
        assert article.hero_image and article.hero_alt and article.hero_caption
        assert (article.hero_credit, article.hero_licence) == (
            "Illustratie: Gutcheck-redactie",
            "CC BY 4.0",
        )
        assert (seeded["media"] / article.hero_image.name).is_file()
        html = article.current_edition.body_html
        assert "<table" in html and 'class="admonition' in html
        assert "[[claim:" not in html
        assert article.tags.exists()


def test_every_demo_article_has_its_history_on_record_in_the_demo_accounts_names(seeded):
    for article in Article.objects.all():
        newest = revisions.latest(article)
        assert newest is not None, article.slug
        assert newest.data == revisions.serialize(article), article.slug  # nothing unrecorded
        assert not article.revisions.filter(created_by=None).exists(), article.slug


def test_demo_sources_are_recognisably_not_real(seeded):
    for source in Source.objects.all():
        assert source.title.endswith("(demo)")
        assert source.doi.startswith("10.5555/demo.")
    designs = set(Source.objects.values_list("design", flat=True))
    assert {"sr_rct", "rct", "cohort", "animal", "in_vitro", "case_report"} <= designs
    assert Citation.objects.filter(role=Citation.Role.CONTRADICTS).exists()


def test_failing_draft_shows_several_kinds_of_problem(seeded, client, editor):
    article = Article.objects.get(slug="kurkuma-bij-psoriasis")
    codes = {problem.code for problem in readiness(article)}
    assert {
        "unknown_marker",
        "unmarked_claim",
        "unsupported_claim",
        "retracted_source",
        "missing_disclaimer",
    } <= codes
    with pytest.raises(ValidationError):
        article.publish(by=editor)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_fixing_the_mistyped_marker_shrinks_the_problem_list(seeded):
    article = Article.objects.get(slug="kurkuma-bij-psoriasis")
    before = len(readiness(article))
    article.body = article.body.replace(
        "[[claim:kurkuma-ontsteking]]", "[[claim:kurkuma-ontstekingen]]"
    )
    article.save()
    assert len(readiness(article)) == before - 2


def test_reviewed_draft_publishes_with_one_click(seeded, client):
    editor = get_user_model().objects.get(username="redacteur")
    article = Article.objects.get(slug="rosacea-triggers-bijhouden")
    assert not article.is_public
    article.publish(by=editor)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_draft_in_review_waits_only_for_the_medical_reviewer(seeded):
    article = Article.objects.get(slug="zink-en-acne")
    assert article.status == Article.Status.IN_REVIEW
    (only_problem,) = [str(p) for p in readiness(article)]
    assert "beoordel" in only_problem
    assert article.reviews.filter(decision="requested").exists()


def test_data_files_match_what_was_seeded(seeded):
    slugs = {spec["slug"] for spec in data.articles()}
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    states = [spec["state"] for spec in data.articles()]
    assert states.count("published") == Article.objects.published().count()


def test_article_page_shows_approved_reader_items_only(seeded, client):
    page = client.get(Article.objects.get(slug="probiotica-en-acne").get_absolute_url())
    html = page.content.decode()
    assert "Lotte" in html and "Sem" in html and "Redactie" in html
    assert "Ricardo" not in html and "zinkwinkel" not in html


def test_reader_items_are_approved_or_waiting_with_their_reasons(seeded):
    article = Article.objects.get(slug="probiotica-en-acne")
    public = article.comments.public()
    assert {c.name for c in public} == {"Lotte", "Sem", "Redactie"}
    reply = public.get(is_editor_reply=True)
    assert reply.parent.name == "Lotte" and reply.user.username == "redacteur"
    assert all(c.moderated_by.username == "moderator" for c in public)
    waiting = Comment.objects.waiting()
    assert waiting.count() == 3
    assert {"dose", "shop_link"} <= set(waiting.get(name="Ricardo").flag_codes)
    assert "stop_medication" in waiting.get(name="Eduard").flag_codes


def test_saving_the_reviewed_draft_unchanged_in_the_admin_form_keeps_its_review(seeded):
    article = Article.objects.get(slug="rosacea-triggers-bijhouden")
    data = model_to_dict(article, fields=EDITABLE_FIELDS)
    data.update(
        body=article.body.replace("\n", "\r\n"),  # what a browser sends for a textarea
        authors=[a.pk for a in data["authors"]],
        tags=", ".join(article.tags.names()),
        review_due=article.review_due or "",
    )
    form = ArticleAdminForm(data=data, instance=article)
    assert form.is_valid(), form.errors
    form.save()
    assert readiness(Article.objects.get(pk=article.pk)) == []
